// Unit tests of the plugin, run in-process with node:test (no server needed): `npm test`.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Functions, FIRST, LAST } = require('../plugin');

const call = (name, ...args) => new Functions().executeFunction(name, args, undefined);

test('lists its three functions', () => {
  assert.deepEqual(new Functions().listFunctions().map((f) => f.name), ['uuid', 'upper', 'faker_name']);
});

test('upper handles unicode', () => {
  assert.equal(call('upper', 'hello, wörld'), 'HELLO, WÖRLD');
});

test('upper needs one string', () => {
  assert.throws(() => call('upper'), { code: 'bad_input' });
});

test('uuid is a version 4 UUID', () => {
  assert.match(call('uuid'), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('faker_name is a first and a last name', () => {
  const [first, last] = call('faker_name').split(' ');
  assert.ok(FIRST.includes(first) && LAST.includes(last));
});

test('an unknown function is an error', () => {
  assert.throws(() => call('nope'), /unknown function 'nope'/);
});
