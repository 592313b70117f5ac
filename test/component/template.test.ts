// `mockforge-plugin new --lang javascript-component` → `build` (jco componentize, world from plugin.types) → `test`
// (the template's saved requests, with their expectations) → `run`: the path a user takes with the template.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, writeTemp } from './build';

describe('javascript-component template (auth)', () => {
  const root = writeTemp('mf-jstpl-', {});
  const dir = path.join(root, 'token-auth');
  mkdirSync(root, { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));
  const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8' });

  test('new, check, build, test, run', () => {
    const made = cli('new', dir, '--lang', 'javascript-component', '--type', 'auth', '--id', 'token-auth');
    assert.equal(made.status, 0, made.stderr);
    const checked = cli('check', dir);
    assert.equal(checked.status, 0, checked.stdout + checked.stderr);
    assert.doesNotMatch(checked.stdout, /: (error|warning): /);
    const built = cli('build', dir);
    assert.equal(built.status, 0, built.stderr);
    assert.match(built.stderr, /jco componentize plugin\.js --wit .* --world-name auth-plugin --out build\/plugin\.wasm --disable http/);
    assert.match(built.stdout, /: component, exports auth, capabilities\n/);
    assert.ok(existsSync(path.join(dir, 'build', 'plugin.wasm')));
    const tested = cli('test', dir);
    assert.equal(tested.status, 0, `${tested.stdout}${tested.stderr}`);
    assert.match(tested.stdout, /3 passed/);
    const caps = cli('run', dir, '--call', 'get_capabilities', '--compact');
    assert.deepEqual(JSON.parse(caps.stdout), { success: true, result: { types: ['auth'], metadata: {} } });
  });
});
