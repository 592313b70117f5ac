// The Node SDK (in-process) and the Python SDK (uvicorn child process) over HTTP, called for every operation, and
// a plain FastAPI service written to MockForge's reference wire format.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteRuntime } from '../../host/src/remote/index';
import type { RunningServer } from '../../sdk/node/src/index';
import { assertEveryOperation } from './helpers/every-operation';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES } from './helpers/paths';
import { spawnServer } from './helpers/spawn-server';
import type { SpawnedServer } from './helpers/spawn-server';

describe('Node SDK over HTTP', () => {
  let server: RunningServer;
  let runtime: RemoteRuntime;
  before(async () => {
    server = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null });
    runtime = await createRemoteRuntime(remoteManifest({ endpoint: server.url }), FIXTURES);
  });
  after(async () => {
    await runtime.dispose();
    await server.close();
  });

  it('answers every operation', async () => {
    assert.equal(runtime.kind, 'remote');
    await assertEveryOperation(runtime, 'node');
  });

  it('reports health through the API', async () => {
    const status = await runtime.checkHealth();
    assert.equal(status.state, 'healthy');
    assert.equal(runtime.health().state, 'healthy');
    assert.ok(typeof status.rttMs === 'number');
  });

  it('refuses to listen on 0.0.0.0 without the explicit flag', async () => {
    await assert.rejects(new EveryKindPlugin().listen(0, '0.0.0.0', { handleSignals: false }), /refusing to listen on 0\.0\.0\.0/);
  });
});

describe('Python SDK over HTTP (uvicorn)', () => {
  let py: SpawnedServer;
  let runtime: RemoteRuntime;
  before(async () => {
    py = await spawnServer('python3', [join(FIXTURES, 'sdk_plugin.py'), 'http', '--port', '0']);
    runtime = await createRemoteRuntime(remoteManifest({ endpoint: `http://127.0.0.1:${py.port}` }), FIXTURES);
  });
  after(async () => {
    await runtime.dispose();
    await py.stop();
  });

  it('answers every operation', async () => {
    await assertEveryOperation(runtime, 'py');
  });

  it('reports healthy', async () => {
    assert.equal((await runtime.checkHealth()).state, 'healthy');
  });
});

describe('a plain FastAPI service in MockForge\'s reference wire format', () => {
  let ref: SpawnedServer;
  let runtime: RemoteRuntime;
  before(async () => {
    ref = await spawnServer('python3', [join(FIXTURES, 'reference_fastapi.py'), '--port', '0']);
    runtime = await createRemoteRuntime(remoteManifest({ endpoint: `http://127.0.0.1:${ref.port}` }), FIXTURES);
  });
  after(async () => {
    await runtime.dispose();
    await ref.stop();
  });

  it('is called successfully', async () => {
    const out = await runtime.call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.deepEqual(out.envelope, { success: true, result: { authenticated: true, user_id: 'ref-user', claims: { via: 'reference' } } });
  });

  it('has its bare-string error normalised to plugin_error', async () => {
    const out = await runtime.call('authenticate', { ...SAMPLE_INPUTS.authenticate, credentials: { type: 'bearer', token: 'expired' } });
    assert.deepEqual(out.envelope, { success: false, error: { code: 'plugin_error', message: 'token expired' } });
    assert.equal(out.timing.attempts, 1);
  });
});
