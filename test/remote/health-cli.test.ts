// `mockforge-plugin health` as a user runs it: node dist/cli.js health <plugin dir>.
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
import { remoteManifest } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES, ROOT } from './helpers/paths';
import { isRefused } from './helpers/wait';

const CLI = join(ROOT, 'dist/cli.js');
const dirs: string[] = [];

function pluginDir(remote: Partial<RemoteSection> & { endpoint: string }, runtime = 'remote'): string {
  const dir = mkdtempSync(join(tmpdir(), 'mf-health-'));
  dirs.push(dir);
  const m = remoteManifest(remote);
  m.plugin.runtime = runtime as 'remote';
  writeFileSync(join(dir, 'plugin.yaml'), stringify(m));
  return dir;
}

async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => { stdout += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}

describe('mockforge-plugin health', () => {
  let http: RunningServer;
  let grpcServer: RunningServer;
  before(async () => {
    http = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null });
    grpcServer = await new EveryKindPlugin().serveGrpc(0, '127.0.0.1', { handleSignals: false, secret: null });
  });
  after(async () => {
    await http.close();
    await grpcServer.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('healthy HTTP service: state and round-trip time, exit 0', async () => {
    const r = await cli('health', pluginDir({ endpoint: http.url }));
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^healthy: GET ${http.url}/health in \\d+(\\.\\d+)? ms\\n$`));
  });

  it('healthy gRPC service, JSON output', async () => {
    const r = await cli('health', join(pluginDir({ endpoint: `http://${grpcServer.url}`, protocol: 'grpc' }), 'plugin.yaml'), '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { state: string; rtt_ms: number; target: string };
    assert.equal(j.state, 'healthy');
    assert.equal(typeof j.rtt_ms, 'number');
    assert.equal(j.target, `gRPC Health at ${grpcServer.url}`);
  });

  it('nothing listening: unhealthy with the hint, exit 1', async () => {
    const port = await freePort();
    const r = await cli('health', pluginDir({ endpoint: `http://127.0.0.1:${port}` }));
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^unhealthy: GET http:\/\/127\.0\.0\.1:\d+\/health in .*\n {2}connection refused by .*is the plugin service running\?/);
  });

  it('--start runs remote.dev, reports healthy, and stops it again', async () => {
    const port = await freePort();
    const dir = pluginDir({ endpoint: `http://127.0.0.1:${port}`, dev: { command: `python3 ${join(FIXTURES, 'sdk_plugin.py')} http --port ${port}`, env: { PYTHONPATH: join(ROOT, 'sdk/python') } } });
    const r = await cli('health', dir, '--start');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^healthy: /);
    assert.match(r.stderr, /starting the dev service/);
    assert.equal(await isRefused(port), true);
  });

  it('unloadable input: exit 2 with a message', async () => {
    const wasm = await cli('health', pluginDir({ endpoint: 'http://127.0.0.1:1' }, 'wasm'));
    assert.equal(wasm.code, 2, wasm.stdout + wasm.stderr);
    const missing = await cli('health', join(tmpdir(), 'no-such-plugin-dir'));
    assert.equal(missing.code, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /does not exist/);
    const badEndpoint = await cli('health', pluginDir({ endpoint: 'ftp://example.com' }));
    assert.equal(badEndpoint.code, 2, badEndpoint.stdout + badEndpoint.stderr);
    assert.match(badEndpoint.stderr, /remote\.endpoint must start with http:\/\/ or https:\/\//);
  });
});
