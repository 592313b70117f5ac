// "Copy as CLI command": the rendered line, and — the real check — that a shell runs it and the CLI makes the call.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cliCommand, shellQuote } from '../../webview/src/cliCommand';
import { CLI, cleanTemps, fixturePlugin } from '../host/helpers';

after(cleanTemps);

test('shellQuote leaves safe words bare and single-quotes the rest', () => {
  assert.equal(shellQuote('auth-plugin/x.json'), 'auth-plugin/x.json');
  assert.equal(shellQuote('my plugin'), "'my plugin'");
  assert.equal(shellQuote(`it's`), `'it'\\''s'`);
  assert.equal(shellQuote('$(rm -rf /)'), `'$(rm -rf /)'`);
});

test('a saved request becomes --request with its path from the workspace', () => {
  assert.equal(cliCommand({ pluginDir: 'plugins/auth', operation: 'authenticate', savedRequest: '.mockforge/requests/valid-token.json', isolate: false }),
    'mockforge-plugin run plugins/auth --request plugins/auth/.mockforge/requests/valid-token.json');
  assert.equal(cliCommand({ pluginDir: '.', operation: 'authenticate', savedRequest: '.mockforge/requests/a.json', isolate: true }),
    'mockforge-plugin run . --request .mockforge/requests/a.json --isolate');
});

test('an edited body becomes --input - fed by printf', () => {
  assert.equal(cliCommand({ pluginDir: 'p', operation: 'query', input: { q: 1 }, isolate: false }),
    `printf '%s' '{"q":1}' | mockforge-plugin run p --call query --input -`);
});

test('the copied lines run in a shell and make the same call (quotes and $ in the body survive)', async () => {
  const dir = await fixturePlugin('goodpath');
  mkdirSync(join(dir, '.mockforge', 'requests'), { recursive: true });
  writeFileSync(join(dir, '.mockforge', 'requests', 'caps.json'), JSON.stringify({ operation: 'get_capabilities', input: {} }));
  const cwd = join(dir, '..');
  const rel = dir.slice(cwd.length + 1);
  const lines = [
    cliCommand({ pluginDir: rel, operation: 'get_capabilities', savedRequest: '.mockforge/requests/caps.json', isolate: true }),
    cliCommand({ pluginDir: rel, operation: 'get_capabilities', input: { note: `it's "$HOME" \\ $(x)` }, isolate: false }),
  ];
  // The user's `mockforge-plugin` on PATH is this build's CLI.
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'mockforge-plugin'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  for (const line of lines) {
    const r = spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } });
    assert.equal(r.status, 0, `${line}\n${r.stderr}`);
    assert.deepEqual(JSON.parse(r.stdout), { success: true, result: { ok: true } }, line);
  }
});
