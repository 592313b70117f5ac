// The WIT ↔ JSON mapping of docs/protocol.md §7, on the product's own types (wit/*.wit), without a component.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvertError, fromWit, toWit } from '../../host/src/component/convert';
import { productWitModel } from '../../host/src/component/wit-model';
import { checkWorld } from '../../host/src/component/world';

const model = productWitModel();
const fn = (iface: string, name: string) => {
  const f = model.interfaces.get(iface)?.functions.get(name);
  assert.ok(f, `${iface}.${name}`);
  return f;
};
const param = (iface: string, name: string, p: string) => fn(iface, name).params.find((x) => x.name === p)!.type;
const ok = (iface: string, name: string) => {
  const r = fn(iface, name).result;
  assert.ok(r && r.kind === 'result' && r.ok);
  return r.ok;
};

describe('JSON → WIT (requests)', () => {
  test('records: snake_case keys to camelCase fields, maps to pairs in key order, options, bytes', () => {
    const v = toWit(param('auth', 'authenticate', 'context'), {
      method: 'GET', uri: '/x', headers: { b: '2', a: '1' }, body: 'aGk=', query_params: {}, client_ip: null,
    }, 'context') as Record<string, unknown>;
    assert.deepEqual(v.headers, [['b', '2'], ['a', '1']]);
    assert.deepEqual(v.queryParams, []);
    assert.equal(v.clientIp, undefined);
    assert.deepEqual(Array.from(v.body as Uint8Array), [104, 105]);
  });

  test('json values become their JSON text; list<json> element by element', () => {
    const creds = toWit(param('auth', 'authenticate', 'credentials'), { type: 'basic', data: { username: 'alice' } }, 'credentials') as Record<string, unknown>;
    assert.equal(creds.data, '{"username":"alice"}');
    assert.deepEqual(toWit(param('template', 'execute-function', 'args'), ['a', 1, null, { x: [1] }], 'args'), ['"a"', '1', 'null', '{"x":[1]}']);
  });

  test('enums from snake_case, u64 as BigInt, absent lists empty', () => {
    const q = toWit(param('datasource', 'query', 'query'), { query: 'users', query_type: 'select', limit: 10, sort: [{ field: 'id', direction: 'desc' }] }, 'query') as Record<string, unknown>;
    assert.equal(q.queryType, 'select');
    assert.equal(q.limit, 10n);
    assert.deepEqual(q.filters, []);
    assert.deepEqual(q.sort, [{ field: 'id', direction: 'desc' }]);
  });

  test('problems name the JSON path', () => {
    const t = param('auth', 'authenticate', 'context');
    assert.throws(() => toWit(t, { method: 'GET' }, 'context'), (e: ConvertError) => e.message === 'context.uri is required');
    assert.throws(() => toWit(t, { method: 'GET', uri: '/', headers: { 'x-retry': 3 } }, 'context'), /context\.headers\["x-retry"\] must be a string, but it is the number 3/);
    assert.throws(() => toWit(t, { method: 'GET', uri: '/', body: 'not base64!' }, 'context'), /context\.body must be a base64 string/);
    assert.throws(() => toWit(param('datasource', 'query', 'query'), { query: 'q', query_type: 'upsert' }, 'query'),
      /query\.query_type must be one of "select", "insert", "update", "delete", "custom"/);
    assert.throws(() => toWit(param('datasource', 'query', 'query'), { query: 'q', limit: -1 }, 'query'), /query\.limit must be a non-negative integer/);
  });
});

describe('WIT → JSON (results)', () => {
  test('auth-result: options omitted when none, json-map values parsed', () => {
    assert.deepEqual(fromWit(ok('auth', 'authenticate'), {
      authenticated: true, userId: 'u', identity: undefined, claims: [['role', '"admin"'], ['n', '1']], metadata: [], errorMessage: undefined,
    }, 'result'), { authenticated: true, user_id: 'u', claims: { role: 'admin', n: 1 }, metadata: {} });
  });

  test('a repeated name in a string-map keeps its last value; bytes to base64; u16 as a number', () => {
    assert.deepEqual(fromWit(ok('response', 'generate-response'), {
      statusCode: 200, headers: [['x', '1'], ['x', '2']], body: new Uint8Array([104, 105]), contentType: 'text/plain', metadata: [], custom: [],
    }, 'result'), { status_code: 200, headers: { x: '2' }, body: 'aGk=', content_type: 'text/plain', metadata: {}, custom: {} });
  });

  test('u64 BigInt to number; enums to snake_case; plugin-error details omitted when empty', () => {
    const r = fromWit(ok('datasource', 'query'), { rows: [], columns: [], totalCount: 5n, executionTimeMs: 2n, metadata: [] }, 'result') as Record<string, unknown>;
    assert.equal(r.total_count, 5);
    assert.equal(r.execution_time_ms, 2);
    const err = fn('auth', 'authenticate').result;
    assert.ok(err?.kind === 'result' && err.err);
    assert.deepEqual(fromWit(err.err, { code: 'capability-denied', message: 'no', details: [] }, 'error'), { code: 'capability_denied', message: 'no' });
  });

  test('invalid JSON text from a component is a located error', () => {
    assert.throws(() => fromWit(ok('template', 'execute-function'), { result: '{oops' }, 'result'), /result\.result is not valid JSON text/);
  });
});

describe('world check', () => {
  test('a component exporting the product interfaces passes; other packages, versions and imports are named', () => {
    assert.deepEqual(checkWorld('world root {\n  import mockforge:plugin/host@0.1.0;\n  import wasi:cli/stdout@0.2.12;\n  export mockforge:plugin/auth@0.1.0;\n}', model).problems, []);
    const bad = checkWorld('world root {\n  import acme:db/sql@1.0.0;\n  export mockforge:plugin/auth@0.2.0;\n  export mockforge:plugin/host@0.1.0;\n}', model).problems;
    assert.match(bad[0], /exports mockforge:plugin\/auth@0\.2\.0, but this host speaks mockforge:plugin@0\.1\.0/);
    assert.match(bad[1], /exports mockforge:plugin\/host@0\.1\.0, which is not an operation interface/);
    assert.match(bad[2], /imports acme:db\/sql@1\.0\.0, which the host does not provide/);
  });
});
