// WIT and plugin.proto describe the same operations and fields; a mutation on either side is caught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compareContracts } from './drift';
import { compareSchema } from './schema-drift';
import { protoModel } from './proto-model';
import { joinWitFiles, PROTO_FILE, readWitFiles } from './wit-package';
import { witModel } from './wit-model';
import { ERROR_CODES } from '../../host/src/contract/errors';
import { OPERATIONS, GRPC_METHODS } from '../../host/src/contract/operations';

const witFiles = readWitFiles();
const protoText = readFileSync(PROTO_FILE, 'utf8');
const wit = witModel(joinWitFiles(witFiles));

function mutateWit(file: string, from: string, to: string): string {
  const text = witFiles.get(file)!;
  assert.ok(text.includes(from), `${file} has no "${from}" to mutate`);
  return joinWitFiles(new Map(witFiles).set(file, text.replace(from, to)));
}

test('WIT and proto name the same operations and fields', async () => {
  assert.deepEqual(compareContracts(await wit, protoModel(protoText)), []);
});

test('the proto service has one rpc per operation plus Health', () => {
  const proto = protoModel(protoText);
  assert.deepEqual([...proto.methods.keys()].sort(), [...OPERATIONS.map((o) => GRPC_METHODS[o]), 'Health'].sort());
});

test('the model read back from jco is the real one', async () => {
  const model = await wit;
  const auth = model.get('auth')!;
  assert.deepEqual(auth.functions.get('authenticate')!.params.map((p) => p.name), ['context', 'credentials']);
  const result = auth.types.get('auth-result');
  assert.equal(result?.kind, 'record');
  assert.deepEqual(result.kind === 'record' && result.fields.map((f) => f.name), ['authenticated', 'user-id', 'identity', 'claims', 'metadata', 'error-message']);
});

test('the WIT error-code enum is the closed list of errors.ts', async () => {
  const codes = (await wit).get('types')!.types.get('error-code');
  assert.equal(codes?.kind, 'enum');
  assert.deepEqual(codes.kind === 'enum' && codes.cases.map((c) => c.replace(/-/g, '_')), Object.keys(ERROR_CODES));
});

test('renaming a WIT field is caught', async () => {
  const problems = compareContracts(await witModel(mutateWit('auth.wit', 'error-message: option<string>', 'error-text: option<string>')), protoModel(protoText));
  assert.ok(problems.some((p) => p.includes('record auth.auth-result') && p.includes('error_text')), problems.join('\n'));
});

test('renaming a WIT parameter is caught', async () => {
  const problems = compareContracts(await witModel(mutateWit('template.wit', 'execute-function: func(function-name: string', 'execute-function: func(name: string')), protoModel(protoText));
  assert.ok(problems.some((p) => p.startsWith('execute-function parameters')), problems.join('\n'));
});

test('renaming a proto field is caught', async () => {
  const mutated = protoText.replace('string data_type = 2;', 'string datatype = 2;');
  assert.notEqual(mutated, protoText);
  const problems = compareContracts(await wit, protoModel(mutated));
  assert.ok(problems.some((p) => p.includes('record datasource.column-info') && p.includes('datatype')), problems.join('\n'));
});

test('making a proto field non-optional is caught', async () => {
  const mutated = protoText.replace('optional string client_ip = 6;', 'string client_ip = 6;');
  const problems = compareContracts(await wit, protoModel(mutated));
  assert.deepEqual(problems, ['record types.plugin-context.client-ip: WIT means optional string, proto field client_ip is single string']);
});

test('a WIT operation the proto lacks is caught', async () => {
  const mutated = protoText.replace(/\s*rpc Query\(QueryRequest\) returns \(QueryReply\);/, '');
  const problems = compareContracts(await wit, protoModel(mutated));
  assert.ok(problems.includes('operation query: proto service has no rpc Query'), problems.join('\n'));
});

test('schema.ts (what the validators enforce) matches the WIT', async () => {
  assert.deepEqual(compareSchema(await wit), []);
});

test('a WIT change the validators do not know about is caught', async () => {
  const problems = compareSchema(await witModel(mutateWit('response.wit', 'status-code: u16', 'status-code: u32')));
  assert.deepEqual(problems, ['record response-data.status_code: schema.ts {"kind":"uint","bits":16}, WIT means {"kind":"uint","bits":32}']);
});
