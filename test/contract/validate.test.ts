// validateRequest / validateResult: the samples pass, broken bodies fail with the right JSON path and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS } from '../../host/src/contract/operations';
import { sampleRequest, SAMPLE_REQUESTS } from '../../host/src/contract/samples';
import { formatProblems, isBase64, validateRequest, validateResult } from '../../host/src/contract/validate';

const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

for (const op of OPERATIONS) {
  test(`the ${op} sample is a valid request`, () => {
    assert.deepEqual(validateRequest(op, SAMPLE_REQUESTS[op]), []);
  });
}

test('sampleRequest returns a copy the caller may edit', () => {
  const s = sampleRequest('authenticate');
  s.credentials.type = 'basic';
  assert.equal(SAMPLE_REQUESTS.authenticate.credentials.type, 'bearer');
});

test('the Python SDK shapes are valid requests', () => {
  const context = { method: 'GET', uri: '/api/users', headers: { Authorization: 'Bearer token' } };
  assert.deepEqual(validateRequest('authenticate', { context, credentials: { type: 'bearer', token: 'eyJhbGc' } }), []);
  assert.deepEqual(validateRequest('execute_function', { function_name: 'now', args: [], context }), []);
  assert.deepEqual(validateRequest('generate_response', { context, request: { method: 'GET', uri: '/x', path: '/x' } }), []);
  assert.deepEqual(validateRequest('query', { query: { query: 'users', parameters: { id: 1 } }, context }), []);
  assert.deepEqual(validateRequest('list_functions', {}), []);
  assert.deepEqual(validateRequest('get_capabilities', { context: null }), []);
});

test('headers with a non-string value', () => {
  const body = sampleRequest('authenticate') as unknown as { context: { headers: Record<string, unknown> } };
  body.context.headers['x-retry'] = 3;
  const problems = validateRequest('authenticate', body);
  assert.deepEqual(paths(problems), ['context.headers["x-retry"]']);
  assert.equal(problems[0].message, 'context.headers must be an object of strings, but context.headers["x-retry"] is the number 3');
});

test('headers that are not an object', () => {
  const problems = validateRequest('authenticate', { ...sampleRequest('authenticate'), context: { method: 'GET', uri: '/', headers: [['a', 'b']] } });
  assert.deepEqual(problems, [{ path: 'context.headers', message: 'context.headers must be an object of strings, got an array' }]);
});

test('missing required fields are named', () => {
  const problems = validateRequest('authenticate', { context: { uri: '/' }, credentials: {} });
  assert.deepEqual(paths(problems), ['context.method', 'credentials.type']);
  assert.equal(problems[0].message, 'context.method is required (a string)');
});

test('a body that is not an object', () => {
  for (const body of [null, [], 'x', 3]) {
    const problems = validateRequest('query', body);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].path, '');
    assert.match(problems[0].message, /^the query request body must be a JSON object, got /);
  }
});

test('nested paths in lists: args, sort, filters', () => {
  const body = sampleRequest('query') as unknown as { query: { sort: unknown[]; limit: unknown; query_type: unknown } };
  body.query.sort.push({ field: 'age', direction: 'up' });
  body.query.limit = -1;
  body.query.query_type = 'SELECT';
  assert.deepEqual(paths(validateRequest('query', body)), ['query.query_type', 'query.limit', 'query.sort[1].direction']);
  assert.deepEqual(paths(validateRequest('execute_function', { function_name: 'f', args: 'x', context: { method: 'GET', uri: '/' } })), ['args']);
});

test('bytes must be base64', () => {
  const body = sampleRequest('generate_response');
  body.request.body = 'not base64!';
  const problems = validateRequest('generate_response', body);
  assert.deepEqual(problems, [{ path: 'request.body', message: 'request.body must be a base64 string or null, got the string "not base64!"' }]);
});

test('unknown keys are allowed (newer peers may send more)', () => {
  assert.deepEqual(validateRequest('list_functions', { context: { method: 'GET', uri: '/', headers: {}, extra: 1 }, trace: true }), []);
});

test('formatProblems joins the messages', () => {
  assert.equal(formatProblems(validateRequest('authenticate', {})), 'context is required (an object (plugin-context)); credentials is required (an object (auth-credentials))');
});

test('results: valid shapes for every operation', () => {
  assert.deepEqual(validateResult('authenticate', { authenticated: true, user_id: 'demo' }), []);
  assert.deepEqual(validateResult('authenticate', { authenticated: true, user_id: 'u1', identity: { user_id: 'u1', roles: ['admin'] }, claims: { role: 'admin', n: [1] }, metadata: {} }), []);
  assert.deepEqual(validateResult('list_functions', { functions: [{ name: 'upper', description: 'd', parameters: [{ name: 's', param_type: 'string', description: '', required: true, var_args: false }], return_type: 'string', examples: [], pure: true }] }), []);
  assert.deepEqual(validateResult('execute_function', { result: null }), []);
  assert.deepEqual(validateResult('generate_response', { status_code: 201, headers: { 'content-type': 'application/json' }, body: 'e30=', content_type: 'application/json' }), []);
  assert.deepEqual(validateResult('query', { rows: [{ values: { id: 1 } }], columns: [{ name: 'id', data_type: 'integer', nullable: false }], execution_time_ms: 3 }), []);
  assert.deepEqual(validateResult('get_capabilities', { types: ['auth'], network: { allow_outbound: false } }), []);
});

test('results: broken shapes are located under result', () => {
  assert.deepEqual(paths(validateResult('authenticate', { authenticated: 'yes' })), ['result.authenticated']);
  assert.deepEqual(paths(validateResult('execute_function', 'Alice')), ['result']);
  assert.deepEqual(paths(validateResult('execute_function', {})), ['result.result']);
  assert.deepEqual(paths(validateResult('generate_response', { status_code: 70000, body: 'e30=', content_type: 'x' })), ['result.status_code']);
  assert.deepEqual(paths(validateResult('query', { rows: [{ values: [] }], execution_time_ms: 1.5 })), ['result.rows[0].values', 'result.execution_time_ms']);
  assert.deepEqual(paths(validateResult('get_capabilities', { types: ['auth', 'magic'] })), ['result.types[1]']);
  assert.equal(validateResult('generate_response', { status_code: 70000, body: 'e30=', content_type: 'x' })[0].message, 'result.status_code must be an integer from 0 to 65535, got the number 70000');
});

test('base64 checks: padding, alphabet, and bodies of several MiB', () => {
  for (const ok of ['', 'YQ==', 'YWI=', 'YWJj', Buffer.alloc(12 * 1024 * 1024, 7).toString('base64')]) assert.ok(isBase64(ok), ok.slice(0, 10));
  for (const bad of ['Y', 'YQ=', 'Y===', 'YQ=a', 'YW=j', 'YWJ j', 'YW-_', '=YWJ']) assert.ok(!isBase64(bad), bad);
  const big = Buffer.alloc(12 * 1024 * 1024, 7).toString('base64');
  const body = sampleRequest('generate_response');
  body.request.body = big;
  assert.deepEqual(validateRequest('generate_response', body), []);
  body.request.body = `${big}!`;
  assert.deepEqual(paths(validateRequest('generate_response', body)), ['request.body']);
});
