// The `mockforge` debug configuration → the launch VS Code starts (client/src/debug/resolve.ts): the embedded-host
// runner under `node` for wasm plugins, the service's own command under its debugger for remote plugins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { requestFile, resolveLaunch, splitCommand, type MockforgeLaunch, type PluginFacts } from '../../client/src/debug/resolve';

const RUNNER = path.resolve('/ext/dist/debug-runner.js');
const DIR = path.resolve('/ws/auth');
const REQ = path.join(DIR, '.mockforge', 'requests', 'valid-token.json');
const env = { runnerScript: RUNNER, haveDebugpy: false };
const launch = (over: Partial<MockforgeLaunch> = {}): MockforgeLaunch => ({ type: 'mockforge', request: 'launch', name: '', ...over });
const wasm: PluginFacts = { dir: DIR, id: 'auth', runtime: 'wasm' };
const remote = (command: string, cwd = DIR): PluginFacts => ({ dir: DIR, id: 'svc', runtime: 'remote', dev: { command, cwd, env: { MODE: 'dev' } } });

test('a saved request name is looked up in .mockforge/requests; a path is taken relative to the plugin', () => {
  assert.equal(requestFile(DIR, 'valid-token'), REQ);
  assert.equal(requestFile(DIR, 'extra/r.json'), path.join(DIR, 'extra', 'r.json'));
  assert.equal(requestFile(DIR, REQ), REQ);
});

test('wasm plugin: a node launch of the runner with the plugin and request, source maps on, the host skipped', () => {
  const r = resolveLaunch(launch({ config: { token: 's3cret' } }), wasm, REQ, env);
  assert.equal(r.kind, 'embedded');
  if (r.kind !== 'embedded') return;
  const l = r.launch;
  assert.equal(l.type, 'node');
  assert.equal(l.request, 'launch');
  assert.equal(l.program, RUNNER);
  assert.deepEqual(l.args, [DIR, REQ, '--config', 'token=s3cret']);
  assert.equal(l.cwd, DIR);
  assert.equal(l.sourceMaps, true);
  assert.equal(l.stopOnEntry, false);
  assert.deepEqual(l.resolveSourceMapLocations, [path.join(DIR, '**'), '!**/node_modules/**']);
  assert.ok((l.skipFiles as string[]).includes(path.join(path.dirname(RUNNER), '**')), 'the bundled host is skipped when stepping');
  assert.equal(l.name, 'MockForge: auth ← valid-token');
  const named = resolveLaunch(launch({ name: 'mine' }), wasm, REQ, env);
  assert.equal(named.kind === 'embedded' && named.launch.name, 'mine');
});

test('pyodide plugins run in the same runner; an unknown runtime is a clear error', () => {
  assert.equal(resolveLaunch(launch(), { ...wasm, runtime: 'pyodide' }, REQ, env).kind, 'embedded');
  const r = resolveLaunch(launch(), { ...wasm, runtime: 'jvm' }, REQ, env);
  assert.equal(r.kind, 'error');
  assert.match(r.kind === 'error' ? r.message : '', /plugin\.runtime "jvm" cannot be debugged/);
});

test('remote plugin with `node` dev command: the service itself under the node debugger, env and flags kept', () => {
  const r = resolveLaunch(launch(), remote('PORT=8931 node --enable-source-maps server.js --port 8931', path.join(DIR, 'svc')), REQ, env);
  assert.equal(r.kind, 'remote');
  if (r.kind !== 'remote') return;
  assert.equal(r.debugger, 'node');
  assert.equal(r.launch.type, 'node');
  assert.equal(r.launch.program, path.join(DIR, 'svc', 'server.js'));
  assert.deepEqual(r.launch.args, ['--port', '8931']);
  assert.deepEqual(r.launch.runtimeArgs, ['--enable-source-maps']);
  assert.equal(r.launch.cwd, path.join(DIR, 'svc'));
  assert.deepEqual(r.launch.env, { MODE: 'dev', PORT: '8931' });
});

test('remote plugin with `python` dev command: debugpy when installed (script or -m module), a hint when not', () => {
  const missing = resolveLaunch(launch(), remote('python3 service.py'), REQ, env);
  assert.equal(missing.kind, 'error');
  assert.match(missing.kind === 'error' ? missing.message : '', /Python Debugger extension/);
  const script = resolveLaunch(launch(), remote('python3 service.py --port 9000'), REQ, { ...env, haveDebugpy: true });
  assert.equal(script.kind === 'remote' && script.debugger, 'debugpy');
  assert.equal(script.kind === 'remote' && script.launch.program, path.join(DIR, 'service.py'));
  assert.deepEqual(script.kind === 'remote' && script.launch.args, ['--port', '9000']);
  const mod = resolveLaunch(launch(), remote('python -m uvicorn app:app --port 9000'), REQ, { ...env, haveDebugpy: true });
  assert.equal(mod.kind === 'remote' && mod.launch.module, 'uvicorn');
  assert.deepEqual(mod.kind === 'remote' && mod.launch.args, ['app:app', '--port', '9000']);
});

test('remote plugin the debugger cannot start: no dev command, a shell pipeline, another program', () => {
  for (const facts of [{ ...remote(''), dev: undefined }, remote('node server.js | tee log'), remote('./run.sh'), remote('node'), remote('python -u')]) {
    const r = resolveLaunch(launch(), facts, REQ, env);
    assert.equal(r.kind, 'error', JSON.stringify(facts));
  }
});

test('splitCommand groups quotes and refuses what needs a shell', () => {
  assert.deepEqual(splitCommand(`node "my server.js" --name 'a b'`), ['node', 'my server.js', '--name', 'a b']);
  assert.deepEqual(splitCommand('  node   a.js  '), ['node', 'a.js']);
  assert.deepEqual(splitCommand(`node ""`), ['node', '']);
  assert.equal(splitCommand('node a.js && echo'), undefined);
  assert.equal(splitCommand('node $APP'), undefined);
  assert.equal(splitCommand('node "open'), undefined);
});
