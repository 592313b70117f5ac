// Unit tests of the plugin, run in-process with node:test (no server needed): `npm test`.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { TokenAuth } = require('../plugin');

function authenticate(plugin, headers, type, token) {
  return plugin.authenticate({ method: 'GET', uri: '/api/orders', headers }, { type, token });
}

test('a valid bearer token is accepted with claims', async () => {
  const result = await authenticate(new TokenAuth('letmein', 'alice'), { Authorization: 'Bearer letmein' }, 'bearer', 'letmein');
  assert.equal(result.authenticated, true);
  assert.equal(result.user_id, 'alice');
  assert.deepEqual(result.claims, { sub: 'alice', auth_method: 'bearer', scopes: ['read', 'write'] });
});

test('an API key header is accepted', async () => {
  const result = await authenticate(new TokenAuth('letmein'), { 'x-api-key': 'letmein' }, 'api_key', '');
  assert.equal(result.authenticated, true);
  assert.equal(result.claims.auth_method, 'api_key');
});

test('a wrong token is denied', async () => {
  const result = await authenticate(new TokenAuth('letmein'), {}, 'bearer', 'guess');
  assert.equal(result.authenticated, false);
  assert.equal(result.error_message, 'invalid token');
});

test('missing credentials are denied', async () => {
  const result = await authenticate(new TokenAuth('letmein'), {}, 'bearer', '');
  assert.equal(result.authenticated, false);
  assert.match(result.error_message, /missing credentials/);
});

test('the served plugin answers over HTTP like MockForge calls it', async () => {
  const server = await new TokenAuth('letmein').listen(0);
  try {
    const reply = await fetch(`${server.url}/plugin/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } }),
    });
    assert.equal(reply.status, 200);
    const body = await reply.json();
    assert.equal(body.success, true);
    assert.equal(body.result.authenticated, true);
  } finally {
    await server.close();
  }
});
