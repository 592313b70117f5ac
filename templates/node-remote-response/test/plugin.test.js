// Unit tests of the plugin, run in-process with node:test (no server needed): `npm test`.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Orders } = require('../plugin');

const respond = (method, uri, currency = 'EUR') => new Orders(currency).generateResponse({ method, uri, headers: {} }, { method, uri, path: uri, headers: {} });
const body = (res) => JSON.parse(Buffer.from(res.body, 'base64').toString('utf8'));

test('GET an order is a JSON order', () => {
  const res = respond('GET', '/orders/A-1001');
  assert.equal(res.status_code, 200);
  assert.equal(res.content_type, 'application/json');
  assert.equal(res.headers['cache-control'], 'no-store');
  assert.deepEqual(body(res), { id: 'A-1001', status: 'shipped', items: 2, total: 39.98, currency: 'EUR' });
});

test('the same id gives the same order, and the currency is configurable', () => {
  assert.deepEqual(body(respond('GET', '/orders/B-7', 'USD')), body(respond('GET', '/orders/B-7', 'USD')));
  assert.equal(body(respond('GET', '/orders/B-7', 'USD')).currency, 'USD');
});

test('anything else is 404', () => {
  const res = respond('DELETE', '/customers/7');
  assert.equal(res.status_code, 404);
  assert.equal(body(res).error, 'not_found');
});
