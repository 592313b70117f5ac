// Deadlines and cancellation of remote HTTP calls, seen from both ends: the call ends with the right code, and the
// service sees its request go away (the socket is closed), so a stopped call does not keep working on the server.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteRuntime } from '../../host/src/remote/index';
import type { RemoteSection } from '../../host/src/manifest/types';
import type { CallOutcome } from '../../host/src/runtime';
import { drain, json, startServer } from './helpers/http-server';
import type { TestServer } from './helpers/http-server';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { FIXTURES } from './helpers/paths';

const OK = { success: true, result: { authenticated: true, user_id: 'u1', claims: {} } };
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function runtimeFor(remote: Partial<RemoteSection> & { endpoint: string }, extra = {}): Promise<RemoteRuntime> {
  const rt = await createRemoteRuntime(remoteManifest(remote, extra), FIXTURES);
  cleanups.push(() => rt.dispose());
  return rt;
}

/**
 * A service that answers "/hold" requests only when told to: each request is announced (`arrived`), and `gone`
 * resolves when the client closed the connection before the reply was sent.
 */
interface HeldRequest {
  reply(): void;
  gone: Promise<void>;
}

async function holdingServer(): Promise<TestServer & { next(): Promise<HeldRequest>; count(): number }> {
  const arrivals: HeldRequest[] = [];
  const waiters: Array<(h: HeldRequest) => void> = [];
  let count = 0;
  const s = await startServer(async (req, res: ServerResponse) => {
    count++;
    const gone = new Promise<void>((resolve) => res.once('close', () => { if (!res.writableFinished) resolve(); }));
    await drain(req);
    const held: HeldRequest = { reply: () => { if (!res.destroyed) json(res, 200, OK); }, gone };
    const waiter = waiters.shift();
    if (waiter) waiter(held);
    else arrivals.push(held);
  });
  cleanups.push(() => s.close());
  return {
    ...s,
    count: () => count,
    next: () => new Promise<HeldRequest>((resolve) => {
      const ready = arrivals.shift();
      if (ready) resolve(ready);
      else waiters.push(resolve);
    }),
  };
}

function errorOf(out: CallOutcome): { code: string; message: string; details?: Record<string, unknown> } {
  assert.equal(out.envelope.success, false, `expected a failure, got ${JSON.stringify(out.envelope)}`);
  return (out.envelope as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;
}

// The timeout only bounds a hang if a regression leaves the service's request open; no assertion depends on time.
describe('remote HTTP deadlines and cancellation', { timeout: 60_000 }, () => {
  it('timeout_ms fires while the service holds the request, and the service sees the request closed', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url, timeout_ms: 100 });
    const call = rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const held = await s.next();
    const err = errorOf(await call);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /did not answer within timeout_ms \(100 ms\) \(after 1 attempt\)$/);
    await held.gone;
  });

  it('a per-call timeoutMs overrides the manifest', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url, timeout_ms: 60_000 });
    const call = rt.call('authenticate', SAMPLE_INPUTS.authenticate, { timeoutMs: 50 });
    const held = await s.next();
    const err = errorOf(await call);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /within timeout_ms \(50 ms\)/);
    await held.gone;
  });

  it('cancel by the caller aborts the request on the service and is not retried', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const controller = new AbortController();
    const call = rt.call('authenticate', SAMPLE_INPUTS.authenticate, { signal: controller.signal });
    const held = await s.next();
    controller.abort();
    const out = await call;
    const err = errorOf(out);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /was cancelled by the caller \(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
    await held.gone;
    assert.equal(s.count(), 1);
  });

  it('a signal that is already aborted sends nothing; the next call works on the same runtime', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url });
    const err = errorOf(await rt.call('authenticate', SAMPLE_INPUTS.authenticate, { signal: AbortSignal.abort() }));
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /cancelled by the caller/);
    const call = rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    (await s.next()).reply();
    assert.deepEqual((await call).envelope, OK);
    assert.equal(s.count(), 1);
  });

  it('after a timeout and a cancel, the connection pool still serves calls', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url, timeout_ms: 100 }, { capabilities: { resources: { max_concurrent_requests: 1 } } });
    const timedOut = rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const first = await s.next();
    assert.equal(errorOf(await timedOut).code, 'timeout');
    await first.gone;
    const controller = new AbortController();
    const cancelled = rt.call('authenticate', SAMPLE_INPUTS.authenticate, { signal: controller.signal, timeoutMs: 60_000 });
    const second = await s.next();
    controller.abort();
    assert.equal(errorOf(await cancelled).code, 'timeout');
    await second.gone;
    const fine = rt.call('authenticate', SAMPLE_INPUTS.authenticate, { timeoutMs: 60_000 });
    (await s.next()).reply();
    assert.deepEqual((await fine).envelope, OK);
  });

  it('cancel while waiting for a max_concurrent_requests slot: only the waiting call fails', async () => {
    const s = await holdingServer();
    const rt = await runtimeFor({ endpoint: s.url, timeout_ms: 60_000 }, { capabilities: { resources: { max_concurrent_requests: 1 } } });
    const first = rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const held = await s.next();
    const controller = new AbortController();
    const waiting = rt.call('authenticate', SAMPLE_INPUTS.authenticate, { signal: controller.signal });
    controller.abort();
    const err = errorOf(await waiting);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /cancelled while waiting for a free slot \(max_concurrent_requests 1\)/);
    held.reply();
    assert.deepEqual((await first).envelope, OK);
    assert.equal(s.count(), 1);
  });
});
