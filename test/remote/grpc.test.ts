// gRPC transport: the Node SDK (in-process) and the Python SDK (grpc.aio child process) called for every operation,
// and gRPC failures: endpoint down, deadline, UNAVAILABLE then OK (retried), wrong secret.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteRuntime } from '../../host/src/remote/index';
import type { RemoteSection } from '../../host/src/manifest/types';
import { loadPluginProto, ProtoCodec, SERVICE_NAME } from '../../sdk/node/src/grpc-codec';
import type { RunningServer } from '../../sdk/node/src/index';
import { assertEveryOperation } from './helpers/every-operation';
import { freePort } from './helpers/http-server';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES } from './helpers/paths';
import { spawnServer } from './helpers/spawn-server';
import type { SpawnedServer } from './helpers/spawn-server';

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function grpcRuntime(remote: Partial<RemoteSection> & { endpoint: string }, env?: NodeJS.ProcessEnv): Promise<RemoteRuntime> {
  const rt = await createRemoteRuntime(remoteManifest({ protocol: 'grpc', ...remote }), FIXTURES, { env });
  cleanups.push(() => rt.dispose());
  return rt;
}

describe('Node SDK over gRPC', () => {
  let server: RunningServer;
  before(async () => {
    server = await new EveryKindPlugin().serveGrpc(0, '127.0.0.1', { handleSignals: false, secret: null });
    cleanups.push(() => server.close());
  });

  it('answers every operation', async () => {
    const rt = await grpcRuntime({ endpoint: `http://${server.url}` });
    await assertEveryOperation(rt, 'node');
  });

  it('reports health through the Health RPC', async () => {
    const rt = await grpcRuntime({ endpoint: `http://${server.url}` });
    const status = await rt.checkHealth();
    assert.equal(status.state, 'healthy', JSON.stringify(status));
  });
});

describe('Python SDK over gRPC (grpc.aio)', () => {
  let py: SpawnedServer;
  before(async () => {
    py = await spawnServer('python3', [join(FIXTURES, 'sdk_plugin.py'), 'grpc', '--port', '0']);
    cleanups.push(() => py.stop());
  });

  it('answers every operation', async () => {
    const rt = await grpcRuntime({ endpoint: `http://127.0.0.1:${py.port}` });
    await assertEveryOperation(rt, 'py');
  });

  it('reports healthy', async () => {
    const rt = await grpcRuntime({ endpoint: `http://127.0.0.1:${py.port}` });
    assert.equal((await rt.checkHealth()).state, 'healthy');
  });
});

describe('gRPC failures', () => {
  it('endpoint down: remote_unreachable with the hint, 1 attempt on loopback', async () => {
    const port = await freePort();
    const rt = await grpcRuntime({ endpoint: `http://127.0.0.1:${port}`, retry_policy: { max_retries: 3, backoff_ms: 1000 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(out.envelope.success, false);
    const err = (out.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'remote_unreachable');
    assert.match(err.message, /connection refused by 127\.0\.0\.1:\d+: is the plugin service running\? .*\(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
  });

  it('UNAVAILABLE twice then OK: succeeds on the third attempt; DEADLINE_EXCEEDED is a timeout', async () => {
    const definition = loadPluginProto();
    const codec = new ProtoCodec(definition);
    const service = definition[SERVICE_NAME] as unknown as grpc.ServiceDefinition;
    let calls = 0;
    const held: Array<() => void> = [];
    const server = new grpc.Server();
    server.addService(service, {
      Authenticate: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => {
        calls++;
        if (calls <= 2) return cb({ code: grpc.status.UNAVAILABLE, details: 'warming up' });
        cb(null, codec.toProto('mockforge.plugin.v1.AuthenticateReply', { success: true, result: { authenticated: true, user_id: 'u3', claims: { n: 3 } } }));
      },
      // Never answers until the test ends: slower than any timeout_ms.
      Query: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => { held.push(() => cb({ code: grpc.status.CANCELLED, details: 'test over' })); },
      Health: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { status: 'ok' }),
    });
    const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
    cleanups.push(async () => { for (const h of held) h(); server.forceShutdown(); });

    const rt = await grpcRuntime({ endpoint: `http://127.0.0.1:${port}`, timeout_ms: 200, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(out.envelope.success, true, JSON.stringify(out.envelope));
    const result = (out.envelope as { result: { user_id: string; claims: Record<string, unknown> } }).result;
    assert.equal(result.user_id, 'u3');
    assert.deepEqual(result.claims, { n: 3 });
    assert.equal(out.timing.attempts, 3);
    assert.equal(out.logs.filter((l) => /unavailable: warming up; retrying/.test(l.message)).length, 2, JSON.stringify(out.logs));

    const slow = await rt.call('query', SAMPLE_INPUTS.query);
    const err = (slow.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /Query at 127\.0\.0\.1:\d+ did not answer within timeout_ms \(200 ms\) \(after 4 attempts\)$/);
    assert.equal(slow.timing.attempts, 4);
  });

  it('wrong API key: unauthorized, not retried', async () => {
    const server = await new EveryKindPlugin().serveGrpc(0, '127.0.0.1', { handleSignals: false, secret: 'grpc-secret' });
    cleanups.push(() => server.close());
    const wrong = await grpcRuntime({ endpoint: `http://${server.url}`, auth: { type: 'api_key', token_env: 'MF_KEY' }, retry_policy: { max_retries: 2, backoff_ms: 1 } }, { MF_KEY: 'nope' });
    const out = await wrong.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = (out.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'unauthorized');
    assert.match(err.message, /rejected the secret in MF_KEY \(UNAUTHENTICATED\): missing or wrong credentials.*\(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
    const right = await grpcRuntime({ endpoint: `http://${server.url}`, auth: { type: 'bearer', token_env: 'MF_KEY' } }, { MF_KEY: 'grpc-secret' });
    assert.equal((await right.call('authenticate', SAMPLE_INPUTS.authenticate)).envelope.success, true);
  });
});
