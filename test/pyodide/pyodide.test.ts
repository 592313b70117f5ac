// A real Python plugin (test/fixtures/pyodide/auth, written against the remote Python SDK's classes) run by the
// embedded host under Pyodide from node_modules: one warm interpreter serves the calls, exceptions carry the
// plugin's own traceback, files/env/network are gated, an endless loop is stopped, an edit reloads the plugin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadPlugin, LoadedPlugin } from '../../host/src/plugin';
import type { LogRecord } from '../../host/src/runtime';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'pyodide', 'auth');
const ctx = { method: 'GET', uri: '/api/users', headers: {} };
const fn = (name: string, ...args: unknown[]) => ({ function_name: name, args, context: ctx });

describe('Pyodide plugin', () => {
  let dir = '';
  let plugin: LoadedPlugin;
  const logs: LogRecord[] = [];
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mf-pyodide-'));
    cpSync(FIXTURE, dir, { recursive: true });
    plugin = await loadPlugin(dir, { onLog: (r) => logs.push(r) });
  });
  after(async () => {
    await plugin?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('authenticate: the first call starts Python (progress + cold timing), the next one is warm', async () => {
    const progress: string[] = [];
    const first = await plugin.call('authenticate', { context: ctx, credentials: { type: 'bearer', token: 'letmein' } }, { onLog: (r) => progress.push(r.message) });
    assert.deepEqual(first.envelope, { success: true, result: { authenticated: true, user_id: 'py-user', claims: { role: 'admin' }, metadata: {} } });
    assert.match(progress[0], /^starting Python…/);
    assert.ok(progress.some((m) => /^Python ready in \d+ ms \(plugin class DemoPlugin\)/.test(m)), progress.join('\n'));
    assert.ok(progress.includes('python authenticate GET /api/users'));
    assert.equal(typeof first.timing.instantiateMs, 'number');
    const second = await plugin.call('authenticate', { context: ctx, credentials: { type: 'bearer', token: 'nope' } });
    assert.deepEqual(second.envelope, { success: true, result: { authenticated: false, claims: {}, metadata: {}, error_message: 'wrong token' } });
    assert.equal(second.timing.instantiateMs, undefined, 'a warm call starts nothing');
    assert.ok(!second.logs.some((r) => r.message.startsWith('starting Python')));
  });

  test('execute_function and list_functions through the SDK', async () => {
    assert.deepEqual((await plugin.call('execute_function', fn('uppercase', 'hello'))).envelope, { success: true, result: { result: 'HELLO' } });
    const list = (await plugin.call('list_functions', {})).envelope;
    assert.ok(list.success && (list.result as { functions: Array<{ name: string }> }).functions[0].name === 'uppercase');
    const bad = (await plugin.call('execute_function', { function_name: '', args: [] })).envelope;
    assert.equal(!bad.success && bad.error.code, 'bad_input');
  });

  test('a Python exception is a plugin_error with the traceback trimmed to the plugin\'s own frames', async () => {
    const r = (await plugin.call('execute_function', fn('boom'))).envelope;
    assert.ok(!r.success);
    assert.equal(r.error.code, 'plugin_error');
    const tb = (r.error.details as { traceback: string }).traceback;
    assert.match(tb, /File "\/plugin\/plugin\.py", line \d+, in execute_function\n {4}return explode\(0\)/);
    assert.match(tb, /File "\/plugin\/plugin\.py", line \d+, in explode/);
    assert.match(tb, /ZeroDivisionError: division by zero$/);
    assert.doesNotMatch(tb, /mockforge_plugin|_pyodide|asyncio/);
    assert.match(r.error.message, /^division by zero\nTraceback/);
  });

  test('files: allowed_paths is mounted, nothing else of the host is', async () => {
    assert.deepEqual((await plugin.call('execute_function', fn('read', 'data/inside.txt'))).envelope, { success: true, result: { result: 'inside the allowed path\n' } });
    for (const outside of [path.join(REPO, 'package.json'), '/etc/hostname', path.join(dir, 'plugin.yaml')]) {
      assert.deepEqual((await plugin.call('execute_function', fn('read', outside))).envelope, { success: true, result: { result: 'error: FileNotFoundError' } }, outside);
    }
  });

  test('environment: declared variables only, never the host\'s', async () => {
    assert.deepEqual((await plugin.call('execute_function', fn('env', 'MF_GIVEN'))).envelope, { success: true, result: { result: 'granted-value' } });
    const home = (await plugin.call('execute_function', fn('env', 'HOME'))).envelope;
    assert.ok(home.success && (home.result as { result: unknown }).result !== process.env.HOME);
  });

  test('`import js` is an empty object and NODEFS is gone once the allowed paths are mounted', async () => {
    const r = (await plugin.call('execute_function', fn('escape'))).envelope;
    assert.ok(r.success, JSON.stringify(r));
    const reached = (r.result as { result: Record<string, string> }).result;
    assert.match(reached['js.process'], /^blocked: /);
    assert.match(reached.NODEFS, /^blocked: /);
  });

  test('network: http_fetch is capability-gated (the host is not in allowed_hosts)', async () => {
    const r = (await plugin.call('execute_function', fn('fetch', 'http://127.0.0.1:9/'))).envelope;
    assert.ok(r.success, JSON.stringify(r));
    const reply = (r.result as { result: { success: boolean; error: { code: string; message: string } } }).result;
    assert.equal(reply.success, false);
    assert.equal(reply.error.code, 'capability_denied');
    assert.match(reply.error.message, /127\.0\.0\.1:9: not in capabilities\.network\.allowed_hosts/);
  });

  test('an edit to the plugin file reloads it on the next call', async () => {
    const file = path.join(dir, 'plugin.py');
    writeFileSync(file, readFileSync(file, 'utf8').replace('return str(args[0]).upper()', 'return str(args[0]).upper() + "!"'));
    const r = await plugin.call('execute_function', fn('uppercase', 'hi'));
    assert.deepEqual(r.envelope, { success: true, result: { result: 'HI!' } });
    assert.equal(typeof r.timing.instantiateMs, 'number', 'the reload is a cold start');
  });

  test('an endless loop is stopped by the time limit', async () => {
    const r = await plugin.call('execute_function', fn('spin'), { timeoutMs: 1500 });
    assert.ok(!r.envelope.success);
    assert.equal(r.envelope.error.code, 'timeout');
    assert.match(r.envelope.error.message, /did not finish within 1500 ms/);
  });
});

test('mockforge-plugin run: a Pyodide plugin answers authenticate like any other plugin', () => {
  const r = spawnSync(process.execPath, [CLI, 'run', FIXTURE, '--call', 'authenticate', '--input', '-', '--compact', '--verbose'],
    { input: JSON.stringify({ context: ctx, credentials: { type: 'bearer', token: 'letmein' } }), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { success: true, result: { authenticated: true, user_id: 'py-user', claims: { role: 'admin' }, metadata: {} } });
  assert.match(r.stderr, /info {2}host: starting Python…/);
  assert.match(r.stderr, /timing: load .* instantiate \d/);
});
