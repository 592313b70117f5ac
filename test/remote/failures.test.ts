// Failure injection against real loopback servers: each case ends in the right code, message and attempt count.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Envelope } from '../../host/src/contract/envelope';
import { createRemoteRuntime } from '../../host/src/remote/index';
import type { RemoteRuntime, RemoteRuntimeOptions } from '../../host/src/remote/index';
import type { RemoteSection } from '../../host/src/manifest/types';
import type { CallOutcome } from '../../host/src/runtime';
import { drain, freePort, json, startServer } from './helpers/http-server';
import type { TestServer } from './helpers/http-server';
import { remoteManifest, SAMPLE_INPUTS } from './helpers/manifest';
import { EveryKindPlugin } from './helpers/node-plugin';
import { FIXTURES } from './helpers/paths';

const OK = { success: true, result: { authenticated: true, user_id: 'u1', claims: {} } };
const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function runtimeFor(remote: Partial<RemoteSection> & { endpoint: string }, options: RemoteRuntimeOptions = {}, extra = {}): Promise<RemoteRuntime> {
  const rt = await createRemoteRuntime(remoteManifest(remote, extra), FIXTURES, options);
  cleanups.push(() => rt.dispose());
  return rt;
}

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  cleanups.push(() => s.close());
  return s;
}

function errorOf(out: CallOutcome): { code: string; message: string; details?: Record<string, unknown> } {
  const env = out.envelope as Envelope;
  assert.equal(env.success, false, `expected a failure, got ${JSON.stringify(env)}`);
  return (env as { error: { code: string; message: string } }).error;
}

describe('remote failures', () => {
  it('endpoint down: remote_unreachable at once with a hint, no retries on loopback', async () => {
    const port = await freePort();
    const rt = await runtimeFor({ endpoint: `http://127.0.0.1:${port}`, retry_policy: { max_retries: 3, backoff_ms: 1000 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'remote_unreachable');
    assert.match(err.message, new RegExp(`connection refused by http://127\\.0\\.0\\.1:${port}`));
    assert.match(err.message, /is the plugin service running\? start it/);
    assert.match(err.message, /\(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
    assert.equal(rt.health().state, 'unhealthy');
  });

  it('endpoint down with remote.dev: the hint names the start command', async () => {
    const port = await freePort();
    const rt = await runtimeFor({ endpoint: `http://127.0.0.1:${port}`, dev: { command: 'python3 my_plugin.py' } }, { startDevService: false });
    const err = errorOf(await rt.call('authenticate', SAMPLE_INPUTS.authenticate));
    assert.match(err.message, /start it with `python3 my_plugin\.py`/);
  });

  it('server slower than timeout_ms: timeout on every attempt, retried per policy', async () => {
    const held: Array<() => void> = [];
    let seen = 0;
    const s = await serve((req, res) => {
      seen++;
      held.push(() => json(res, 200, OK));
    });
    cleanups.push(async () => { for (const h of held) h(); });
    const rt = await runtimeFor({ endpoint: s.url, timeout_ms: 150, retry_policy: { max_retries: 1, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'timeout');
    assert.match(err.message, /did not answer within timeout_ms \(150 ms\) \(after 2 attempts\)$/);
    assert.equal(out.timing.attempts, 2);
    assert.equal(seen, 2);
  });

  it('503 twice then 200: succeeds on the third attempt, each attempt logged', async () => {
    let n = 0;
    const s = await serve(async (req, res) => {
      await drain(req);
      n++;
      if (n <= 2) json(res, 503, { detail: 'warming up' });
      else json(res, 200, OK);
    });
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.deepEqual(out.envelope, OK);
    assert.equal(out.timing.attempts, 3);
    const attemptLogs = out.logs.filter((l) => l.source === 'host' && /^attempt \d\/4/.test(l.message));
    assert.equal(attemptLogs.length, 3);
    assert.match(attemptLogs[0]!.message, /attempt 1\/4 failed .*HTTP 503.*retrying in \d+ ms/);
    assert.match(attemptLogs[1]!.message, /attempt 2\/4 failed .*HTTP 503.*retrying in \d+ ms/);
    assert.match(attemptLogs[2]!.message, /attempt 3\/4: POST .*\/plugin\/authenticate → 200/);
  });

  it('503 on every attempt: remote_status saying how many attempts were made', async () => {
    let n = 0;
    const s = await serve(async (req, res) => { await drain(req); n++; json(res, 503, { detail: 'down for maintenance' }); });
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 2, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'remote_status');
    assert.match(err.message, /HTTP 503: .*down for maintenance.*\(after 3 attempts\)$/);
    assert.equal(out.timing.attempts, 3);
    assert.equal(n, 3);
  });

  it('400: not retried', async () => {
    let n = 0;
    const s = await serve(async (req, res) => { await drain(req); n++; res.writeHead(400, { 'content-type': 'text/plain' }); res.end('missing field credentials'); });
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'remote_status');
    assert.match(err.message, /answered HTTP 400: "missing field credentials" \(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
    assert.equal(n, 1);
  });

  it("a plugin's own success:false is not retried", async () => {
    let n = 0;
    const s = await serve(async (req, res) => { await drain(req); n++; json(res, 200, { success: false, error: 'no such user' }); });
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    assert.deepEqual(out.envelope, { success: false, error: { code: 'plugin_error', message: 'no such user' } });
    assert.equal(out.timing.attempts, 1);
    assert.equal(n, 1);
  });

  it('malformed JSON: bad_response showing the first bytes', async () => {
    const s = await serve(async (req, res) => { await drain(req); res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"success": tru'); });
    const rt = await runtimeFor({ endpoint: s.url, retry_policy: { max_retries: 3, backoff_ms: 1 } });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'bad_response');
    assert.match(err.message, /a body that is not JSON: "\{\\"success\\": tru" \(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);
  });

  it('JSON that is not an envelope: bad_response with the reason', async () => {
    const s = await serve(async (req, res) => { await drain(req); json(res, 200, { authenticated: true }); });
    const rt = await runtimeFor({ endpoint: s.url });
    const err = errorOf(await rt.call('authenticate', SAMPLE_INPUTS.authenticate));
    assert.equal(err.code, 'bad_response');
    assert.match(err.message, /not a reply envelope \("success" must be true or false\): "\{\\"authenticated\\":true\}"/);
  });

  it('a result that breaks the protocol is kept but flagged in the logs', async () => {
    const s = await serve(async (req, res) => { await drain(req); json(res, 200, { success: true, result: { functions: [{ name: 'x' }] } }); });
    const rt = await runtimeFor({ endpoint: s.url });
    const out = await rt.call('list_functions', {});
    assert.equal(out.envelope.success, true);
    assert.ok(out.logs.some((l) => l.level === 'warn' && /the list_functions result does not follow docs\/protocol\.md: .*result\.functions\[0\]/.test(l.message)), JSON.stringify(out.logs));
  });

  it('oversized body (declared length): bad_response naming the 16 MiB limit', async () => {
    const s = await serve(async (req, res) => {
      await drain(req);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': 17 * 1024 * 1024 });
      res.write('{"success":true,"result":"');
      res.end();
    });
    const rt = await runtimeFor({ endpoint: s.url });
    const out = await rt.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'bad_response');
    assert.match(err.message, /sent a reply of 17825792 bytes or more; the limit is 16777216 bytes \(16 MiB\) \(after 1 attempt\)$/);
  });

  it('oversized body (streamed, no length): bad_response once 16 MiB is passed', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    const s = await serve(async (req, res) => {
      await drain(req);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"success":true,"result":"');
      let sent = 0;
      const pump = () => {
        while (sent < 20) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end('"}');
      };
      res.on('error', () => {});
      pump();
    });
    const rt = await runtimeFor({ endpoint: s.url });
    const err = errorOf(await rt.call('authenticate', SAMPLE_INPUTS.authenticate));
    assert.equal(err.code, 'bad_response');
    assert.match(err.message, /the limit is 16777216 bytes/);
  });

  it('wrong API key: unauthorized, not retried; the right key and a bearer token work', async () => {
    const server = await new EveryKindPlugin().listen(0, '127.0.0.1', { handleSignals: false, secret: 's3cret' });
    cleanups.push(() => server.close());
    const wrong = await runtimeFor({ endpoint: server.url, auth: { type: 'api_key', token_env: 'MF_TEST_KEY' }, retry_policy: { max_retries: 3, backoff_ms: 1 } }, { env: { MF_TEST_KEY: 'guess' } });
    const out = await wrong.call('authenticate', SAMPLE_INPUTS.authenticate);
    const err = errorOf(out);
    assert.equal(err.code, 'unauthorized');
    assert.match(err.message, /rejected the secret in MF_TEST_KEY with HTTP 401: .*missing or wrong credentials.* \(after 1 attempt\)$/);
    assert.equal(out.timing.attempts, 1);

    const right = await runtimeFor({ endpoint: server.url, auth: { type: 'api_key', token_env: 'MF_TEST_KEY' } }, { env: { MF_TEST_KEY: 's3cret' } });
    assert.equal((await right.call('authenticate', SAMPLE_INPUTS.authenticate)).envelope.success, true);
    const bearer = await runtimeFor({ endpoint: server.url, auth: { type: 'bearer', token_env: 'MF_TEST_TOKEN' } }, { env: { MF_TEST_TOKEN: 's3cret' } });
    assert.equal((await bearer.call('authenticate', SAMPLE_INPUTS.authenticate)).envelope.success, true);
  });

  it('auth whose token_env is unset fails to load, naming the variable', async () => {
    await assert.rejects(
      createRemoteRuntime(remoteManifest({ endpoint: 'http://127.0.0.1:1', auth: { type: 'bearer', token_env: 'MF_UNSET_VAR' } }), FIXTURES, { env: {} }),
      /environment variable MF_UNSET_VAR, which is not set/,
    );
  });

  it('max_concurrent_requests: excess calls wait in a queue, none fails', async () => {
    let active = 0;
    let maxActive = 0;
    let seen = 0;
    const held: Array<() => void> = [];
    const releaseAll = () => { for (const h of held.splice(0)) h(); };
    const s = await serve(async (req, res) => {
      await drain(req);
      seen++;
      active++;
      maxActive = Math.max(maxActive, active);
      held.push(() => { active--; json(res, 200, OK); });
      // Release once the limit is reached (or the last call arrived): with no queue, a third call would overlap.
      if (active >= 2 || seen === 5) releaseAll();
    });
    const rt = await runtimeFor({ endpoint: s.url }, {}, { capabilities: { resources: { max_concurrent_requests: 2 } } });
    const outs = await Promise.all(Array.from({ length: 5 }, () => rt.call('authenticate', SAMPLE_INPUTS.authenticate)));
    assert.deepEqual(outs.map((o) => o.envelope.success), [true, true, true, true, true]);
    assert.equal(maxActive, 2);
    assert.equal(seen, 5);
  });
});
