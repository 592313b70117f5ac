// The frames transport between the host and its Pyodide process (host/src/pyodide/frames.ts, child.ts): a call that
// really awaits leaves the process's synchronous call loop and the next call still finds it; http_fetch goes to the
// host and back in the middle of a call (twice, and after an await); replies larger than a pipe's buffer and
// non-ASCII text arrive whole; log records keep their order and belong to their call.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { loadPlugin, LoadedPlugin } from '../../host/src/plugin';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'pyodide', 'transport');
const ctx = { method: 'GET', uri: '/', headers: {} };
const fn = (name: string, ...args: unknown[]) => ({ function_name: name, args, context: ctx });

describe('Pyodide transport', () => {
  let plugin: LoadedPlugin;
  let server: Server;
  let base = '';
  const seen: string[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => { body += c; });
      req.on('end', () => {
        seen.push(`${req.method} ${req.url}`);
        res.end(`${req.method} ${req.url} ${body}`.trim());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    plugin = await loadPlugin(FIXTURE);
    const first = await plugin.call('execute_function', fn('echo', 'warm'), { timeoutMs: 120_000 });
    assert.deepEqual(first.envelope, { success: true, result: { result: 'warm' } });
  });
  after(async () => {
    await plugin?.dispose();
    server?.close();
  });

  const call = (name: string, ...args: unknown[]) => plugin.call('execute_function', fn(name, ...args), { timeoutMs: 60_000 });
  const messages = (logs: { message: string }[]) => logs.map((l) => l.message);

  test('a call that awaits a real sleep answers with its records in order, and the next calls still run', async () => {
    const r = await call('sleep');
    assert.deepEqual(r.envelope, { success: true, result: { result: 'slept' } });
    assert.deepEqual(messages(r.logs), ['before the sleep', 'after the sleep']);
    for (const word of ['one', 'two', 'three']) {
      const next = await call('echo', word);
      assert.deepEqual(next.envelope, { success: true, result: { result: word } });
      assert.deepEqual(next.logs, [], 'no record of the earlier call leaks into a later one');
    }
  });

  test('http_fetch twice in one call, then after an await: each request reaches the server once', async () => {
    seen.length = 0;
    const r = await call('fetch_twice', base);
    assert.deepEqual(r.envelope, { success: true, result: { result: ['GET /one', 'POST /two ü€'] } });
    const late = await call('sleep_then_fetch', base);
    assert.deepEqual(late.envelope, { success: true, result: { result: 'GET /late' } });
    assert.deepEqual(seen, ['GET /one', 'POST /two', 'GET /late']);
    assert.deepEqual((await call('echo', 'after')).envelope, { success: true, result: { result: 'after' } });
  });

  test('a reply of 3 MB of non-ASCII text and an input with every kind of character arrive whole', async () => {
    const r = await call('big', 1_500_000);
    assert.ok(r.envelope.success);
    const text = (r.envelope.result as { result: string }).result;
    assert.equal(text.length, 1_500_000);
    assert.ok(/^é+$/.test(text));
    const odd = 'line\nbreak\ttab "quote" \\ back 😀 \u0000 nul \u2028';
    assert.deepEqual((await call('echo', odd)).envelope, { success: true, result: { result: odd } });
  });
});
