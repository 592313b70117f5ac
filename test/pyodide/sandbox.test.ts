// The Pyodide process is a sandbox against a hostile plugin (test/fixtures/pyodide/hostile): through Pyodide's JS
// FFI or Python's own modules it tries to read a file outside allowed_paths, read an environment variable it was
// not given, start a process and open a socket. Every attempt fails with a reason, the secret never shows, and the
// same warm interpreter answers the next call. A second test runs the sandbox's exact Node flags on a plain script
// to show the permission model itself refuses the file, the process and the worker.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadPlugin, LoadedPlugin } from '../../host/src/plugin';
import type { Envelope } from '../../host/src/contract/envelope';
import { pyodideChildPath } from '../../host/src/pyodide/load';
import { sandboxCommand } from '../../host/src/pyodide/sandbox';
import { MAX_LOG_RECORDS } from '../../host/src/pyodide/process-runtime';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'pyodide', 'hostile');
const SECRET = 'TOP-SECRET-8c1f2e';
const ENV_NAME = 'MF_UNDECLARED_SECRET';

function failure(envelope: Envelope): { code: string; message: string } {
  assert.equal(envelope.success, false, `expected a failure, got ${JSON.stringify(envelope)}`);
  return envelope.success ? { code: '', message: '' } : envelope.error;
}

describe('Pyodide sandbox against a hostile plugin', () => {
  let work = '';
  let secretFile = '';
  let plugin: LoadedPlugin;
  let server: Server;
  let port = 0;
  let connections = 0;
  const call = (name: string, ...args: unknown[]) =>
    plugin.call('execute_function', { function_name: name, args, context: { method: 'GET', uri: '/', headers: {} } });

  before(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'mf-pyodide-hostile-'));
    mkdirSync(path.join(work, 'outside'));
    secretFile = path.join(work, 'outside', 'secret.txt');
    writeFileSync(secretFile, `${SECRET}\n`);
    cpSync(FIXTURE, path.join(work, 'plugin'), { recursive: true });
    process.env[ENV_NAME] = SECRET;
    server = createServer((s) => { connections++; s.end(`${SECRET}\n`); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    plugin = await loadPlugin(path.join(work, 'plugin'));
    const first = await call('ok');
    assert.deepEqual(first.envelope, { success: true, result: { result: 'allowed data' } });
  });
  after(async () => {
    await plugin?.dispose();
    server?.close();
    delete process.env[ENV_NAME];
    rmSync(work, { recursive: true, force: true });
  });

  test('a file outside allowed_paths: not through open(), not through Pyodide\'s loader, not through a NODEFS mount', async () => {
    const viaOpen = failure((await call('read_python', secretFile)).envelope);
    assert.equal(viaOpen.code, 'plugin_error');
    assert.match(viaOpen.message, /FileNotFoundError|No such file/);
    // These two reach real node:fs calls inside the process: the permission model refuses them.
    for (const route of ['read_ffi', 'read_nodefs']) {
      const r = failure((await call(route, secretFile)).envelope);
      assert.equal(r.code, 'plugin_error', route);
      assert.match(r.message, /Access to this API has been restricted|ERR_ACCESS_DENIED|does not exist|PermissionError|Errno/, `${route}: ${r.message}`);
      assert.doesNotMatch(r.message, new RegExp(SECRET), route);
    }
    const viaJs = failure((await call('read_js', secretFile)).envelope);
    assert.match(viaJs.message, /Code generation from strings disallowed/);
  });

  test('an environment variable the manifest does not grant: not in os.environ, not in process.env', async () => {
    assert.deepEqual((await call('env_python', ENV_NAME)).envelope, { success: true, result: { result: null } });
    const viaJs = failure((await call('env_js', ENV_NAME)).envelope);
    assert.match(viaJs.message, /Code generation from strings disallowed/);
    assert.doesNotMatch(viaJs.message, new RegExp(SECRET));
  });

  test('starting a process: not through subprocess, not through node:child_process', async () => {
    const viaPython = failure((await call('spawn_python')).envelope);
    assert.equal(viaPython.code, 'plugin_error');
    assert.match(viaPython.message, /OSError|not supported|Errno/);
    const viaJs = failure((await call('spawn_js')).envelope);
    assert.match(viaJs.message, /Code generation from strings disallowed/);
  });

  test('a socket through pyodide.useNodeSockFS is refused; the host saw no connection', async () => {
    const r = failure((await call('socket', port)).envelope);
    assert.equal(r.code, 'plugin_error');
    assert.match(r.message, /capability_denied: Python plugins reach the network only through mockforge_host\.http_fetch/);
    assert.equal(connections, 0);
  });

  test('a memory blow-up past max_memory_bytes is a memory_limit failure; the next call gets a fresh interpreter', async () => {
    const r = failure((await call('hog', 320)).envelope);
    assert.equal(r.code, 'memory_limit');
    assert.match(r.message, /over max_memory_bytes 268435456; it is restarted for the next call/);
    const next = await call('ok');
    assert.deepEqual(next.envelope, { success: true, result: { result: 'allowed data' } });
    assert.equal(typeof next.timing.instantiateMs, 'number', 'a new interpreter started');
  });

  test('a flood of output keeps at most MAX_LOG_RECORDS lines in the host and says how many it dropped', async () => {
    const r = await call('flood', MAX_LOG_RECORDS + 500);
    assert.deepEqual(r.envelope, { success: true, result: { result: 'flooded' } });
    assert.equal(r.logs.length, MAX_LOG_RECORDS + 1);
    assert.equal(r.logs[0].message, 'line 0');
    assert.match(r.logs[MAX_LOG_RECORDS].message, /^500 more log lines of this call were dropped/);
  });

  test('the host and the warm interpreter survive all of it', async () => {
    const r = await call('ok');
    assert.deepEqual(r.envelope, { success: true, result: { result: 'allowed data' } });
    assert.equal(r.timing.instantiateMs, undefined, 'the same interpreter answered (no restart)');
  });

  test('the sandbox\'s Node flags alone refuse the file, the process, the worker, and carry no environment', () => {
    const probe = path.join(work, 'probe.js');
    writeFileSync(probe, `
      const out = {};
      const attempt = (name, f) => { try { out[name] = 'allowed: ' + String(f()).slice(0, 40); } catch (e) { out[name] = e.code || e.message; } };
      attempt('read', () => require('fs').readFileSync(${JSON.stringify(secretFile)}, 'utf8'));
      attempt('spawn', () => require('child_process').execFileSync('id'));
      attempt('worker', () => new (require('worker_threads').Worker)('1', { eval: true }));
      attempt('write', () => require('fs').writeFileSync(${JSON.stringify(path.join(work, 'outside', 'x'))}, 'x'));
      out.env = Object.keys(process.env).filter((k) => k !== 'NODE_CHANNEL_FD' && k !== 'NODE_CHANNEL_SERIALIZATION_MODE');
      console.log(JSON.stringify(out));`);
    const plan = {
      label: 'probe', entry: 'plugin.py', sources: {}, runtimeFiles: {},
      indexURL: `${path.dirname(require.resolve('pyodide/package.json'))}/`,
      policy: { config: {}, env: {}, network: { allowed: false, hosts: [] }, filesystem: { allowRead: true, allowWrite: false, preopens: { data: path.join(work, 'plugin', 'data') } }, maxMemoryBytes: 1, maxOutputBytes: 1, timeoutMs: 1 },
    };
    const command = sandboxCommand(probe, plan);
    assert.ok(command.args.includes('--disallow-code-generation-from-strings'));
    assert.ok(!command.args.some((a) => /allow-child-process|allow-worker/.test(a)));
    assert.ok(pyodideChildPath().endsWith(path.join('dist', 'pyodide-child.js')));
    const r = spawnSync(process.execPath, command.args, { env: command.env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(seen, { read: 'ERR_ACCESS_DENIED', spawn: 'ERR_ACCESS_DENIED', worker: 'ERR_ACCESS_DENIED', write: 'ERR_ACCESS_DENIED', env: [] });
  });
});
