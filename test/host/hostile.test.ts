// The hostile suite: each misbehaving module gets the right error code and an actionable message, and the next call
// on the same host succeeds (the instance — or the worker — is replaced, the process lives on).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPlugin, PluginLoadError, Isolation, LoadedPlugin } from '../../host/src/plugin';
import type { Envelope } from '../../host/src/contract/envelope';
import { cleanTemps, fixturePlugin, fixtureWasm } from './helpers';

after(cleanTemps);

function errorOf(envelope: Envelope): { code: string; message: string; details?: Record<string, unknown> } {
  assert.equal(envelope.success, false, `expected a failure, got ${JSON.stringify(envelope)}`);
  return (envelope as Extract<Envelope, { success: false }>).error;
}

async function expectRecovery(plugin: LoadedPlugin): Promise<void> {
  const next = await plugin.call('get_capabilities', {});
  assert.deepEqual(next.envelope, { success: true, result: { ok: true } }, 'the next call on the same host must succeed');
}

for (const isolation of ['in-process', 'worker'] as Isolation[]) {
  describe(`hostile modules (${isolation})`, () => {
    test('unreachable: trap with the reason and a named wasm stack', async () => {
      const plugin = await loadPlugin(await fixtureWasm('unreachable'), { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', { credentials: {} })).envelope);
        assert.equal(err.code, 'trap');
        assert.match(err.message, /unreachable/);
        assert.match(err.message, /at check_signature .*\n.*at validate_token/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('memory bomb: memory_limit with the limit in the message', async () => {
      const dir = await fixturePlugin('memory-bomb', 'capabilities:\n  resources:\n    max_memory_bytes: 2097152\n');
      const plugin = await loadPlugin(dir, { isolation });
      try {
        const outcome = await plugin.call('authenticate', {});
        const err = errorOf(outcome.envelope);
        assert.equal(err.code, 'memory_limit');
        // It grows 16 pages at a time: at 17 pages the next step no longer fits, which the host can only infer.
        assert.match(err.message, /used 1\.1 MiB of its 2 MiB memory limit and then failed, most likely for lack of memory/);
        assert.match(err.message, /max_memory_bytes/);
        assert.equal(err.details?.certain, false);
        assert.equal(err.details?.original_code, 'trap');
        assert.ok(outcome.peakMemoryBytes !== undefined && outcome.peakMemoryBytes <= 2 * 1024 * 1024, `peak ${outcome.peakMemoryBytes}`);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('memory grown to exactly the cap, then a failure: memory_limit stated as a fact', async () => {
      const dir = await fixturePlugin('memory-creep', 'capabilities:\n  resources:\n    max_memory_bytes: 2097152\n');
      const plugin = await loadPlugin(dir, { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'memory_limit');
        assert.match(err.message, /grew its memory to 2 MiB, its whole 2 MiB memory limit, and then failed/);
        assert.equal(err.details?.certain, true);
        assert.equal(err.details?.memory_bytes, 2097152);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('max_memory_bytes is enforced inside the plugin: memory.grow past it returns -1, within it succeeds', async () => {
      const dir = await fixturePlugin('grow-probe', 'capabilities:\n  resources:\n    max_memory_bytes: 2097152\n');
      const plugin = await loadPlugin(dir, { isolation });
      try {
        const over = await plugin.call('authenticate', {});
        assert.deepEqual(over.envelope, { success: true, result: { refused: true } }, '1 + 40 pages is over 2 MiB');
        assert.equal(over.peakMemoryBytes, 65536);
        const within = await plugin.call('query', {});
        assert.deepEqual(within.envelope, { success: true, result: { refused: false } }, '1 + 8 pages fits');
        assert.equal(within.peakMemoryBytes, 9 * 65536);
        assert.deepEqual((await plugin.call('authenticate', {})).envelope, { success: true, result: { refused: true } });
      } finally {
        await plugin.dispose();
      }
      // The same module under the default 10 MiB limit may grow by 40 pages: the limit is what refused it above.
      const roomy = await loadPlugin(await fixtureWasm('grow-probe'), { isolation });
      try {
        assert.deepEqual((await roomy.call('authenticate', {})).envelope, { success: true, result: { refused: false } });
      } finally {
        await roomy.dispose();
      }
    });

    test('invalid JSON out: bad_output quoting what came back', async () => {
      const plugin = await loadPlugin(await fixtureWasm('bad-json'), { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'bad_output');
        assert.match(err.message, /invalid JSON/);
        assert.match(err.message, /not json at all/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('out-of-bounds pointer: bad_output naming the pointer and the memory size', async () => {
      const plugin = await loadPlugin(await fixtureWasm('out-of-bounds'), { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'bad_output');
        assert.match(err.message, /pointer 2147418112 \+ length 100, which is outside its memory \(65536 bytes\)/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('output over the 16 MiB cap: bad_output', async () => {
      const dir = await fixturePlugin('huge-output', 'capabilities:\n  resources:\n    max_memory_bytes: 67108864\n');
      const plugin = await loadPlugin(dir, { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'bad_output');
        assert.match(err.message, /17 MiB reply, over the 16 MiB limit/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('abort with a message: trap decoding the AssemblyScript strings', async () => {
      const plugin = await loadPlugin(await fixtureWasm('abort'), { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'trap');
        assert.match(err.message, /abort: token expired at assembly\/index\.ts:42:7/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('WASI file read without the capability: capability_denied saying what to grant', async () => {
      const dir = await fixturePlugin('wasi-file', '', { 'data/reply.json': '{"success":true,"result":{"from":"file"}}' });
      const plugin = await loadPlugin(dir, { isolation });
      try {
        const outcome = await plugin.call('authenticate', {});
        const err = errorOf(outcome.envelope);
        assert.equal(err.code, 'capability_denied');
        assert.match(err.message, /tried to open "reply\.json".*allow_read/);
        assert.match(err.message, /could not open reply\.json/, 'the plugin\'s own failure is kept');
        assert.ok(outcome.logs.some((l) => l.source === 'host' && l.level === 'warn' && /capability_denied/.test(l.message)));
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('http_fetch without the capability: the plugin receives capability_denied', async () => {
      const plugin = await loadPlugin(await fixtureWasm('http-fetch'), { isolation });
      try {
        const err = errorOf((await plugin.call('query', { url: 'http://127.0.0.1:9/never', method: 'GET' })).envelope);
        assert.equal(err.code, 'capability_denied');
        assert.match(err.message, /outbound HTTP is not allowed.*allow_outbound/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('a log flood is capped at 10,000 records per call with a note, and the call still answers', async () => {
      const plugin = await loadPlugin(await fixtureWasm('log-flood'), { isolation });
      try {
        const outcome = await plugin.call('authenticate', {});
        assert.deepEqual(outcome.envelope, { success: true, result: { ok: true } });
        assert.equal(outcome.logs.length, 10_001);
        assert.equal(outcome.logs[0].level, 'debug');
        assert.match(outcome.logs[10_000].message, /^10000 more log records of this call were dropped/);
      } finally {
        await plugin.dispose();
      }
    });

    test('missing operation: unsupported_operation listing what the plugin implements', async () => {
      const plugin = await loadPlugin(await fixtureWasm('bad-json'), { isolation });
      try {
        const err = errorOf((await plugin.call('query', {})).envelope);
        assert.equal(err.code, 'unsupported_operation');
        assert.match(err.message, /does not export "query" \(it implements: authenticate, get_capabilities\)/);
        await expectRecovery(plugin);
      } finally {
        await plugin.dispose();
      }
    });

    test('missing allocator: missing_export naming the accepted allocators; other plugins still run', async () => {
      const plugin = await loadPlugin(await fixtureWasm('no-allocator'), { isolation });
      try {
        const err = errorOf((await plugin.call('authenticate', {})).envelope);
        assert.equal(err.code, 'missing_export');
        assert.match(err.message, /exports no allocator: export mockforge_alloc\(size i32\) -> i32/);
      } finally {
        await plugin.dispose();
      }
      const good = await loadPlugin(await fixtureWasm('bad-json'), { isolation });
      try {
        await expectRecovery(good);
      } finally {
        await good.dispose();
      }
    });
  });
}

describe('hostile modules that need a worker or fail to load', () => {
  test('infinite loop: timeout, the worker is replaced and the next call succeeds', async () => {
    const plugin = await loadPlugin(await fixtureWasm('loop'), { isolation: 'worker', timeoutMs: 300 });
    try {
      const err = errorOf((await plugin.call('authenticate', {})).envelope);
      assert.equal(err.code, 'timeout');
      assert.match(err.message, /did not finish within 300 ms and was stopped/);
      await expectRecovery(plugin);
      const again = errorOf((await plugin.call('authenticate', {}, { timeoutMs: 200 })).envelope);
      assert.match(again.message, /within 200 ms/);
      await expectRecovery(plugin);
    } finally {
      await plugin.dispose();
    }
  });

  test('disposing during a stuck isolated call ends that call instead of leaving it pending', async () => {
    const plugin = await loadPlugin(await fixtureWasm('loop'), { isolation: 'worker', timeoutMs: 60_000 });
    // The plugin logs "spinning" right before it loops: once that arrives, the worker is inside the call.
    let spinning!: () => void;
    const inside = new Promise<void>((resolve) => { spinning = resolve; });
    const call = plugin.call('authenticate', {}, { onLog: (r) => { if (r.message === 'spinning') spinning(); } });
    await inside;
    await plugin.dispose();
    const err = errorOf((await call).envelope);
    assert.equal(err.code, 'internal');
    assert.match(err.message, /disposed during the call/);
  });

  test('unknown import: load_failed naming the import; the next plugin loads and runs', async () => {
    await assert.rejects(loadPlugin(await fixtureWasm('unknown-import'), { isolation: 'in-process' }), (err: unknown) => {
      assert.ok(err instanceof PluginLoadError);
      assert.equal(err.code, 'load_failed');
      assert.match(err.message, /imports env\.steal_secrets \(function \(i32\) -> i32\), which the host does not provide/);
      assert.equal(err.envelope.success, false);
      return true;
    });
    const good = await loadPlugin(await fixtureWasm('bad-json'), { isolation: 'in-process' });
    try {
      await expectRecovery(good);
    } finally {
      await good.dispose();
    }
  });

  test('Extism plugin: load_failed that says it is an Extism plugin', async () => {
    await assert.rejects(loadPlugin(await fixtureWasm('extism'), { isolation: 'in-process' }), /extism:host\/env\.input_length: this is an Extism plugin/);
  });

  test('a manifest whose initial memory exceeds max_memory_bytes fails to load with the numbers', async () => {
    const dir = await fixturePlugin('huge-output', 'capabilities:\n  resources:\n    max_memory_bytes: 32768\n');
    await assert.rejects(loadPlugin(dir, { isolation: 'in-process' }), /starts with 1 memory pages \(64 KiB\), more than max_memory_bytes 32 KiB/);
  });
});
