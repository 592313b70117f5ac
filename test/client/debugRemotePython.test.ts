// The command the debug provider tells an author to run for a python-remote plugin when the Python Debugger extension
// is missing (client/src/debug/resolve.ts: `python3 -m debugpy --listen … plugin.py`), run for real: a plugin made by
// `mockforge-plugin new`, the service comes up under debugpy (a debugger can connect and gets DAP answers) and answers
// a saved request through the host's remote client, the same way the provider's sendWhenReady sends it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEBUGPY_LISTEN, debugpyCommand, resolveLaunch } from '../../client/src/debug/resolve';
import { readManifest } from '../../host/src/manifest/read';
import { createRemoteRuntime, resolveRemoteConfig } from '../../host/src/remote/index';
import { readSavedRequest } from '../../cli/src/scaffold/saved-requests';

const CLI = path.resolve('dist/cli.js');
const hasDebugpy = spawnSync('python3', ['-c', 'import debugpy'], { stdio: 'ignore' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves with the first stdout match of `pattern`; rejects if the process exits first (with its output). */
function lineFrom(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = pattern.exec(out);
      if (m) resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${pattern}:\n${out}\n${err}`)));
  });
}

/** One DAP request over debugpy's socket (Content-Length framing); resolves with its response. */
function dapRequest(port: number, command: string, args: object): Promise<{ success: boolean; command: string; body?: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let buf = Buffer.alloc(0);
    socket.once('error', reject);
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1]);
        if (buf.length < head + 4 + length) return;
        const message = JSON.parse(buf.subarray(head + 4, head + 4 + length).toString()) as { type: string; command: string; success: boolean; body?: Record<string, unknown> };
        buf = buf.subarray(head + 4 + length);
        if (message.type === 'response') {
          socket.destroy();
          resolve(message);
          return;
        }
      }
    });
    const body = JSON.stringify({ seq: 1, type: 'request', command, arguments: args });
    socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

test('python-remote without the Python Debugger extension: the hinted debugpy command starts the service under debugpy, and it answers', { skip: hasDebugpy ? false : 'python3 has no debugpy (scripts/setup.sh installs it)' }, async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-debugpy-'));
  const dir = path.join(tmp, 'py-debug');
  let child: ChildProcess | undefined;
  try {
    const made = spawnSync(process.execPath, [CLI, 'new', dir, '--lang', 'python-remote', '--type', 'template', '--id', 'py-debug'], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const manifest = await readManifest(path.join(dir, 'plugin.yaml'));
    const remote = resolveRemoteConfig(manifest, dir);
    assert.ok(remote.dev, 'the template has remote.dev');

    // What the provider says for this plugin when it cannot launch debugpy itself.
    const resolved = resolveLaunch({ type: 'mockforge', request: 'launch', name: '' }, { dir, id: 'py-debug', runtime: 'remote', dev: remote.dev }, path.join(dir, '.mockforge', 'requests', 'upper.json'), { runnerScript: '/unused', haveDebugpy: false });
    assert.equal(resolved.kind, 'error');
    const hinted = debugpyCommand(remote.dev.command, DEBUGPY_LISTEN);
    assert.deepEqual(hinted, ['python3', '-m', 'debugpy', '--listen', DEBUGPY_LISTEN, 'plugin.py']);
    assert.ok(resolved.kind === 'error' && resolved.message.includes(`\`${hinted.join(' ')}\` (in ${dir}) and attach to ${DEBUGPY_LISTEN}`), resolved.kind === 'error' ? resolved.message : '');

    // The same command, listening on a free port instead of 5678 (which may be in use on this machine).
    const debugPort = await freePort();
    const [exe, ...args] = debugpyCommand(remote.dev.command, `127.0.0.1:${debugPort}`)!;
    child = spawn(exe, args, { cwd: remote.dev.cwd, env: { ...process.env, ...remote.dev.env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const up = await lineFrom(child, /mockforge plugin listening on (http:\/\/\S+)/);
    assert.equal(new URL(up[1]).port, remote.endpoint.port, 'the service listens on the manifest\'s endpoint');

    // debugpy answers a debugger on its port: the service really runs under it.
    const init = await dapRequest(debugPort, 'initialize', { clientID: 'mockforge-test', adapterID: 'debugpy', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
    assert.equal(init.command, 'initialize');
    assert.equal(init.success, true);
    assert.equal(init.body?.supportsConfigurationDoneRequest, true);

    // The saved request, sent as sendWhenReady sends it: the host's remote client, no second copy of the service.
    const runtime = await createRemoteRuntime(manifest, dir, { startDevService: false });
    try {
      assert.equal((await runtime.checkHealth()).state, 'healthy');
      const request = readSavedRequest(path.join(dir, '.mockforge', 'requests', 'upper.json'));
      const outcome = await runtime.call(request.operation, request.input);
      assert.deepEqual(outcome.envelope, { success: true, result: { result: 'HELLO, WÖRLD' } });
    } finally {
      await runtime.dispose();
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      // The whole group: debugpy runs its adapter as a second process.
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('debugpyCommand: debugpy goes right after python, leading VAR=value words and -m modules kept; other commands have none', () => {
  assert.deepEqual(debugpyCommand('PORT=9000 python3.12 -m uvicorn app:app', '127.0.0.1:7000'), ['PORT=9000', 'python3.12', '-m', 'debugpy', '--listen', '127.0.0.1:7000', '-m', 'uvicorn', 'app:app']);
  assert.deepEqual(debugpyCommand(`python "my service.py" --port 1`, DEBUGPY_LISTEN), ['python', '-m', 'debugpy', '--listen', DEBUGPY_LISTEN, 'my service.py', '--port', '1']);
  for (const command of ['node plugin.js', 'python', 'python -u plugin.py', 'python plugin.py | tee log', 'PORT=1']) {
    assert.equal(debugpyCommand(command, DEBUGPY_LISTEN), undefined, command);
  }
  const r = resolveLaunch({ type: 'mockforge', request: 'launch', name: '' }, { dir: '/ws/p', id: 'p', runtime: 'remote', dev: { command: `python "my service.py"`, cwd: '/ws/p', env: {} } }, '/ws/p/r.json', { runnerScript: '/unused', haveDebugpy: false });
  assert.match(r.kind === 'error' ? r.message : '', /start the service with `python -m debugpy --listen 127\.0\.0\.1:5678 'my service\.py'` \(in \/ws\/p\)/, 'the hint quotes words as a shell reads them');
});
