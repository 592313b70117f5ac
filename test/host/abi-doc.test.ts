// docs/abi.md cannot lie: its complete WAT example is assembled exactly as written and run through the host and the CLI.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin } from '../../host/src/plugin';
import { REPO, assembleWat, cleanTemps, runCli, tempDir } from './helpers';

after(cleanTemps);

async function docModule(): Promise<string> {
  const doc = readFileSync(join(REPO, 'docs', 'abi.md'), 'utf8');
  const blocks = [...doc.matchAll(/```wat\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.equal(blocks.length, 1, 'docs/abi.md has exactly one ```wat example');
  const file = join(tempDir(), 'plugin.wasm');
  writeFileSync(file, await assembleWat(blocks[0], 'abi.md'));
  return file;
}

test('the WAT example of docs/abi.md accepts the right bearer token and rejects others, in both modes', async () => {
  const file = await docModule();
  for (const isolation of ['in-process', 'worker'] as const) {
    const plugin = await loadPlugin(file, { isolation });
    try {
      const ok = await plugin.call('authenticate', { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'Bearer letmein' } });
      assert.deepEqual(ok.envelope, { success: true, result: { authenticated: true, user_id: 'demo' } });
      assert.deepEqual(ok.logs.map((l) => [l.level, l.source, l.message]), [['info', 'plugin', 'authenticate called']]);
      const no = await plugin.call('authenticate', { credentials: { token: 'Bearer wrong' } });
      assert.deepEqual(no.envelope, { success: false, error: { code: 'plugin_error', message: 'missing or wrong bearer token' } });
      assert.equal(plugin.info.report.abi, 'packed-i64');
      assert.equal(plugin.info.report.allocator?.alloc, 'mockforge_alloc');
    } finally {
      await plugin.dispose();
    }
  }
});

test('the doc example runs with the command the doc gives (mockforge-plugin run plugin.wasm --call authenticate)', async () => {
  const file = await docModule();
  const res = await runCli(['run', file, '--call', 'authenticate', '--input', '-'], '{"credentials":{"token":"Bearer letmein"}}');
  assert.equal(res.code, 0, res.stderr);
  assert.deepEqual(JSON.parse(res.stdout), { success: true, result: { authenticated: true, user_id: 'demo' } });
  assert.equal(res.stderr, 'info  plugin: authenticate called\n');
});
