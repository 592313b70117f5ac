// wit-values.ts turns wire JSON into exactly the values jco's bindings for wit/*.wit declare, and back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS } from '../../host/src/contract/operations';
import { SAMPLE_REQUESTS } from '../../host/src/contract/samples';
import type { ResultOf } from '../../host/src/contract/types';
import { errorToWire, fromWire, requestToArgs, resultToWire, toWire, WitValueError } from '../../host/src/contract/wit-values';
import { REQUESTS, RESULTS } from '../../host/src/contract/schema';
import { conform, jcoDeclarations } from './jco-shape';
import { joinWitFiles, readWitFiles } from './wit-package';

const decls = jcoDeclarations(joinWitFiles(readWitFiles()), 'plugin');

const RESULTS_SAMPLE: ResultOf = {
  authenticate: { authenticated: true, user_id: 'u-1', identity: { user_id: 'u-1', username: 'ada', roles: ['admin'], groups: [], attributes: { level: 3 } }, claims: { role: 'admin', scopes: ['a', 'b'] }, metadata: {} },
  list_functions: { functions: [{ name: 'upper', description: 'Upper-cases', parameters: [{ name: 's', param_type: 'string', description: 'text', required: true, default_value: '', var_args: false }], return_type: 'string', examples: ['{{upper "a"}}'], category: 'text', pure: true }] },
  execute_function: { result: { nested: [1, null, 'x'] } },
  generate_response: { status_code: 201, headers: { 'content-type': 'application/json' }, body: 'eyJpZCI6MX0=', content_type: 'application/json', metadata: {}, cache_control: 'no-store', custom: {} },
  query: { rows: [{ values: { id: 1, name: 'Ada' }, metadata: {} }], columns: [{ name: 'id', data_type: 'integer', nullable: false, description: 'key' }], total_count: 1, execution_time_ms: 3, metadata: {} },
  get_capabilities: { types: ['auth', 'datasource'], network: { allow_outbound: true, allowed_hosts: ['*.example.com'] }, filesystem: null, resources: { max_memory_bytes: 10485760, timeout_ms: 5000 }, metadata: {} },
};

/** The wire value as a writer following §7 would send it: nulls (options that are none) left out. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  return v;
}

for (const op of OPERATIONS) {
  test(`${op}: the sample request becomes arguments jco's bindings accept, and comes back unchanged`, async () => {
    const d = await decls;
    const fn = d.functions.get(op.replace(/_/g, '-'));
    assert.ok(fn, `jco declares no function for ${op}`);
    const args = requestToArgs(op, SAMPLE_REQUESTS[op] as unknown as Record<string, unknown>);
    assert.equal(args.length, fn.params.length);
    args.forEach((a, i) => {
      // An absent optional parameter is undefined, which jco declares as `T | undefined`.
      const type = fn.params[i].replace(/ \| undefined$/, '');
      if (a !== undefined) assert.deepEqual(conform(d, type, a, Object.keys(REQUESTS[op])[i]), []);
    });
    const back = Object.fromEntries(Object.entries(REQUESTS[op]).map(([name, spec], i) => [name, toWire(spec, args[i], name)]).filter(([, v]) => v !== null));
    assert.deepEqual(back, withoutNulls(SAMPLE_REQUESTS[op]));
  });

  test(`${op}: a result converts to the return type jco declares and back`, async () => {
    const d = await decls;
    const value = fromWire({ kind: 'record', name: RESULTS[op] }, RESULTS_SAMPLE[op], 'result');
    assert.deepEqual(conform(d, d.functions.get(op.replace(/_/g, '-'))!.returns, value), []);
    assert.deepEqual(resultToWire(op, value), withoutNulls(RESULTS_SAMPLE[op]));
  });
}

test('u64 values are bigint in WIT and numbers on the wire', () => {
  const q = fromWire({ kind: 'record', name: 'data-query' }, { query: 'x', limit: 10 }) as { limit: unknown; sort: unknown; parameters: unknown };
  assert.equal(q.limit, 10n);
  assert.deepEqual(q.sort, []);
  assert.deepEqual(q.parameters, []);
  assert.throws(() => toWire({ kind: 'uint', bits: 64 }, 2n ** 60n, 'result.total_count'), /result\.total_count: .* does not fit/);
});

test('enum cases: kebab in WIT, snake on the wire', () => {
  assert.deepEqual(errorToWire({ code: 'unsupported-operation', message: 'no', details: [] }), { code: 'unsupported_operation', message: 'no' });
  assert.deepEqual(errorToWire({ code: 'plugin-error', message: 'x', details: [['attempt', '2']] }), { code: 'plugin_error', message: 'x', details: { attempt: 2 } });
});

test('bad values from a component are located', () => {
  assert.throws(() => resultToWire('execute_function', { result: '{not json' }), (e: unknown) => e instanceof WitValueError && e.path === 'result.result');
  assert.throws(() => resultToWire('generate_response', { statusCode: 200, headers: [['a', 1]], body: new Uint8Array(), contentType: 'x', metadata: [], custom: [] }), /result\.headers\.a: expected a string/);
  assert.throws(() => resultToWire('authenticate', { authenticated: 'yes' }), /result\.authenticated: expected bool/);
});

test('the shape checker itself rejects a wrong value', async () => {
  const d = await decls;
  assert.deepEqual(conform(d, 'AuthResult', { authenticated: true, claims: {}, metadata: [] }), ['value.claims: expected Array<[string, Json]>, got object']);
  assert.deepEqual(conform(d, 'DataQuery', { query: 'x', parameters: [], sort: [], filters: [], options: [], limit: 3 }), ['value.limit: expected bigint, got number']);
});
