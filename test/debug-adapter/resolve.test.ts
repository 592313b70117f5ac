// Which debugger a `mockforge` configuration gets (client/src/debug/resolve.ts): our own adapter for a wasm plugin
// whose module has a source map, the node launch of the runner (with the reason) otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { resolveLaunch, type MockforgeLaunch, type PluginFacts } from '../../client/src/debug/resolve';

const RUNNER = path.resolve('/ext/dist/debug-runner.js');
const DIR = path.resolve('/ws/auth');
const REQ = path.join(DIR, '.mockforge', 'requests', 'valid-token.json');
const WASM = path.join(DIR, 'build', 'plugin.wasm');
const env = { runnerScript: RUNNER, haveDebugpy: false, nodeExecutable: '/opt/node/bin/node' };
const launch = (over: Partial<MockforgeLaunch> = {}): MockforgeLaunch => ({ type: 'mockforge', request: 'launch', name: '', ...over });
const facts = (module?: PluginFacts['module'], runtime = 'wasm'): PluginFacts => ({ dir: DIR, id: 'auth', runtime, module });

test('wasm with a source map: stays a mockforge launch for our adapter, with runner, plugin, request and config', () => {
  const r = resolveLaunch(launch({ config: { token: 's3cret' }, stopOnEntry: true }), facts({ wasmFile: WASM, sourceMap: true }), REQ, env);
  assert.equal(r.kind, 'adapter');
  assert.deepEqual(r.launch, {
    type: 'mockforge', request: 'launch', name: 'MockForge: auth ← valid-token', runner: RUNNER, plugin: DIR, requestFile: REQ,
    config: { token: 's3cret' }, runtimeExecutable: '/opt/node/bin/node', stopOnEntry: true, cwd: DIR,
  });
  const own = resolveLaunch(launch({ runtimeExecutable: '/usr/local/bin/node' }), facts({ wasmFile: WASM, sourceMap: true }), REQ, env);
  assert.equal(own.kind === 'adapter' && own.launch.runtimeExecutable, '/usr/local/bin/node');
});

test('wasm without a source map, or not built: the node launch of the runner, saying why', () => {
  const noMap = resolveLaunch(launch(), facts({ wasmFile: WASM, sourceMap: false }), REQ, env);
  assert.equal(noMap.kind, 'embedded');
  assert.equal(noMap.kind === 'embedded' && noMap.launch.type, 'node');
  assert.match(noMap.kind === 'embedded' ? noMap.note ?? '' : '', /plugin\.wasm has no source map, so breakpoints cannot bind in its source/);
  const unbuilt = resolveLaunch(launch(), facts(undefined), REQ, env);
  assert.equal(unbuilt.kind, 'embedded');
  assert.match(unbuilt.kind === 'embedded' ? unbuilt.note ?? '' : '', /no built module yet/);
  const pyodide = resolveLaunch(launch(), facts(undefined, 'pyodide'), REQ, env);
  assert.equal(pyodide.kind === 'embedded' && pyodide.note, undefined, 'pyodide has no source map to miss');
});
