// The Node codec's JSON-text tables match the comments of wit/plugin.proto, and a round trip through real
// protobuf bytes gives back the JSON wire value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { JSON_MAP_FIELDS, JSON_TEXT_FIELDS, loadPluginProto, ProtoCodec, SERVICE_NAME } from '../../sdk/node/src/grpc-codec';
import { ROOT } from './helpers/paths';

function jsonFieldsFromProto(): { text: Record<string, string[]>; map: Record<string, string[]> } {
  const text: Record<string, string[]> = {};
  const map: Record<string, string[]> = {};
  let message = '';
  let comment = '';
  for (const raw of readFileSync(join(ROOT, 'wit/plugin.proto'), 'utf8').split('\n')) {
    const s = raw.trim();
    const m = /^message (\w+) \{/.exec(s);
    if (m) { message = m[1]!; comment = ''; continue; }
    if (s.startsWith('//')) { comment += s; continue; }
    const f = /^(?:optional |repeated )?(map<string, string>|[\w.]+) (\w+) = \d+;/.exec(s);
    if (f && message && comment.includes('JSON text')) (f[1]!.startsWith('map<') ? map : text)[message] = [...((f[1]!.startsWith('map<') ? map : text)[message] ?? []), f[2]!];
    comment = '';
  }
  return { text, map };
}

it('JSON-text tables match the proto comments', () => {
  const { text, map } = jsonFieldsFromProto();
  const sorted = (t: Readonly<Record<string, readonly string[]>>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, [...v].sort()]).sort());
  assert.deepEqual(sorted(JSON_TEXT_FIELDS), sorted(text));
  assert.deepEqual(sorted(JSON_MAP_FIELDS), sorted(map));
});

it('round-trips requests and replies through protobuf bytes', () => {
  const def = loadPluginProto();
  const codec = new ProtoCodec(def);
  const svc = def[SERVICE_NAME] as unknown as Record<string, { requestSerialize(v: unknown): Buffer; requestDeserialize(b: Buffer): unknown; responseSerialize(v: unknown): Buffer; responseDeserialize(b: Buffer): unknown }>;
  const req = { function_name: 'pick', args: [1, 'two', { three: [3] }, null], context: { method: 'GET', uri: '/', headers: { a: 'b' }, body: Buffer.from('hi').toString('base64') } };
  const back = codec.fromProto('mockforge.plugin.v1.ExecuteFunctionRequest', svc.ExecuteFunction!.requestDeserialize(svc.ExecuteFunction!.requestSerialize(codec.toProto('mockforge.plugin.v1.ExecuteFunctionRequest', req)))) as typeof req;
  assert.deepEqual(back.args, req.args);
  assert.equal(back.context.body, req.context.body);
  assert.deepEqual(back.context.headers, { a: 'b' });

  const reply = { success: false, error: { code: 'plugin_error', message: 'no', details: { n: 1, list: [true] } } };
  const r = codec.fromProto('mockforge.plugin.v1.ExecuteFunctionReply', svc.ExecuteFunction!.responseDeserialize(svc.ExecuteFunction!.responseSerialize(codec.toProto('mockforge.plugin.v1.ExecuteFunctionReply', reply))));
  assert.deepEqual(r, reply);
});

it('JSON text that does not parse is reported with its field', () => {
  const codec = new ProtoCodec(loadPluginProto());
  assert.throws(() => codec.fromProto('mockforge.plugin.v1.FunctionResult', { result: '{oops' }), /FunctionResult\.result must hold JSON text, got "\{oops"/);
});
