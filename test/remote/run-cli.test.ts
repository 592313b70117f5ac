// `mockforge-plugin run` on remote plugins, as a user runs it: loadPlugin dispatches plugin.runtime: remote here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { stringify } from 'yaml';
import type { RemoteSection } from '../../host/src/manifest/types';
import type { RunningServer } from '../../sdk/node/src/index';
import { freePort } from './helpers/http-server';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES, ROOT } from './helpers/paths';
import { isRefused } from './helpers/wait';

const dirs: string[] = [];

function pluginDir(remote: Partial<RemoteSection> & { endpoint: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'mf-run-remote-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'plugin.yaml'), stringify(remoteManifest(remote)));
  writeFileSync(join(dir, 'input.json'), JSON.stringify(SAMPLE_INPUTS.execute_function));
  return dir;
}

async function run(dir: string, ...extra: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.js'), 'run', dir, '--call', 'execute_function', '--input', join(dir, 'input.json'), '--compact', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('mockforge-plugin run (remote)', () => {
  let server: RunningServer;
  before(async () => {
    server = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null });
  });
  after(async () => {
    await server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('calls the running service and prints the envelope (exit 0)', async () => {
    const r = await run(pluginDir({ endpoint: server.url }));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"success":true,"result":{"result":"ABC"}}\n');
  });

  it('starts remote.dev for the call and stops it afterwards', async () => {
    const port = await freePort();
    const dir = pluginDir({ protocol: 'grpc', endpoint: `http://127.0.0.1:${port}`, dev: { command: `python3 ${join(FIXTURES, 'sdk_plugin.py')} grpc --port ${port}`, env: { PYTHONPATH: join(ROOT, 'sdk/python') } } });
    const r = await run(dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '{"success":true,"result":{"result":"ABC"}}\n');
    assert.match(r.stderr, /info {2}host: the dev service is healthy/);
    assert.equal(await isRefused(port), true);
  });

  it('a service that is down: remote_unreachable envelope, exit 1', async () => {
    const port = await freePort();
    const r = await run(pluginDir({ endpoint: `http://127.0.0.1:${port}` }));
    assert.equal(r.code, 1);
    const env = JSON.parse(r.stdout) as { success: boolean; error: { code: string; message: string } };
    assert.equal(env.error.code, 'remote_unreachable');
    assert.match(env.error.message, /is the plugin service running\?/);
  });
});
