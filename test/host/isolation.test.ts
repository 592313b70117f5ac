// The isolated runtime's call channel: payloads larger than its shared-memory region (request and reply) go over the
// port and arrive intact, log records stay with their own call, cancellation stops a running call, and both modes
// answer the same.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlugin, Isolation } from '../../host/src/plugin';
import type { LogRecord } from '../../host/src/runtime';
import { cleanTemps, fixtureWasm } from './helpers';

after(cleanTemps);

for (const isolation of ['in-process', 'worker'] as Isolation[]) {
  describe(`call channel (${isolation})`, () => {
    test('a 600 KiB request and its 600 KiB echo arrive intact; the next small call still answers', async () => {
      const plugin = await loadPlugin(await fixtureWasm('echo'), { isolation });
      try {
        const input = { blob: 'é'.repeat(300 * 1024), n: 1 };
        const live: LogRecord[] = [];
        const outcome = await plugin.call('authenticate', input, { onLog: (r) => live.push(r) });
        assert.deepEqual(outcome.envelope, { success: true, result: input });
        assert.deepEqual(outcome.logs.map((l) => l.message), ['echo']);
        assert.deepEqual(live.map((l) => l.message), ['echo'], 'onLog saw the record before the call resolved');
        const small = await plugin.call('authenticate', { n: 2 });
        assert.deepEqual(small.envelope, { success: true, result: { n: 2 } });
      } finally {
        await plugin.dispose();
      }
    });

    test('back-to-back calls of mixed sizes each get their own reply and only their own log record', async () => {
      const plugin = await loadPlugin(await fixtureWasm('echo'), { isolation });
      try {
        for (let i = 0; i < 40; i++) {
          const input = { i, pad: i % 4 === 0 ? 'x'.repeat(300 * 1024) : '' };
          const outcome = await plugin.call('authenticate', input);
          assert.deepEqual(outcome.envelope, { success: true, result: input }, `call ${i}`);
          assert.equal(outcome.logs.length, 1, `call ${i} logs`);
        }
      } finally {
        await plugin.dispose();
      }
    });

    test('input that cannot be encoded as JSON: bad_input, and the plugin keeps answering', async () => {
      const plugin = await loadPlugin(await fixtureWasm('echo'), { isolation });
      try {
        const outcome = await plugin.call('authenticate', { n: 1n });
        assert.equal(outcome.envelope.success, false);
        assert.equal(!outcome.envelope.success && outcome.envelope.error.code, 'bad_input');
        assert.deepEqual((await plugin.call('get_capabilities', {})).envelope, { success: true, result: { ok: true } });
      } finally {
        await plugin.dispose();
      }
    });
  });
}

describe('call channel (worker only)', () => {
  test('an AbortSignal stops a running call (timeout, cancelled) and the next call gets a fresh worker', async () => {
    const plugin = await loadPlugin(await fixtureWasm('loop'), { isolation: 'worker', timeoutMs: 60_000 });
    try {
      const controller = new AbortController();
      const outcome = await plugin.call('authenticate', {}, {
        signal: controller.signal,
        onLog: (r) => { if (r.message === 'spinning') controller.abort(); },
      });
      assert.equal(outcome.envelope.success, false);
      const error = !outcome.envelope.success ? outcome.envelope.error : undefined;
      assert.equal(error?.code, 'timeout');
      assert.match(error?.message ?? '', /cancelled and its worker stopped/);
      assert.deepEqual((await plugin.call('get_capabilities', {})).envelope, { success: true, result: { ok: true } });
    } finally {
      await plugin.dispose();
    }
  });
});
