// The embedded-host runner a debug session launches (dist/debug-runner.js), spawned from the command line on a real
// AssemblyScript plugin built by `mockforge-plugin new` + `build`: it loads the plugin in-process, sends the saved
// request and prints the reply envelope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
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

test('under a debugger the module announces an absolute source map whose sources are the plugin\'s own files', () => {
  const built = buildTemplate('assemblyscript', 'auth');
  // What the JavaScript debugger sees: V8's Debugger.scriptParsed for the wasm script, inside the runner's process.
  const probe = `
    const inspector = require('node:inspector');
    const fs = require('node:fs');
    const session = new inspector.Session();
    session.connect();
    session.on('Debugger.scriptParsed', ({ params }) => {
      if (params.scriptLanguage !== 'WebAssembly' || !params.sourceMapURL) return;
      const map = JSON.parse(fs.readFileSync(new URL(params.sourceMapURL), 'utf8'));
      process.stderr.write('PROBE ' + JSON.stringify({ url: params.sourceMapURL, sources: map.sources.map((s) => new URL(s, map.sourceRoot).href) }) + '\\n');
    });
    session.post('Debugger.enable', () => {
      process.argv = [process.argv[0], ${JSON.stringify(RUNNER)}, ...${JSON.stringify([built.dir, path.join(built.dir, '.mockforge', 'requests', 'valid-token.json')])}];
      require(${JSON.stringify(RUNNER)});
    });`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).success, true);
  const line = r.stderr.split('\n').find((l) => l.startsWith('PROBE '));
  assert.ok(line, `the wasm script was announced with a source map:\n${r.stderr}`);
  const seen = JSON.parse(line.slice(6)) as { url: string; sources: string[] };
  assert.match(seen.url, /^file:\/\/\/.+\.wasm\.map$/);
  assert.ok(seen.sources.includes(pathToFileURL(path.join(built.dir, 'assembly', 'index.ts')).href), seen.sources.filter((s) => !s.includes('~lib')).join(', '));
});
