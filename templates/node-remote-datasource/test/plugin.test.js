// Unit tests of the plugin, run in-process with node:test (no server needed): `npm test`.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { CsvSource } = require('../plugin');

const query = (filters, limit, queryType = 'select') => new CsvSource().query({ query_type: queryType, query: 'users', parameters: {}, filters, limit });
const names = (result) => result.rows.map((r) => r.values.name);

test('filters by equality', () => {
  const result = query([{ field: 'role', operator: 'eq', value: 'admin' }]);
  assert.deepEqual(names(result), ['Ada Lovelace', 'Grace Hopper']);
  assert.equal(result.total_count, 2);
});

test('numbers compare as numbers, and limit keeps the total', () => {
  const result = query([{ field: 'age', operator: 'gt', value: 80 }], 2);
  assert.deepEqual(names(result), ['Grace Hopper', 'Barbara Liskov']);
  assert.equal(result.total_count, 3);
});

test('contains ignores case', () => {
  assert.deepEqual(query([{ field: 'email', operator: 'contains', value: 'ALAN' }]).rows.map((r) => r.values.id), [3]);
});

test('columns have types', () => {
  assert.deepEqual(Object.fromEntries(query([]).columns.map((c) => [c.name, c.data_type])), { id: 'number', name: 'string', email: 'string', role: 'string', age: 'number' });
});

test('an unknown field is bad_input', () => {
  assert.throws(() => query([{ field: 'salary', operator: 'gt', value: 1 }]), { code: 'bad_input' });
});

test('the table is read-only', () => {
  assert.throws(() => query([], undefined, 'delete'), { code: 'bad_input' });
});
