// The AssemblyScript SDK, compiled by asc in this test run and instantiated here with a small host that implements
// the mockforge imports the way docs/abi.md describes: JSON, the ABI exports of every plugin kind, host wrappers,
// abort messages, and buffers that are freed.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateResult } from '../../host/src/contract/validate';
import type { Operation } from '../../host/src/contract/operations';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SDK = path.join(REPO, 'sdk', 'assemblyscript');

interface Exports {
  memory: WebAssembly.Memory;
  mockforge_alloc(size: number): number;
  mockforge_free(ptr: number, size: number): void;
  [name: string]: unknown;
}

class Host {
  instance!: WebAssembly.Instance;
  config: Record<string, string> = { token: 'sesame' };
  logs: Array<[number, string]> = [];
  fetchReply = '{"success":true,"result":{"status":200,"headers":{}, "body":""}}';
  fetched: unknown[] = [];
  aborted?: string;
  private enc = new TextEncoder();
  private dec = new TextDecoder();

  get ex(): Exports { return this.instance.exports as unknown as Exports; }
  bytes(): Uint8Array { return new Uint8Array(this.ex.memory.buffer); }
  read(ptr: number, len: number): string { return this.dec.decode(this.bytes().subarray(ptr, ptr + len)); }
  put(text: string): [number, number] {
    const b = this.enc.encode(text);
    const ptr = this.ex.mockforge_alloc(b.length);
    this.bytes().set(b, ptr);
    return [ptr, b.length];
  }
  packed(text: string): bigint {
    const [p, l] = this.put(text);
    return (BigInt(p) << 32n) | BigInt(l);
  }
  utf16(ptr: number): string {
    if (ptr === 0) return '';
    const len = new DataView(this.ex.memory.buffer).getUint32(ptr - 4, true);
    return Buffer.from(this.bytes().slice(ptr, ptr + len)).toString('utf16le');
  }

  imports(): WebAssembly.Imports {
    return {
      env: {
        abort: (msg: number, file: number, line: number, col: number) => {
          this.aborted = `${this.utf16(msg)} at ${this.utf16(file)}:${line}:${col}`;
          throw new Error('abort');
        },
        seed: () => 42,
      },
      mockforge: {
        log: (level: number, ptr: number, len: number) => { this.logs.push([level, this.read(ptr, len)]); },
        config_get: (ptr: number, len: number) => {
          const key = this.read(ptr, len);
          return key in this.config ? this.packed(this.config[key]) : 0n;
        },
        http_fetch: (ptr: number, len: number) => {
          this.fetched.push(JSON.parse(this.read(ptr, len)));
          return this.packed(this.fetchReply);
        },
      },
    };
  }

  /** Calls an exported (ptr, len) -> i64 function the way the host does, freeing both buffers afterwards. */
  call(name: string, input: string): string {
    const [ptr, len] = this.put(input);
    const packed = (this.ex[name] as (p: number, l: number) => bigint)(ptr, len);
    const outPtr = Number(packed >> 32n);
    const outLen = Number(packed & 0xffffffffn);
    const text = this.read(outPtr, outLen);
    this.ex.mockforge_free(outPtr, outLen);
    this.ex.mockforge_free(ptr, len);
    return text;
  }
  json(name: string, input: unknown): unknown { return JSON.parse(this.call(name, JSON.stringify(input))); }
}

let compiled: WebAssembly.Module;
function fresh(): Host {
  const host = new Host();
  host.instance = new WebAssembly.Instance(compiled, host.imports());
  return host;
}

before(() => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'mockforge-as-sdk-')), 'probe.wasm');
  const asc = path.join(REPO, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
  const r = spawnSync(process.execPath, [asc, 'tests/probe.ts', '-o', out, '--sourceMap', '--debug'], { cwd: SDK, encoding: 'utf8' });
  assert.equal(r.status, 0, `asc failed:\n${r.stdout}${r.stderr}`);
  compiled = new WebAssembly.Module(readFileSync(out));
});

describe('AssemblyScript SDK: JSON', () => {
  const roundTrips = [
    '{"a":1,"b":[true,false,null],"c":{"d":"e"},"f":[],"g":{}}',
    '{"unicode":"héllo wörld ✓ 日本語 😀","escaped":"quote \\" backslash \\\\ newline \\n tab \\t ctl \\u0001"}',
    '{"surrogates":"\\ud83d\\ude00","slash":"a\\/b"}',
    '[0,-1,1.5,-0.25,123456789012,1e+21,3.14159,0.1]',
    '"just a string"',
    '  {"spaced" :  [ 1 , 2 ] }  ',
    '{"dup":1,"dup":2}',
  ];
  for (const input of roundTrips) {
    it(`round-trips ${input.slice(0, 50)}`, () => {
      const host = fresh();
      assert.equal(host.call('json_roundtrip', input), JSON.stringify(JSON.parse(input)));
    });
  }

  const malformed: Array<[string, RegExp]> = [
    ['{"a":', /unexpected end of JSON at offset 5/],
    ['{"a" 1}', /expected ':' at offset 5/],
    ['[1,2', /unterminated array/],
    ['{"a":tru}', /invalid literal at offset 5/],
    ['"open', /unterminated string/],
    ['{"a":1} x', /unexpected text after the JSON value at offset 8/],
    ['"\\q"', /invalid escape/],
    ['-', /invalid number/],
  ];
  for (const [input, message] of malformed) {
    it(`reports where ${JSON.stringify(input)} is malformed`, () => {
      const host = fresh();
      const out = host.call('json_roundtrip', input);
      assert.match(out, /^ERR /);
      assert.match(out, message);
    });
  }
});

describe('AssemblyScript SDK: operations', () => {
  it('authenticate reads config_get, logs, and answers with user and claims', () => {
    const host = fresh();
    const ok = host.json('authenticate', { context: { method: 'GET', uri: '/x', headers: { 'x-user': 'ann' } }, credentials: { type: 'bearer', token: 'sesame' } });
    assert.deepEqual(ok, { success: true, result: { authenticated: true, user_id: 'u-6', claims: { type: 'bearer', n: 2 }, metadata: {} } });
    assert.deepEqual(host.logs, [[1, 'checking GET /x for ann']]);
    const bad = host.json('authenticate', { context: {}, credentials: { type: 'bearer', token: 'nope' } });
    assert.deepEqual(bad, { success: true, result: { authenticated: false, claims: {}, metadata: {}, error_message: 'invalid token' } });
    host.config = {};
    const unset = host.json('authenticate', { credentials: { type: 'bearer', token: 'x' } }) as { result: { error_message: string } };
    assert.equal(unset.result.error_message, 'no token configured');
  });

  it('reject<T>() becomes an error envelope with its code', () => {
    const host = fresh();
    assert.deepEqual(host.json('authenticate', { credentials: { type: 'explode' } }),
      { success: false, error: { code: 'bad_input', message: 'credential type not supported' } });
    assert.deepEqual(host.json('execute_function', { function_name: 'nope', args: [] }),
      { success: false, error: { code: 'plugin_error', message: 'unknown function nope' } });
  });

  it('a request that is not a JSON object is bad_input', () => {
    const host = fresh();
    const notJson = JSON.parse(host.call('authenticate', '{"credentials":')) as { success: boolean; error: { code: string; message: string } };
    assert.equal(notJson.success, false);
    assert.equal(notJson.error.code, 'bad_input');
    assert.match(notJson.error.message, /not valid JSON: unexpected end of JSON at offset 15/);
    assert.deepEqual(JSON.parse(host.call('query', '[1]')), { success: false, error: { code: 'bad_input', message: 'request body must be a JSON object' } });
    assert.deepEqual(host.json('query', { query: 'select 1' }), { success: false, error: { code: 'bad_input', message: '"query" must be a JSON object' } });
    assert.deepEqual(host.json('execute_function', { function_name: 'concat', args: 'a' }), { success: false, error: { code: 'bad_input', message: '"args" must be a JSON array' } });
  });

  it('list_functions and execute_function', () => {
    const host = fresh();
    assert.deepEqual(host.json('list_functions', {}), {
      success: true,
      result: { functions: [{ name: 'concat', description: 'Joins strings', parameters: [{ name: 'parts', param_type: 'string', description: 'strings', required: true, var_args: false }], return_type: 'string', examples: ['concat a b'], pure: true }] },
    });
    assert.deepEqual(host.json('execute_function', { function_name: 'concat', args: ['a', 1, true, { k: 'v' }], context: {} }),
      { success: true, result: { result: 'a1true{"k":"v"}' } });
    assert.deepEqual(host.json('execute_function', { function_name: 'concat', args: [], context: {} }), { success: true, result: { result: '' } });
    assert.deepEqual(host.json('execute_function', { args: [] }), { success: false, error: { code: 'bad_input', message: 'function_name is required' } });
  });

  it('generate_response encodes the body as base64 UTF-8', () => {
    const host = fresh();
    const reply = host.json('generate_response', { context: {}, request: { method: 'POST', uri: '/a?q=1', path: '/a', query_params: { q: 'ü' } } }) as
      { result: { status_code: number; headers: Record<string, string>; body: string; content_type: string } };
    assert.equal(reply.result.status_code, 202);
    assert.deepEqual(reply.result.headers, { 'x-q': 'ü' });
    assert.equal(reply.result.content_type, 'text/plain; charset=utf-8');
    assert.equal(Buffer.from(reply.result.body, 'base64').toString('utf8'), 'POST /a ✓');
  });

  it('query parses filters and limit', () => {
    const host = fresh();
    const reply = host.json('query', { query: { query_type: 'select', query: 'q', limit: 7, filters: [{ field: 'age', operator: 'gt', value: 30 }, { field: 'n', operator: 'eq', value: null }] }, context: {} });
    assert.deepEqual(reply, {
      success: true,
      result: {
        rows: [{ values: { field: 'age', operator: 'gt', value: 30 }, metadata: {} }, { values: { field: 'n', operator: 'eq', value: null }, metadata: {} }],
        columns: [{ name: 'field', data_type: 'string', nullable: false }],
        total_count: 7,
        execution_time_ms: 2,
        metadata: {},
      },
    });
  });

  it('every successful reply has the result shape of docs/protocol.md §3 (validateResult)', () => {
    const host = fresh();
    const calls: Array<[Operation, unknown]> = [
      ['authenticate', { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'sesame' } }],
      ['authenticate', { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'no' } }],
      ['list_functions', {}],
      ['execute_function', { function_name: 'concat', args: ['a', null], context: { method: 'GET', uri: '/', headers: {} } }],
      ['generate_response', { context: { method: 'GET', uri: '/', headers: {} }, request: { method: 'GET', uri: '/', path: '/' } }],
      ['query', { query: { query: 'q', filters: [{ field: 'f', operator: 'eq', value: 1 }] }, context: { method: 'GET', uri: '/', headers: {} } }],
    ];
    for (const [op, body] of calls) {
      const reply = host.json(op, body) as { success: boolean; result: unknown };
      assert.equal(reply.success, true, `${op}: ${JSON.stringify(reply)}`);
      assert.deepEqual(validateResult(op, reply.result), [], `${op}: ${JSON.stringify(reply.result)}`);
    }
  });

  it('a value of the wrong wire type is bad_input naming what was expected', () => {
    const host = fresh();
    const reply = host.json('authenticate', { context: {}, credentials: { type: 7 } }) as { success: boolean; error: { code: string; message: string } };
    assert.equal(reply.error.code, 'bad_input');
    assert.match(reply.error.message, /authenticate request does not match the wire format .*expected a string/);
    const body = host.json('generate_response', { context: { body: 'not base64!' }, request: {} }) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'bad_input');
    assert.match(body.error.message, /expected base64 text/);
  });

  it('base64 decodes what Node encodes', () => {
    const host = fresh();
    for (const text of ['', 'a', 'ab', 'abc', 'héllo ✓ 😀']) {
      assert.equal(host.call('base64_probe', Buffer.from(text).toString('base64')), text);
    }
    assert.equal(host.call('base64_probe', 'not*base64'), 'ERR');
  });

  it('httpFetch sends the request JSON and reads the reply envelope, errors included', () => {
    const host = fresh();
    host.fetchReply = JSON.stringify({ success: true, result: { status: 404, headers: { 'content-type': 'text/plain' }, body: 'missing' } });
    assert.deepEqual(JSON.parse(host.call('fetch_probe', 'https://api.example.com/k')),
      { ok: true, status: 404, body: 'missing', errorCode: '', errorMessage: '', contentType: 'text/plain' });
    assert.deepEqual(host.fetched, [{ method: 'GET', url: 'https://api.example.com/k' }]);
    host.fetchReply = JSON.stringify({ success: false, error: { code: 'capability_denied', message: 'not in allowed_hosts' } });
    const denied = JSON.parse(host.call('fetch_probe', 'https://evil.example.org/')) as { ok: boolean; errorCode: string; errorMessage: string };
    assert.equal(denied.ok, false);
    assert.equal(denied.errorCode, 'capability_denied');
    assert.equal(denied.errorMessage, 'not in allowed_hosts');
  });

  it('abort messages arrive readable through env.abort', () => {
    const host = fresh();
    assert.throws(() => (host.ex.abort_probe as () => void)(), /abort/);
    assert.match(host.aborted ?? '', /^probe exploded at tests\/probe\.ts:\d+:\d+$/);
  });

  it('replies and config buffers are freed: many calls do not grow memory', () => {
    const host = fresh();
    const request = { context: { method: 'GET', uri: '/x', headers: {} }, credentials: { type: 'bearer', token: 'sesame' } };
    for (let i = 0; i < 200; i++) host.json('authenticate', request);
    const before = host.ex.memory.buffer.byteLength;
    for (let i = 0; i < 5000; i++) host.json('authenticate', request);
    assert.equal(host.ex.memory.buffer.byteLength, before);
  });
});
