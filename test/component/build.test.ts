// `mockforge-plugin build` for components, as a user runs it: the C fixture built by clang and turned into a
// component (jco embed + new with the WASI preview1 adapter) runs through `run`; the ComponentizeJS and
// componentize-py fixtures (components.test.ts) are built the same way. Failures name what to fix.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, FIXTURES, buildCComponent, writeTemp } from './build';

function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input: options.input, env: options.env ?? process.env, cwd: options.cwd });
}

const bearer = (token: string) => JSON.stringify({ context: { method: 'GET', uri: '/c', headers: {} }, credentials: { type: 'bearer', token } });

describe('core module → component through build (clang, component: true)', () => {
  const temps: string[] = [];
  after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });
  const copy = (yaml: (text: string) => string): string => {
    const dir = writeTemp('mf-cbuild-', {});
    temps.push(dir);
    cpSync(path.join(FIXTURES, 'c-auth'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'plugin.yaml'), yaml(readFileSync(path.join(dir, 'plugin.yaml'), 'utf8')));
    return dir;
  };

  test('authenticate and get_capabilities; the libc stderr line arrives through the preview1 adapter', () => {
    const dir = buildCComponent();
    const yes = cli(['run', dir, '--call', 'authenticate', '--input', '-', '--compact'], { input: bearer('letmein') });
    assert.equal(yes.status, 0, yes.stderr);
    assert.deepEqual(JSON.parse(yes.stdout), { success: true, result: { authenticated: true, user_id: 'c-user', claims: {}, metadata: {} } });
    assert.match(yes.stderr, /stderr: c authenticate: accepted/);
    const no = cli(['run', dir, '--call', 'authenticate', '--input', '-', '--compact'], { input: bearer('nope') });
    assert.deepEqual(JSON.parse(no.stdout).result, { authenticated: false, claims: {}, metadata: {}, error_message: 'wrong token' });
    const caps = cli(['run', dir, '--call', 'get_capabilities', '--input', '-', '--compact'], { input: '{}' });
    assert.deepEqual(JSON.parse(caps.stdout), { success: true, result: { types: ['auth'], metadata: {} } });
  });

  test('the build report names the adapter and the exported interfaces', () => {
    const dir = copy((y) => y);
    const r = cli(['build', dir]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /component: jco embed \+ new, world auth-plugin, WASI preview1 reactor adapter/);
    assert.match(r.stdout, /built .*plugin\.wasm \(.*\) in .* s: component, exports auth, capabilities\n/);
  });

  test('types the core module does not implement: jco new names the missing export; the combined world is written to build/wit', () => {
    const dir = copy((y) => y.replace('types: [auth]', 'types: [auth, template]'));
    const r = cli(['build', dir]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /jco new: the core module does not implement the world auth-template-plugin: .*template/s);
    const world = readFileSync(path.join(dir, 'build', 'wit', 'build-world.wit'), 'utf8');
    assert.match(world, /world auth-template-plugin \{\n.*include auth-plugin;\n.*include template-plugin;\n\}/s);
  });

  test('a world that is not part of mockforge:plugin is a located input error', () => {
    const dir = copy((y) => y.replace('component: true', 'component: true\n    world: auth-plugn'));
    const r = cli(['build', dir]);
    assert.equal(r.status, 2);
    assert.doesNotMatch(r.stderr, /\$ clang/);
    assert.match(r.stderr, /plugin\.yaml: wasm\.build\.world "auth-plugn" is not a world of mockforge:plugin \(auth-plugin, template-plugin, response-plugin, datasource-plugin, plugin\)/);
  });
});

describe('component toolchains that are not installed', () => {
  const temps: string[] = [];
  after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

  test('componentize-py missing from PATH: exit 2 with how to install it', () => {
    const dir = writeTemp('mf-cpy-', {});
    temps.push(dir);
    cpSync(path.join(FIXTURES, 'py-auth'), dir, { recursive: true });
    // PATH holds only node's folder: no componentize-py there.
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: path.dirname(process.execPath) };
    delete env.COMPONENTIZE_PY;
    const r = cli(['build', dir], { env });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /componentize-py is not installed or not on PATH\.\n {2}hint: install it from PyPI: `pip install componentize-py`/);
    assert.equal(existsSync(path.join(dir, 'build', 'plugin.wasm')), false);
  });
});
