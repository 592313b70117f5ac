// The generated JSON Schemas agree with validate.ts: ajv accepts what validateRequest accepts and rejects the same paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { requestJsonSchema, resultJsonSchema } from '../../host/src/contract/json-schema';
import { OPERATIONS } from '../../host/src/contract/operations';
import type { Operation } from '../../host/src/contract/operations';
import { SAMPLE_REQUESTS, sampleRequest } from '../../host/src/contract/samples';
import { validateRequest, validateResult } from '../../host/src/contract/validate';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = new Map(OPERATIONS.map((op) => [op, ajv.compile(requestJsonSchema(op))]));

/** ajv's instancePath `/context/headers/x-retry` in validate.ts notation. */
function ajvPaths(op: Operation, body: unknown): string[] {
  const validate = validators.get(op)!;
  if (validate(body)) return [];
  const paths = (validate.errors ?? []).filter((e) => e.keyword !== 'anyOf').map((e) => {
    const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (e.keyword === 'required') segments.push(String((e.params as { missingProperty: string }).missingProperty));
    return segments.reduce((p, s) => (/^\d+$/.test(s) ? `${p}[${s}]` : /^[A-Za-z_]\w*$/.test(s) ? (p ? `${p}.${s}` : s) : `${p}[${JSON.stringify(s)}]`), '');
  });
  return [...new Set(paths)].sort();
}

const ownPaths = (op: Operation, body: unknown) => [...new Set(validateRequest(op, body).map((p) => p.path))].sort();

test('ajv accepts every sample request', () => {
  for (const op of OPERATIONS) assert.deepEqual(ajvPaths(op, SAMPLE_REQUESTS[op]), [], op);
});

test('ajv and validateRequest reject the same broken requests at the same paths', () => {
  const cases: Array<[Operation, unknown]> = [
    ['authenticate', { context: { uri: '/' }, credentials: {} }],
    ['authenticate', { ...sampleRequest('authenticate'), context: { method: 'GET', uri: '/', headers: { 'x-retry': 3 } } }],
    ['query', { query: { query: 'x', limit: -1, query_type: 'SELECT', sort: [{ field: 'a', direction: 'up' }] }, context: { method: 'GET', uri: '/' } }],
    ['execute_function', { function_name: 1, args: 'x', context: { method: 'GET', uri: '/' } }],
    ['generate_response', { context: { method: 'GET', uri: '/', body: 'no!' }, request: { method: 'GET', uri: '/', path: '/' } }],
  ];
  for (const [op, body] of cases) {
    const own = ownPaths(op, body);
    assert.ok(own.length > 0, `${op}: validateRequest accepted ${JSON.stringify(body)}`);
    assert.deepEqual(ajvPaths(op, body), own, `${op}: ${JSON.stringify(body)}`);
  }
});

test('result schemas agree with validateResult', () => {
  const results = new Map(OPERATIONS.map((op) => [op, ajv.compile(resultJsonSchema(op))]));
  const check = (op: Operation, result: unknown) => {
    const v = results.get(op)!;
    assert.equal(v(result), validateResult(op, result).length === 0, `${op}: ${JSON.stringify(result)}`);
  };
  check('authenticate', { authenticated: true, user_id: 'demo' });
  check('authenticate', { authenticated: 'yes' });
  check('generate_response', { status_code: 70000, body: '', content_type: 'x' });
  check('execute_function', {});
  check('get_capabilities', { types: ['auth'] });
});
