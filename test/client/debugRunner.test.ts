// The embedded-host runner a debug session launches (dist/debug-runner.js), spawned from the command line on a real
// AssemblyScript plugin built by `mockforge-plugin new` + `build`: it loads the plugin in-process, sends the saved
// request and prints the reply envelope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTemplate, REPO } from '../plugins/build';

const RUNNER = path.join(REPO, 'dist', 'debug-runner.js');

function runner(...args: string[]) {
  const r = spawnSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, reply: r.stdout.trim() ? JSON.parse(r.stdout) as { success: boolean; result?: Record<string, unknown>; error?: { code: string; message: string } } : undefined };
}

test('runs a saved request against a built AssemblyScript plugin and prints the reply', () => {
  const built = buildTemplate('assemblyscript', 'auth');
  const ok = runner(built.dir, path.join(built.dir, '.mockforge', 'requests', 'valid-token.json'));
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(ok.reply?.success, true);
  assert.equal(ok.reply?.result?.authenticated, true);
  assert.equal(ok.reply?.result?.user_id, 'demo-user');
  assert.match(ok.stderr, /authenticate ← valid bearer token/);

  const wrong = runner(path.join(built.dir, 'plugin.yaml'), path.join(built.dir, '.mockforge', 'requests', 'wrong-token.json'));
  assert.equal(wrong.code, 0, wrong.stderr);
  assert.equal(wrong.reply?.result?.authenticated, false);
});

test('an error reply exits 1; a missing plugin, a bad request file and missing arguments exit 2 with the reason', () => {
  const built = buildTemplate('assemblyscript', 'auth');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mf-debug-runner-'));
  try {
    const unsupported = path.join(tmp, 'list.json');
    writeFileSync(unsupported, JSON.stringify({ operation: 'list_functions', input: {} }));
    const r1 = runner(built.dir, unsupported);
    assert.equal(r1.code, 1, r1.stderr);
    assert.equal(r1.reply?.success, false);

    const r2 = runner(path.join(tmp, 'nowhere'), unsupported);
    assert.equal(r2.code, 2);
    assert.equal(r2.reply?.error?.code, 'load_failed');
    assert.match(r2.stderr, /nowhere does not exist/);

    const bad = path.join(tmp, 'bad.json');
    writeFileSync(bad, '{"operation": "fly"}');
    const r3 = runner(built.dir, bad);
    assert.equal(r3.code, 2);
    assert.match(r3.stderr, /bad\.json: "operation" must be one of the plugin operations/);

    const r4 = runner(built.dir);
    assert.equal(r4.code, 2);
    assert.match(r4.stderr, /usage: debug-runner/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
