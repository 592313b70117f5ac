// Good paths of the host imports (docs/abi.md §3) and the ABI variants (§1, §6), each through a real module.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin, Isolation } from '../../host/src/plugin';
import type { LogRecord } from '../../host/src/runtime';
import { cleanTemps, fixturePlugin, fixtureWasm } from './helpers';

after(cleanTemps);

const CONFIG_YAML = `configuration:
  schema:
    type: object
    properties:
      token: {type: string, default: s3cret}
      retries: {type: integer, default: 3}
      region: {type: string}
`;

for (const isolation of ['in-process', 'worker'] as Isolation[]) {
  describe(`host imports (${isolation})`, () => {
    test('config_get: schema defaults, user values overlaid, unset keys, non-strings as JSON', async () => {
      const dir = await fixturePlugin('goodpath', CONFIG_YAML);
      const plugin = await loadPlugin(dir, { isolation, config: { region: 'eu-west-1', retries: '5' } });
      try {
        assert.deepEqual((await plugin.call('authenticate', 'token')).envelope, { success: true, result: 's3cret' });
        assert.deepEqual((await plugin.call('authenticate', 'region')).envelope, { success: true, result: 'eu-west-1' });
        assert.deepEqual((await plugin.call('authenticate', 'retries')).envelope, { success: true, result: '5' });
        assert.deepEqual((await plugin.call('authenticate', 'missing')).envelope, { success: true, result: null });
      } finally {
        await plugin.dispose();
      }
    });

    test('mockforge.log and WASI stdout/stderr reach the log stream line by line, never the host stdout', async () => {
      const dir = await fixturePlugin('goodpath');
      const all: LogRecord[] = [];
      const plugin = await loadPlugin(dir, { isolation, onLog: (r) => all.push(r) });
      try {
        const streamed: LogRecord[] = [];
        const outcome = await plugin.call('generate_response', {}, { onLog: (r) => streamed.push(r) });
        assert.deepEqual(outcome.envelope, { success: true, result: { ok: true } });
        const lines = outcome.logs.map((l) => `${l.level}/${l.source}: ${l.message}`);
        assert.deepEqual(lines, [
          'info/stdout: line one',
          'info/stdout: line two',
          'warn/stderr: err line',
          'warn/plugin: warned',
          'info/stdout: partial',
        ]);
        assert.deepEqual(streamed.map((l) => l.message), outcome.logs.map((l) => l.message));
        assert.deepEqual(all.map((l) => l.message), outcome.logs.map((l) => l.message));
      } finally {
        await plugin.dispose();
      }
    });

    test('WASI file read with the capability; writes refused while allow_write is false', async () => {
      const dir = await fixturePlugin('wasi-file',
        'capabilities:\n  filesystem:\n    allow_read: true\n    allow_write: false\n    allowed_paths: [data]\n',
        { 'data/reply.json': '{"success":true,"result":{"from":"file"}}' });
      const plugin = await loadPlugin(dir, { isolation });
      try {
        assert.deepEqual((await plugin.call('authenticate', {})).envelope, { success: true, result: { from: 'file' } });
        const write = await plugin.call('generate_response', {});
        assert.equal(write.envelope.success, false);
        assert.equal(!write.envelope.success && write.envelope.error.code, 'capability_denied');
        assert.match(!write.envelope.success ? write.envelope.error.message : '', /open "out\.txt" for writing but capabilities\.filesystem\.allow_write is false/);
        assert.equal(existsSync(join(dir, 'data', 'out.txt')), false);
        const escape = await plugin.call('query', {});
        assert.equal(!escape.envelope.success && escape.envelope.error.code, 'plugin_error', 'a path outside the pre-open is refused');
        assert.match(!escape.envelope.success ? escape.envelope.error.message : '', /could not open \.\.\/plugin\.yaml/);
      } finally {
        await plugin.dispose();
      }
    });

    test('WASI file write with allow_write creates the file inside the allowed path', async () => {
      const dir = await fixturePlugin('wasi-file',
        'capabilities:\n  filesystem:\n    allow_read: true\n    allow_write: true\n    allowed_paths: [data]\n',
        { 'data/reply.json': '{}' });
      const plugin = await loadPlugin(dir, { isolation });
      try {
        assert.deepEqual((await plugin.call('generate_response', {})).envelope, { success: true, result: { ok: true } });
        assert.equal(existsSync(join(dir, 'data', 'out.txt')), true);
      } finally {
        await plugin.dispose();
      }
    });

    test('legacy ABI: multi-value authenticate, template_function / query_datasource aliases, alloc + dealloc', async () => {
      const plugin = await loadPlugin(await fixtureWasm('legacy'), { isolation });
      try {
        const legacy = { success: true, result: { legacy: true } };
        assert.deepEqual((await plugin.call('authenticate', {})).envelope, legacy);
        assert.deepEqual((await plugin.call('execute_function', { function_name: 'x', args: [] })).envelope, legacy);
        assert.deepEqual((await plugin.call('query', { query: 'select 1' })).envelope, legacy);
        // get_capabilities succeeds only when the host called dealloc for the buffers of the earlier calls.
        assert.deepEqual((await plugin.call('get_capabilities', {})).envelope, legacy);
        assert.equal(plugin.info.report.abi, 'mixed');
      } finally {
        await plugin.dispose();
      }
    });

    test('a module exporting _start and operations runs as a reactor: WASI bound, _start not run', async () => {
      const plugin = await loadPlugin(await fixtureWasm('start-and-ops'), { isolation });
      try {
        const outcome = await plugin.call('authenticate', {});
        assert.deepEqual(outcome.envelope, { success: true, result: { ok: true } });
        assert.deepEqual(outcome.logs.map((l) => `${l.source}: ${l.message}`), ['stdout: hello from wasi']);
      } finally {
        await plugin.dispose();
      }
    });

    test('an imported memory is created by the host with max_memory_bytes as its maximum', async () => {
      const plugin = await loadPlugin(await fixtureWasm('imported-memory'), { isolation });
      try {
        assert.equal(plugin.info.report.memory?.imported, true);
        assert.deepEqual((await plugin.call('authenticate', {})).envelope, { success: true, result: { ok: true } });
        const grown = await plugin.call('get_capabilities', {});
        assert.deepEqual(grown.envelope, { success: true, result: { ok: true } });
        assert.equal(grown.peakMemoryBytes, 5 * 65536);
      } finally {
        await plugin.dispose();
      }
    });

    test('command mode: request on stdin, reply on stdout, a fresh instance per call, exit status reported', async () => {
      const plugin = await loadPlugin(await fixtureWasm('command'), { isolation });
      try {
        assert.equal(plugin.info.report.abi, 'command');
        const request = { credentials: { token: 'Bearer x' } };
        assert.deepEqual((await plugin.call('authenticate', request)).envelope, { success: true, result: request });
        assert.deepEqual((await plugin.call('query', { query: 'q' })).envelope, { success: true, result: { query: 'q' } });
        const failed = await plugin.call('authenticate', {});
        assert.equal(failed.envelope.success, false);
        const err = !failed.envelope.success ? failed.envelope.error : undefined;
        assert.equal(err?.code, 'plugin_error');
        assert.match(err?.message ?? '', /exited with status 3; its last stderr lines:\nnothing to do/);
        assert.ok(failed.logs.some((l) => l.source === 'stderr' && l.message === 'nothing to do'));
      } finally {
        await plugin.dispose();
      }
    });
  });
}

describe('http_fetch against a real local server', () => {
  // The server runs in its own thread: an in-process plugin call blocks this thread while http_fetch waits.
  let server: Worker;
  let base: string;
  const SERVER = `
    const { createServer } = require('node:http');
    const { parentPort } = require('node:worker_threads');
    let count = 0;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        if (req.url === '/count') { res.end(String(count)); return; }
        count++;
        if (req.url === '/binary') {
          res.writeHead(200, { 'content-type': 'application/octet-stream' });
          res.end(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
          return;
        }
        res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'x-test': 'yes' });
        res.end(JSON.stringify({ method: req.method, path: req.url, apiKey: req.headers['x-api-key'] ?? null, echoed: body }));
      });
    });
    server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
  `;
  const requestCount = async () => Number(await (await fetch(`${base}/count`)).text());

  before(async () => {
    server = new Worker(SERVER, { eval: true });
    const port = await new Promise<number>((resolve) => server.once('message', resolve));
    base = `http://127.0.0.1:${port}`;
  });

  after(() => server.terminate());

  const NETWORK = 'capabilities:\n  network:\n    allow_outbound: true\n    allowed_hosts: ["127.0.0.1"]\n';

  for (const isolation of ['in-process', 'worker'] as Isolation[]) {
    test(`allowed host: status, lower-case headers, text body, request body and headers sent (${isolation})`, async () => {
      const plugin = await loadPlugin(await fixturePlugin('http-fetch', NETWORK), { isolation });
      try {
        const outcome = await plugin.call('query', { method: 'POST', url: `${base}/keys`, headers: { 'x-api-key': 'k1' }, body: 'hello' });
        assert.equal(outcome.envelope.success, true, JSON.stringify(outcome.envelope));
        const result = (outcome.envelope as { result: { status: number; headers: Record<string, string>; body: string } }).result;
        assert.equal(result.status, 200);
        assert.equal(result.headers['x-test'], 'yes');
        assert.deepEqual(JSON.parse(result.body), { method: 'POST', path: '/keys', apiKey: 'k1', echoed: 'hello' });
      } finally {
        await plugin.dispose();
      }
    });
  }

  test('a 404 is a successful fetch with status 404; binary bodies come back as base64', async () => {
    const plugin = await loadPlugin(await fixturePlugin('http-fetch', NETWORK), { isolation: 'in-process' });
    try {
      const missing = await plugin.call('query', { url: `${base}/missing` });
      assert.equal((missing.envelope as { result: { status: number } }).result.status, 404);
      const binary = await plugin.call('query', { url: `${base}/binary` });
      assert.equal((binary.envelope as { result: { body_base64: string } }).result.body_base64, Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64'));
    } finally {
      await plugin.dispose();
    }
  });

  test('a host outside allowed_hosts is denied without a request being made', async () => {
    const plugin = await loadPlugin(await fixturePlugin('http-fetch', 'capabilities:\n  network:\n    allow_outbound: true\n    allowed_hosts: ["*.example.com"]\n'), { isolation: 'in-process' });
    try {
      const before = await requestCount();
      const outcome = await plugin.call('query', { url: `${base}/keys` });
      assert.equal(!outcome.envelope.success && outcome.envelope.error.code, 'capability_denied');
      assert.match(!outcome.envelope.success ? outcome.envelope.error.message : '', /not in capabilities\.network\.allowed_hosts \(\*\.example\.com\)/);
      assert.equal(await requestCount(), before);
    } finally {
      await plugin.dispose();
    }
  });

  test('a refused connection is remote_unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const plugin = await loadPlugin(await fixturePlugin('http-fetch', NETWORK), { isolation: 'in-process' });
    try {
      const outcome = await plugin.call('query', { url: `http://127.0.0.1:${port}/` });
      assert.equal(!outcome.envelope.success && outcome.envelope.error.code, 'remote_unreachable');
      assert.match(!outcome.envelope.success ? outcome.envelope.error.message : '', /ECONNREFUSED/);
    } finally {
      await plugin.dispose();
    }
  });
});
