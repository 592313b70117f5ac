// Calls every operation through a remote runtime and checks what the EveryKind plugins (Node and Python) return.
import assert from 'node:assert/strict';
import type { PluginRuntime } from '../../../host/src/runtime';
import { SAMPLE_INPUTS } from './manifest';

export async function assertEveryOperation(runtime: PluginRuntime, who: 'node' | 'py'): Promise<void> {
  const auth = await runtime.call('authenticate', SAMPLE_INPUTS.authenticate);
  assert.equal(auth.envelope.success, true, JSON.stringify(auth.envelope));
  const authResult = (auth.envelope as { result: { authenticated: boolean; user_id: string; claims: Record<string, unknown> } }).result;
  assert.equal(authResult.authenticated, true);
  assert.equal(authResult.user_id, `${who}-user`);
  assert.deepEqual(authResult.claims, { role: 'admin', path: '/api/users' });
  assert.equal(auth.timing.attempts, 1);

  const denied = await runtime.call('authenticate', { ...SAMPLE_INPUTS.authenticate, credentials: { type: 'bearer', token: 'nope' } });
  assert.equal(denied.envelope.success, true);
  assert.equal((denied.envelope as { result: { authenticated: boolean } }).result.authenticated, false);

  const list = await runtime.call('list_functions', SAMPLE_INPUTS.list_functions);
  assert.equal(list.envelope.success, true, JSON.stringify(list.envelope));
  const fns = (list.envelope as { result: { functions: Array<{ name: string }> } }).result.functions;
  assert.deepEqual(fns.map((f) => f.name), ['upper']);

  const exec = await runtime.call('execute_function', SAMPLE_INPUTS.execute_function);
  assert.deepEqual(exec.envelope, { success: true, result: { result: 'ABC' } });

  const gen = await runtime.call('generate_response', SAMPLE_INPUTS.generate_response);
  assert.equal(gen.envelope.success, true, JSON.stringify(gen.envelope));
  const data = (gen.envelope as { result: { status_code: number; headers: Record<string, string>; body: string; content_type: string } }).result;
  assert.equal(data.status_code, 201);
  assert.equal(data.headers['x-from'], who === 'py' ? 'python' : 'node');
  assert.equal(Buffer.from(data.body, 'base64').toString(), 'hello GET /api/users');
  assert.equal(data.content_type, 'text/plain');

  const q = await runtime.call('query', SAMPLE_INPUTS.query);
  assert.equal(q.envelope.success, true, JSON.stringify(q.envelope));
  const rows = (q.envelope as { result: { rows: Array<{ values: Record<string, unknown> }> } }).result.rows;
  assert.deepEqual(rows.map((r) => r.values), [{ q: 'select 1', n: 1 }]);

  // What the SDKs answer follows docs/protocol.md: the client flags nothing.
  for (const out of [auth, list, exec, gen, q]) {
    assert.deepEqual(out.logs.filter((l) => /does not follow/.test(l.message)), []);
  }

  const caps = await runtime.call('get_capabilities', SAMPLE_INPUTS.get_capabilities);
  assert.equal(caps.envelope.success, true, JSON.stringify(caps.envelope));
  const capsResult = (caps.envelope as { result: { types: string[]; metadata: { operations: string[] } } }).result;
  assert.deepEqual(capsResult.types, ['auth', 'template', 'response', 'datasource']);
  assert.deepEqual(capsResult.metadata.operations, ['authenticate', 'list_functions', 'execute_function', 'generate_response', 'query', 'get_capabilities']);

  // An exception in the plugin's code is its own failure: success:false with the message, no retry, still serving.
  const boom = await runtime.call('execute_function', { function_name: 'boom', args: [] });
  assert.equal(boom.envelope.success, false);
  assert.equal((boom.envelope as { error: { code: string } }).error.code, 'plugin_error');
  assert.match((boom.envelope as { error: { message: string } }).error.message, new RegExp(`boom from ${who === 'py' ? 'python' : 'node'}`));
  assert.equal(boom.timing.attempts, 1);
  const again = await runtime.call('execute_function', SAMPLE_INPUTS.execute_function);
  assert.deepEqual(again.envelope, { success: true, result: { result: 'ABC' } });

  // Invalid input: the SDK's 400 with a bad_input envelope naming the field, not retried.
  const bad = await runtime.call('execute_function', { args: [] });
  assert.equal(bad.envelope.success, false);
  const err = (bad.envelope as { error: { code: string; message: string } }).error;
  assert.equal(err.code, 'bad_input');
  assert.match(err.message, /function_name/);
  assert.equal(bad.timing.attempts, 1);
}
