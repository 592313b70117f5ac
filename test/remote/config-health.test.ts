// Manifest → client settings (defaults, warnings, errors), the backoff schedule, and periodic health checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay } from '../../host/src/remote/backoff';
import { createRemoteRuntime, resolveRemoteConfig } from '../../host/src/remote/index';
import type { HealthStatus } from '../../host/src/remote/index';
import type { LogRecord } from '../../host/src/runtime';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES } from './helpers/paths';

describe('remote config', () => {
  it('applies the defaults', () => {
    const c = resolveRemoteConfig(remoteManifest({ endpoint: 'http://127.0.0.1:8080/' }), FIXTURES);
    assert.equal(c.timeoutMs, 5000);
    assert.equal(c.maxRetries, 0);
    assert.equal(c.backoffMs, 1000);
    assert.deepEqual(c.health, { enabled: true, path: '/health', intervalMs: 30_000 });
    assert.equal(c.basePath, '');
    assert.equal(c.maxConcurrent, Infinity);
    assert.deepEqual(c.warnings, []);
  });

  it('warns about plain http:// to another host and about insecure TLS', async () => {
    const logs: LogRecord[] = [];
    const rt = await createRemoteRuntime(remoteManifest({ endpoint: 'http://plugins.example.com:8080' }), FIXTURES, { onLog: (r) => logs.push(r) });
    await rt.dispose();
    assert.match(logs.map((l) => `${l.level} ${l.message}`).join('\n'), /warn remote\.endpoint http:\/\/plugins\.example\.com:8080 is plain http:\/\/ to a host that is not this machine/);
  });

  it('rejects unusable settings with the field named', () => {
    assert.throws(() => resolveRemoteConfig(remoteManifest({ endpoint: 'not a url' }), FIXTURES), /remote\.endpoint is not a URL/);
    assert.throws(() => resolveRemoteConfig(remoteManifest({ endpoint: 'http://x', timeout_ms: -1 }), FIXTURES), /remote\.timeout_ms must be a positive number, got -1/);
    assert.throws(() => resolveRemoteConfig(remoteManifest({ endpoint: 'http://x', retry_policy: { max_retries: 1.5 } }), FIXTURES), /remote\.retry_policy\.max_retries must be a whole number/);
    assert.throws(() => resolveRemoteConfig(remoteManifest({ endpoint: 'https://x', tls: { cert_file: 'ca.crt' } }), FIXTURES), /cannot read/);
  });

  it('backs off exponentially with jitter in [0.5, 1) of the step', () => {
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(100, n, () => 0)), [50, 100, 200, 400]);
    assert.deepEqual([1, 2, 3, 4].map((n) => backoffDelay(100, n, () => 0.999)), [100, 200, 400, 800]);
    assert.equal(backoffDelay(10_000, 10, () => 0), 15_000); // capped at 30 s before the jitter
  });
});

describe('periodic health checks', () => {
  it('start with the first call and notice when the service goes away', async () => {
    const server = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null });
    const rt = await createRemoteRuntime(remoteManifest({ endpoint: server.url, health_check: { interval_seconds: 0.05 } }), FIXTURES);
    try {
      assert.equal(rt.health().state, 'unknown');
      assert.equal((await rt.call('list_functions', SAMPLE_INPUTS.list_functions)).envelope.success, true);
      assert.equal(rt.health().state, 'healthy');
      const wentDown = new Promise<HealthStatus>((resolve) => rt.onHealthChange((s) => { if (s.state === 'unhealthy') resolve(s); }));
      // The health timer is unref'd (it never keeps a CLI alive); hold the event loop open while we wait for it.
      const keepAlive = setInterval(() => {}, 1000);
      await server.close();
      const status = await wentDown.finally(() => clearInterval(keepAlive));
      // Refused for a new connection, or dropped if a probe was riding the old kept-alive one.
      assert.equal(status.code, 'remote_unreachable', JSON.stringify(status));
      assert.match(status.message ?? '', /connection refused|the connection to .* failed/);
    } finally {
      await rt.dispose();
    }
  });
});
