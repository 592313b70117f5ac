// The Node and Python SDKs ship standalone, so each keeps its own copy of the transport tables of
// host/src/contract/operations.ts (HTTP path and gRPC method per operation). This test fails when a copy drifts.
// It also keeps the Node SDK's wire records (types.ts, snake_case) naming the same fields as their generated twins
// (types.gen.ts, camelCase): that half is checked by tsc. The Python SDK checks its models in its own pytest suite.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { GRPC_METHODS, HTTP_PATHS, OPERATIONS } from '../../host/src/contract/operations';
import type { Operation } from '../../host/src/contract/operations';
import * as nodeSdk from '../../sdk/node/src/types';
import type * as gen from '../../sdk/node/src/types.gen';

const REPO = path.resolve(__dirname, '..', '..', '..');

// Compile-time half: the Node SDK's Operation is exactly the host's (tsc fails on a missing or extra operation).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameOperations: Same<nodeSdk.Operation, Operation> = true;

// A generated (camelCase) field name as it is spelled on the wire, and a record's named fields (not its index signature).
type Snake<S extends string> = S extends `${infer A}${infer B}` ? `${A extends Lowercase<A> ? A : `_${Lowercase<A>}`}${Snake<B>}` : S;
type Named<T> = keyof { [K in keyof T as string extends K ? never : K]: T[K] };
/** `true`, or the fields only one side has: tsc prints them when this is assigned `true`. */
type SameFields<Wire, Generated> = Same<Named<Wire>, Snake<Extract<keyof Generated, string>>> extends true ? true
  : { onlyInSdk: Exclude<Named<Wire>, Snake<Extract<keyof Generated, string>>>; onlyInWit: Exclude<Snake<Extract<keyof Generated, string>>, Named<Wire>> };
type Column = NonNullable<nodeSdk.DataResult['columns']>[number];
const sameRecords: [
  SameFields<nodeSdk.PluginContext, gen.PluginContext>, SameFields<nodeSdk.AuthCredentials, gen.AuthCredentials>,
  SameFields<nodeSdk.UserIdentity, gen.UserIdentity>, SameFields<nodeSdk.AuthResult, gen.AuthResult>,
  SameFields<nodeSdk.TemplateFunctionParameter, gen.FunctionParameter>, SameFields<nodeSdk.TemplateFunction, gen.FunctionDescriptor>,
  SameFields<nodeSdk.ResponseRequest, gen.ResponseRequest>, SameFields<nodeSdk.ResponseData, gen.ResponseData>,
  SameFields<nodeSdk.SortField, gen.SortField>, SameFields<nodeSdk.QueryFilter, gen.QueryFilter>, SameFields<nodeSdk.DataQuery, gen.DataQuery>,
  SameFields<nodeSdk.DataRow, gen.DataRow>, SameFields<Column, gen.ColumnInfo>, SameFields<nodeSdk.DataResult, gen.DataResult>,
  SameFields<nodeSdk.Capabilities, gen.PluginCapabilities>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];

/** Every difference between the host's table and an SDK's copy, as readable lines (empty when they agree). */
function tableDrift(what: string, host: Record<string, string>, copy: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const op of OPERATIONS) {
    if (!(op in copy)) out.push(`${what}: ${op} is missing (host: ${host[op]})`);
    else if (copy[op] !== host[op]) out.push(`${what}: ${op} is ${JSON.stringify(copy[op])}, host says ${JSON.stringify(host[op])}`);
  }
  for (const key of Object.keys(copy)) if (!(OPERATIONS as readonly string[]).includes(key)) out.push(`${what}: ${key} is not an operation of the host`);
  return out;
}

/** The Python SDK's tables, read by importing the package the way a plugin does. */
function pythonTables(): { http: Record<string, unknown>; grpc: Record<string, unknown>; models: string[] } | string {
  const script = [
    'import json',
    'from mockforge_plugin.models import HTTP_PATHS, REQUEST_MODELS',
    'from mockforge_plugin.grpc_server import GRPC_METHODS',
    'print(json.dumps({"http": HTTP_PATHS, "grpc": GRPC_METHODS, "models": sorted(REQUEST_MODELS)}))',
  ].join('\n');
  const env = { ...process.env, PYTHONPATH: [path.join(REPO, 'sdk', 'python'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8', env });
  if (r.status !== 0) return `python3 could not import mockforge_plugin (scripts/setup.sh installs its dependencies):\n${r.stderr}`;
  return JSON.parse(r.stdout) as { http: Record<string, unknown>; grpc: Record<string, unknown>; models: string[] };
}

describe('the SDKs agree with host/src/contract/operations.ts and wit/', () => {
  it('Node SDK: HTTP_PATHS, GRPC_METHODS, Operation and the wire records', () => {
    assert.equal(sameOperations, true);
    assert.ok(sameRecords.every((same) => same === true));
    assert.deepEqual(tableDrift('sdk/node HTTP_PATHS', HTTP_PATHS, nodeSdk.HTTP_PATHS), []);
    assert.deepEqual(tableDrift('sdk/node GRPC_METHODS', GRPC_METHODS, nodeSdk.GRPC_METHODS), []);
  });

  it('Python SDK: models.HTTP_PATHS, grpc_server.GRPC_METHODS and one request model per operation', () => {
    const py = pythonTables();
    if (typeof py === 'string') assert.fail(py);
    assert.deepEqual(tableDrift('sdk/python HTTP_PATHS', HTTP_PATHS, py.http), []);
    assert.deepEqual(tableDrift('sdk/python GRPC_METHODS', GRPC_METHODS, py.grpc), []);
    assert.deepEqual(py.models, [...OPERATIONS].sort());
  });

  it('a changed, missing or extra entry is reported by operation', () => {
    const changed = { ...HTTP_PATHS, query: '/plugin/datasource/run' };
    assert.deepEqual(tableDrift('copy', HTTP_PATHS, changed), ['copy: query is "/plugin/datasource/run", host says "/plugin/datasource/query"']);
    const { authenticate: _dropped, ...missing } = HTTP_PATHS;
    assert.deepEqual(tableDrift('copy', HTTP_PATHS, missing), ['copy: authenticate is missing (host: /plugin/authenticate)']);
    assert.deepEqual(tableDrift('copy', GRPC_METHODS, { ...GRPC_METHODS, log: 'Log' }), ['copy: log is not an operation of the host']);
  });
});
