// Component plugins through `mockforge-plugin run`, built in the test run by their real toolchains: ComponentizeJS
// (JavaScript, world `plugin`), componentize-py (Python, world `auth-plugin`) and a canonical-ABI core module
// turned into a component with jco embed (witSource) + jco new. Callers must not be able to tell them from core modules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, FIXTURES, REPO, buildJsComponent, buildPyComponent, componentizePyAvailable, coreToComponent, writeTemp } from './build';
import { productWitSource } from '../../host/src/component/wit-model';

interface Run { code: number | null; stdout: string; stderr: string; reply: { success: boolean; result?: Record<string, unknown>; error?: { code: string; message: string; details?: unknown } } }

function run(target: string, operation: string, input: unknown, ...extra: string[]): Run {
  // A generous time limit unless the test sets one: a busy CI machine must not turn a slow call into a failure.
  const limit = extra.includes('--timeout') ? [] : ['--timeout', '60000'];
  const r = spawnSync(process.execPath, [CLI, 'run', target, '--call', operation, '--input', '-', '--compact', ...limit, ...extra],
    { input: JSON.stringify(input), encoding: 'utf8', cwd: REPO });
  let reply: Run['reply'];
  try {
    reply = JSON.parse(r.stdout);
  } catch {
    throw new Error(`no JSON reply (exit ${r.status}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, reply };
}

const ctx = { method: 'GET', uri: '/api/users', headers: { authorization: 'Bearer letmein' } };
const bearer = (token: string) => ({ context: ctx, credentials: { type: 'bearer', token } });

describe('JavaScript component (ComponentizeJS, world plugin)', () => {
  let dir = '';
  before(() => { dir = buildJsComponent(); });

  test('authenticate: right and wrong token, the WIT result converted to the wire format', () => {
    const yes = run(dir, 'authenticate', bearer('letmein'));
    assert.equal(yes.code, 0, yes.stderr);
    assert.deepEqual(yes.reply, { success: true, result: {
      authenticated: true, user_id: 'js-user',
      identity: { user_id: 'js-user', username: 'alice', roles: ['admin'], groups: [], attributes: { team: 'core' } },
      claims: { role: 'admin' }, metadata: {},
    } });
    assert.match(yes.stderr, /info {2}plugin: js authenticate GET \/api\/users/);
    const no = run(dir, 'authenticate', bearer('nope'));
    assert.deepEqual(no.reply, { success: true, result: { authenticated: false, claims: {}, metadata: {}, error_message: 'wrong token' } });
  });

  test('config-get sees --config values', () => {
    const r = run(dir, 'authenticate', bearer('s3cret'), '--config', 'token=s3cret');
    assert.equal(r.reply.result?.authenticated, true);
  });

  test('execute_function, list_functions, generate_response, query', () => {
    assert.deepEqual(run(dir, 'execute_function', { function_name: 'uppercase', args: ['hello'], context: ctx }).reply, { success: true, result: { result: 'HELLO' } });
    const list = run(dir, 'list_functions', {}).reply;
    assert.equal((list.result?.functions as Array<{ name: string; parameters: unknown[] }>)[0].name, 'uppercase');
    const resp = run(dir, 'generate_response', { context: ctx, request: { method: 'POST', uri: '/o', path: '/o' } }).reply;
    assert.equal(resp.result?.status_code, 201);
    assert.deepEqual(JSON.parse(Buffer.from(resp.result?.body as string, 'base64').toString()), { path: '/o', method: 'POST' });
    const q = run(dir, 'query', { query: { query: 'users' }, context: ctx }).reply;
    assert.deepEqual(q.result?.rows, [{ values: { id: 1, name: 'Ada' }, metadata: {} }]);
    assert.equal(q.result?.execution_time_ms, 3);
  });

  test('a plugin-error becomes the envelope error; a request that does not fit the WIT types is bad_input', () => {
    const boom = run(dir, 'authenticate', { context: ctx, credentials: { type: 'boom' } });
    assert.equal(boom.code, 1);
    assert.deepEqual(boom.reply, { success: false, error: { code: 'plugin_error', message: 'boom requested', details: { why: 'test' } } });
    const unknown = run(dir, 'execute_function', { function_name: 'nope', args: [], context: ctx });
    assert.equal(unknown.reply.error?.code, 'unsupported_operation');
    const bad = run(dir, 'authenticate', { context: { method: 'GET', uri: '/', headers: { 'x-retry': 3 } }, credentials: { type: 'bearer' } });
    assert.equal(bad.reply.error?.code, 'bad_input');
    assert.match(bad.reply.error?.message ?? '', /context\.headers\["x-retry"\] must be a string/);
  });

  test('memory limit: a limit below the initial memory fails to load with the numbers', () => {
    const low = writeTemp('mf-comp-mem-', {
      'plugin.yaml': readFileSync(path.join(dir, 'plugin.yaml'), 'utf8').replace('max_memory_bytes: 67108864', 'max_memory_bytes: 4194304'),
      'build/plugin.wasm': readFileSync(path.join(dir, 'build', 'plugin.wasm')),
    });
    try {
      const r = run(low, 'authenticate', bearer('letmein'));
      assert.equal(r.reply.error?.code, 'load_failed');
      assert.match(r.reply.error?.message ?? '', /memory pages .* more than max_memory_bytes 4 MiB/);
    } finally {
      rmSync(low, { recursive: true, force: true });
    }
  });
});

describe('Python component (componentize-py, world auth-plugin)', { skip: componentizePyAvailable() ? false : 'componentize-py is not installed (scripts/setup.sh installs it)' }, () => {
  let dir = '';
  before(() => { dir = buildPyComponent(); });
  const probe = (file: string, env: string) => run(dir, 'authenticate', { context: ctx, credentials: { type: 'probe', token: file, data: { env } } });

  test('authenticate and get_capabilities', () => {
    const r = run(dir, 'authenticate', bearer('letmein'));
    assert.deepEqual(r.reply, { success: true, result: { authenticated: true, user_id: 'py-user', claims: { role: 'admin' }, metadata: {} } });
    assert.match(r.stderr, /python authenticate GET \/api\/users/);
    assert.deepEqual(run(dir, 'get_capabilities', {}).reply, { success: true, result: { types: ['auth'], metadata: { language: 'python' } } });
    const boom = run(dir, 'authenticate', { context: ctx, credentials: { type: 'boom' } });
    assert.deepEqual(boom.reply.error, { code: 'plugin_error', message: 'boom requested', details: { why: 'test' } });
    assert.equal(run(dir, 'query', { query: { query: 'x' } }).reply.error?.code, 'unsupported_operation');
  });

  test('files: allowed_paths is readable, anything else (the host filesystem) is not there', () => {
    const inside = probe('data/inside.txt', 'MF_GIVEN').reply.result?.claims as Record<string, string>;
    assert.equal(inside.file, readFileSync(path.join(FIXTURES, 'py-auth', 'data', 'inside.txt'), 'utf8'));
    const outside = path.join(REPO, 'package.json');
    const claims = probe(outside, 'HOME').reply.result?.claims as Record<string, string>;
    assert.match(claims.file, /^error: FileNotFoundError/);
  });

  test('files: allow_write false refuses writing inside allowed_paths, with a capability_denied log line', () => {
    const r = run(dir, 'authenticate', { context: ctx, credentials: { type: 'write', token: 'data/new.txt' } });
    assert.match((r.reply.result?.claims as Record<string, string>).write, /^error: /);
    assert.match(r.stderr, /capability_denied: opening \/data\/new\.txt for writing: capabilities\.filesystem\.allow_write is false/);
  });

  test('environment: only the variables the manifest declares', () => {
    assert.ok(process.env.HOME || process.env.PATH, 'the host has environment variables to leak');
    assert.equal((probe('', 'MF_GIVEN').reply.result?.claims as Record<string, unknown>).env, 'granted-value');
    assert.equal((probe('', 'HOME').reply.result?.claims as Record<string, unknown>).env, null);
    assert.equal((probe('', 'PATH').reply.result?.claims as Record<string, unknown>).env, null);
  });
});

describe('core module → component with jco embed (witSource) + jco new', () => {
  const temps: string[] = [];
  after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });
  const wat = readFileSync(path.join(FIXTURES, 'wat', 'auth.wat'), 'utf8');
  const plugin = async (witSource: string, world: string, coreWat = wat): Promise<string> => {
    const dir = writeTemp('mf-comp-', { 'plugin.wasm': await coreToComponent(coreWat, witSource, world) });
    temps.push(dir);
    return path.join(dir, 'plugin.wasm');
  };

  test('authenticate and get_capabilities through the canonical ABI', async () => {
    const file = await plugin(productWitSource(), 'auth-plugin');
    assert.deepEqual(run(file, 'authenticate', bearer('letmein')).reply, { success: true, result: { authenticated: true, user_id: 'wat-user', claims: {}, metadata: {} } });
    assert.deepEqual(run(file, 'authenticate', bearer('letmeout')).reply, { success: true, result: { authenticated: false, claims: {}, metadata: {}, error_message: 'wrong token' } });
    assert.deepEqual(run(file, 'get_capabilities', {}).reply, { success: true, result: { types: ['auth'], metadata: {} } });
  });

  test('an endless loop is stopped by the time limit; the next call works', async () => {
    const file = await plugin(productWitSource(), 'auth-plugin');
    const r = run(file, 'get_capabilities', { context: { method: 'LOOP', uri: '/' } }, '--timeout', '300');
    assert.equal(r.code, 1);
    assert.equal(r.reply.error?.code, 'timeout');
    assert.match(r.reply.error?.message ?? '', /did not finish within 300 ms/);
  });

  test('inspect-style world check: a component of another world is refused, naming what it exports', async () => {
    const other = await plugin('package other:thing; interface run { go: func() -> u32; } world w { export run; }',
      'w', '(module (memory (export "memory") 1) (func (export "other:thing/run#go") (result i32) (i32.const 7)))');
    const r = run(other, 'authenticate', bearer('letmein'));
    assert.equal(r.code, 2);
    assert.equal(r.reply.error?.code, 'load_failed');
    assert.match(r.reply.error?.message ?? '', /exports other:thing\/run, which is not part of mockforge:plugin@0\.1\.0/);
  });

  test('a mockforge interface with a different authenticate signature is refused, naming the function', async () => {
    const wit = 'package mockforge:plugin@0.1.0; interface auth { authenticate: func(token: string) -> bool; } world w { export auth; }';
    const core = `(module (memory (export "memory") 1)
      (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
      (func (export "mockforge:plugin/auth@0.1.0#authenticate") (param i32 i32) (result i32) (i32.const 1)))`;
    const r = run(await plugin(wit, 'w', core), 'authenticate', bearer('letmein'));
    assert.equal(r.reply.error?.code, 'load_failed');
    assert.match(r.reply.error?.message ?? '', /auth\.authenticate has parameters \(token\); the product WIT has \(context, credentials\)/);
  });

  test('the transpile cache: a second load of the same bytes does not transpile again', async () => {
    const file = await plugin(productWitSource(), 'auth-plugin');
    const cacheDir = writeTemp('mf-comp-cache-', { 'keep': '' });
    temps.push(cacheDir);
    const env = { ...process.env, MOCKFORGE_CACHE_DIR: cacheDir };
    const first = spawnSync(process.execPath, [CLI, 'run', file, '--call', 'get_capabilities', '--verbose'], { encoding: 'utf8', env });
    const second = spawnSync(process.execPath, [CLI, 'run', file, '--call', 'get_capabilities', '--verbose'], { encoding: 'utf8', env });
    assert.doesNotMatch(first.stderr, /from cache/);
    assert.match(second.stderr, /compiled module from cache/);
  });
});
