// remote.dev: the service is started when its loopback endpoint is not answering, awaited through its health check,
// stopped on dispose, reported with its own output when it fails, and never outlives the caller.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteSection } from '../../host/src/manifest/types';
import { freePort } from './helpers/http-server';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { FIXTURES, ROOT } from './helpers/paths';
import { isRefused, processGone, until } from './helpers/wait';

const PY_ENV = { PYTHONPATH: join(ROOT, 'sdk/python'), PYTHONUNBUFFERED: '1' };

function devRemote(port: number, command: string, protocol: 'http' | 'grpc' = 'http'): Partial<RemoteSection> & { endpoint: string } {
  return { protocol, endpoint: `http://127.0.0.1:${port}`, dev: { command, cwd: '.', env: PY_ENV } };
}

describe('remote.dev', () => {
  for (const protocol of ['http', 'grpc'] as const) {
    it(`starts the ${protocol} service on first use and stops it on dispose`, async () => {
      const port = await freePort();
      const logs: string[] = [];
      const rt = await createRemoteRuntime(remoteManifest(devRemote(port, `python3 sdk_plugin.py ${protocol} --port ${port}`, protocol)), FIXTURES, { onLog: (r) => logs.push(r.message) });
      const out = await rt.call('execute_function', SAMPLE_INPUTS.execute_function);
      assert.deepEqual(out.envelope, { success: true, result: { result: 'ABC' } });
      assert.ok(out.logs.some((l) => /starting the dev service: python3 sdk_plugin\.py/.test(l.message)), JSON.stringify(out.logs));
      const pid = rt.devService?.pid;
      assert.ok(pid, 'the runtime reports the service it started');
      // A second call reuses it.
      const again = await rt.call('execute_function', SAMPLE_INPUTS.execute_function);
      assert.equal(again.envelope.success, true);
      assert.equal(rt.devService?.pid, pid);
      await rt.dispose();
      assert.ok(processGone(pid!) || (await until(() => processGone(pid!))), 'the service process is gone after dispose');
      assert.equal(await isRefused(port), true);
    });
  }

  it('does not start anything when the endpoint already answers', async () => {
    const port = await freePort();
    const first = await createRemoteRuntime(remoteManifest(devRemote(port, `python3 sdk_plugin.py http --port ${port}`)), FIXTURES);
    assert.equal(await first.start(), undefined);
    const second = await createRemoteRuntime(remoteManifest(devRemote(port, 'python3 -c "raise SystemExit(9)"')), FIXTURES);
    const out = await second.call('list_functions', {});
    assert.equal(out.envelope.success, true);
    assert.equal(second.devService, undefined);
    await second.dispose();
    await first.dispose();
  });

  it('a service that exits at once: remote_unreachable with its own output', async () => {
    const port = await freePort();
    const rt = await createRemoteRuntime(remoteManifest(devRemote(port, 'python3 -c "import sys; print(\'config error: PORT_FILE missing\'); sys.exit(3)"')), FIXTURES);
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = (out.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'remote_unreachable');
    assert.match(err.message, /exited \(exit code 3\) before its health check passed\. Its output:\nconfig error: PORT_FILE missing/);
    await rt.dispose();
  });

  it('a service that never turns healthy: bounded wait, its output shown, the process stopped', async () => {
    const port = await freePort();
    const rt = await createRemoteRuntime(
      remoteManifest(devRemote(port, 'python3 -c "import time; print(\'loading model...\', flush=True); time.sleep(600)"')),
      FIXTURES,
      { devStartTimeoutMs: 1500 },
    );
    const started = rt.start();
    const failed = await started;
    assert.ok(failed && !failed.success);
    assert.equal(failed.error.code, 'remote_unreachable');
    assert.match(failed.error.message, /did not pass its health check within 1500 ms\. Its output:\nloading model\.\.\./);
    await rt.dispose();
  });

  it('never outlives the process that started it', async () => {
    const port = await freePort();
    const script = `
      const { createRemoteRuntime } = require(${JSON.stringify(join(ROOT, 'out/host/src/remote/index.js'))});
      (async () => {
        const rt = await createRemoteRuntime(${JSON.stringify(remoteManifest(devRemote(port, `python3 sdk_plugin.py http --port ${port}`)))}, ${JSON.stringify(FIXTURES)});
        const out = await rt.call('list_functions', {});
        console.log(JSON.stringify({ ok: out.envelope.success, pid: rt.devService.pid }));
        process.exit(0); // no dispose: the exit hook must still stop the service
      })();`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
    await once(child, 'exit');
    const { ok, pid } = JSON.parse(stdout) as { ok: boolean; pid: number };
    assert.equal(ok, true);
    assert.equal(await until(() => processGone(pid)), true, `dev service ${pid} still running after its caller exited`);
    assert.equal(await isRefused(port), true);
  });
});
