// normaliseEnvelope: the canonical envelope from whatever a plugin or remote peer sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fail, normaliseEnvelope, ok } from '../../host/src/contract/envelope';

test('a success envelope passes through', () => {
  assert.deepEqual(normaliseEnvelope({ success: true, result: { authenticated: true } }), { ok: true, envelope: ok({ authenticated: true }) });
});

test('success without result becomes result null', () => {
  assert.deepEqual(normaliseEnvelope({ success: true }), { ok: true, envelope: { success: true, result: null } });
});

test('a bare string error (older peers, the Python SDK) becomes plugin_error', () => {
  assert.deepEqual(normaliseEnvelope({ success: false, error: 'token expired' }), { ok: true, envelope: fail('plugin_error', 'token expired') });
});

test('a known code is kept, with details', () => {
  assert.deepEqual(
    normaliseEnvelope({ success: false, error: { code: 'unsupported_operation', message: 'no query', details: { op: 'query' } } }),
    { ok: true, envelope: fail('unsupported_operation', 'no query', { op: 'query' }) },
  );
});

test('an unknown code becomes plugin_error and keeps the original code in the message', () => {
  assert.deepEqual(
    normaliseEnvelope({ success: false, error: { code: 'E_DB_DOWN', message: 'database offline' } }),
    { ok: true, envelope: fail('plugin_error', '[E_DB_DOWN] database offline') },
  );
});

test('an error without message or with no error at all still says something', () => {
  const noMessage = normaliseEnvelope({ success: false, error: { code: 'timeout' } });
  assert.ok(noMessage.ok && !noMessage.envelope.success && noMessage.envelope.error.code === 'timeout');
  assert.deepEqual(normaliseEnvelope({ success: false }), { ok: true, envelope: fail('plugin_error', 'the plugin reported a failure without a message') });
});

test('non-objects and missing success are refused with a reason', () => {
  for (const v of [null, 'ok', 42, [], { result: 1 }, { success: 'true' }]) {
    const r = normaliseEnvelope(v);
    assert.equal(r.ok, false, JSON.stringify(v));
  }
  const arr = normaliseEnvelope([]);
  assert.ok(!arr.ok && arr.reason === 'expected a JSON object with "success", got an array');
  const num = normaliseEnvelope({ success: false, error: 7 });
  assert.ok(!num.ok && num.reason === '"error" must be a string or {code, message}, got number');
});
