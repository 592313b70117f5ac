// The interpreter snapshot cache (host/src/pyodide/snapshot.ts): a damaged snapshot does not stop a plugin — the
// process starts without it and says so, the host deletes it, and the next start makes a new one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadPlugin } from '../../host/src/plugin';
import type { LogRecord } from '../../host/src/runtime';
import { runtimeFiles } from '../../host/src/pyodide/load';
import { snapshotFile } from '../../host/src/pyodide/snapshot';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'pyodide', 'auth');
const AUTH = { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } };

let cache = '';
before(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'mf-pyodide-snapshot-'));
  process.env.MOCKFORGE_CACHE_DIR = cache;
});
after(() => rmSync(cache, { recursive: true, force: true }));

async function start(): Promise<LogRecord[]> {
  const logs: LogRecord[] = [];
  const plugin = await loadPlugin(FIXTURE, { onLog: (r) => logs.push(r) });
  try {
    const r = await plugin.call('authenticate', AUTH, { timeoutMs: 120_000 });
    assert.equal(r.envelope.success, true, JSON.stringify(r.envelope));
  } finally {
    await plugin.dispose();
  }
  return logs;
}

test('a damaged snapshot is dropped, the plugin still answers, and the next start makes a new one', async () => {
  const file = snapshotFile(`${path.dirname(require.resolve('pyodide/package.json'))}/`, runtimeFiles());
  assert.ok(file.startsWith(path.join(cache, 'pyodide')), file);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.alloc(4096, 7));
  const first = await start();
  assert.ok(first.some((r) => r.source === 'host' && r.message.includes('could not be used') && r.message.includes('the next start makes a new one')),
    first.map((r) => r.message).join('\n'));
  assert.equal(existsSync(file), false, 'the damaged snapshot was deleted');
  const second = await start();
  assert.ok(!second.some((r) => r.message.includes('could not be used')));
  assert.ok(statSync(file).size > 1024 * 1024, 'the host wrote a real snapshot');
  assert.deepEqual(readdirSync(path.dirname(file)).filter((f) => f.includes('.tmp-')), [], 'no temporary file is left');
});
