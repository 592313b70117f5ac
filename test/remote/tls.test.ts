// https:// endpoints: certificates verified, a private CA via tls.ca_file, insecure with a warning, mutual TLS.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteRuntime } from '../../host/src/remote/index';
import type { RemoteSection } from '../../host/src/manifest/types';
import type { LogRecord } from '../../host/src/runtime';
import type { RunningServer } from '../../sdk/node/src/index';
import { makeCerts } from './helpers/certs';
import type { Certs } from './helpers/certs';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES } from './helpers/paths';
import { spawnServer } from './helpers/spawn-server';

describe('TLS', () => {
  let certs: Certs;
  let server: RunningServer;
  let mtls: RunningServer;
  const runtimes: RemoteRuntime[] = [];
  before(async () => {
    certs = makeCerts();
    const tls = { cert: certs.read(certs.serverCert), key: certs.read(certs.serverKey) };
    server = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null, tls });
    mtls = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: null, tls: { ...tls, ca: certs.read(certs.caCert), requestClientCert: true } });
  });
  after(async () => {
    for (const r of runtimes) await r.dispose();
    await server.close();
    await mtls.close();
    rmSync(certs.dir, { recursive: true, force: true });
  });

  async function rt(endpoint: string, tls?: RemoteSection['tls'], onLog?: (r: LogRecord) => void): Promise<RemoteRuntime> {
    // Paths in the manifest are relative to its directory: the certs dir plays that role here.
    const r = await createRemoteRuntime(remoteManifest({ endpoint, tls, retry_policy: { max_retries: 2, backoff_ms: 1 } }), certs.dir, { onLog });
    runtimes.push(r);
    return r;
  }

  it('rejects a certificate from an unknown CA, not retried, pointing at tls.ca_file', async () => {
    const out = await (await rt(server.url)).call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(out.envelope.success, false);
    const err = (out.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'remote_unreachable');
    assert.match(err.message, /TLS with https:\/\/127\.0\.0\.1:\d+ failed: the service's certificate is not trusted .*remote\.tls\.ca_file.*\(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
  });

  it('trusts the private CA named by tls.ca_file (relative to the manifest)', async () => {
    const out = await (await rt(server.url, { ca_file: 'ca.crt' })).call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(out.envelope.success, true, JSON.stringify(out.envelope));
  });

  it('insecure: true connects and warns at load', async () => {
    const logs: LogRecord[] = [];
    const out = await (await rt(server.url, { insecure: true }, (r) => logs.push(r))).call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(out.envelope.success, true);
    assert.ok(logs.some((l) => l.level === 'warn' && l.source === 'host' && /certificate is NOT verified/.test(l.message)), JSON.stringify(logs));
  });

  it('mutual TLS: refused without a client certificate, accepted with cert_file/key_file', async () => {
    const without = await (await rt(mtls.url, { ca_file: certs.caCert })).call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(without.envelope.success, false);
    const err = (without.envelope as { error: { code: string; message: string } }).error;
    assert.equal(err.code, 'remote_unreachable');
    assert.match(err.message, /https:\/\/127\.0\.0\.1:\d+ .*if the service requires mutual TLS, set remote\.tls\.cert_file and remote\.tls\.key_file/);

    const withCert = await (await rt(mtls.url, { ca_file: certs.caCert, cert_file: 'client.crt', key_file: 'client.key' })).call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.equal(withCert.envelope.success, true, JSON.stringify(withCert.envelope));
  });

  it('a missing ca_file fails to load with the path', async () => {
    await assert.rejects(createRemoteRuntime(remoteManifest({ endpoint: server.url, tls: { ca_file: 'nope.crt' } }), certs.dir), /remote\.tls\.ca_file: cannot read .*nope\.crt/);
  });

  it('gRPC over TLS: unknown CA refused, ca_file trusted, insecure accepted, mutual TLS with a client certificate', async () => {
    const tls = { cert: certs.read(certs.serverCert), key: certs.read(certs.serverKey) };
    const g = await new EveryKindPlugin().serveGrpc(0, '127.0.0.1', { handleSignals: false, secret: null, tls });
    const gm = await new EveryKindPlugin().serveGrpc(0, '127.0.0.1', { handleSignals: false, secret: null, tls: { ...tls, ca: certs.read(certs.caCert), requestClientCert: true } });
    try {
      const grpcRt = async (port: number, tlsOpts?: RemoteSection['tls']) => {
        const r = await createRemoteRuntime(remoteManifest({ protocol: 'grpc', endpoint: `https://127.0.0.1:${port}`, tls: tlsOpts, retry_policy: { max_retries: 2, backoff_ms: 1 } }), certs.dir);
        runtimes.push(r);
        return r;
      };
      const untrusted = await (await grpcRt(g.port)).call('authenticate', SAMPLE_INPUTS.authenticate);
      const err = (untrusted.envelope as { error: { code: string; message: string } }).error;
      assert.equal(err.code, 'remote_unreachable');
      assert.match(err.message, /TLS with 127\.0\.0\.1:\d+ failed: .*\(after 1 attempt\)$/);
      assert.equal(untrusted.timing.attempts, 1);
      assert.equal((await (await grpcRt(g.port, { ca_file: 'ca.crt' })).call('authenticate', SAMPLE_INPUTS.authenticate)).envelope.success, true);
      assert.equal((await (await grpcRt(g.port, { insecure: true })).call('authenticate', SAMPLE_INPUTS.authenticate)).envelope.success, true);
      const noCert = await (await grpcRt(gm.port, { ca_file: 'ca.crt' })).call('authenticate', SAMPLE_INPUTS.authenticate);
      assert.equal((noCert.envelope as { error: { code: string } }).error.code, 'remote_unreachable');
      const withCert = await (await grpcRt(gm.port, { ca_file: 'ca.crt', cert_file: 'client.crt', key_file: 'client.key' })).call('authenticate', SAMPLE_INPUTS.authenticate);
      assert.equal(withCert.envelope.success, true, JSON.stringify(withCert.envelope));
    } finally {
      await g.close();
      await gm.close();
    }
  });

  it('the Python SDK under uvicorn with mutual TLS: refused without a client certificate, served with one', async () => {
    const py = await spawnServer('python3', [join(FIXTURES, 'sdk_plugin.py'), 'http', '--port', '0', '--tls-dir', certs.dir]);
    try {
      const endpoint = `https://127.0.0.1:${py.port}`;
      const without = await createRemoteRuntime(remoteManifest({ endpoint, tls: { ca_file: 'ca.crt' } }), certs.dir);
      const with_ = await createRemoteRuntime(remoteManifest({ endpoint, tls: { ca_file: 'ca.crt', cert_file: 'client.crt', key_file: 'client.key' } }), certs.dir);
      runtimes.push(without, with_);
      const refused = await without.call('authenticate', SAMPLE_INPUTS.authenticate);
      assert.equal((refused.envelope as { error: { code: string } }).error.code, 'remote_unreachable');
      const served = await with_.call('authenticate', SAMPLE_INPUTS.authenticate);
      assert.equal(served.envelope.success, true, JSON.stringify(served.envelope));
    } finally {
      await py.stop();
    }
  });
});
