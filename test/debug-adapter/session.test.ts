// The `mockforge` debug adapter (host/src/debug/adapter/) driven over DAP like VS Code drives it, on a real
// AssemblyScript plugin made by `mockforge-plugin new` and built by asc with its source map: breakpoints in
// assembly/index.ts bind in the wasm module, stops are mapped back to that source, stepping goes by source line,
// locals show their values, the reply reaches the output, and disconnecting leaves no runner behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildTemplate, REPO } from '../plugins/build';
import { DapClient } from './client';
import type { DapBreakpoint, DapStackFrame, DapVariable } from '../../host/src/debug/adapter/dap';

const RUNNER = path.join(REPO, 'dist', 'debug-runner.js');

function lineOf(file: string, re: RegExp): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => re.test(l));
  assert.ok(i >= 0, `${re} in ${file}`);
  return i + 1;
}

interface Plugin {
  dir: string;
  source: string;
  request: string;
}

function plugin(): Plugin {
  const built = buildTemplate('assemblyscript', 'auth');
  return { dir: built.dir, source: path.join(built.dir, 'assembly', 'index.ts'), request: path.join(built.dir, '.mockforge', 'requests', 'valid-token.json') };
}

/** initialize + launch, as VS Code starts a session; resolves once the adapter asks for its configuration. */
async function launched(p: Plugin, extra: Record<string, unknown> = {}): Promise<DapClient> {
  const c = new DapClient();
  const caps = await c.request<{ supportsConfigurationDoneRequest?: boolean }>('initialize', { adapterID: 'mockforge', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  assert.equal(caps.supportsConfigurationDoneRequest, true);
  await c.request('launch', { runner: RUNNER, plugin: p.dir, requestFile: p.request, runtimeExecutable: process.execPath, ...extra });
  await c.event('initialized');
  return c;
}

async function top(c: DapClient): Promise<DapStackFrame> {
  const { stackFrames } = await c.request<{ stackFrames: DapStackFrame[] }>('stackTrace', { threadId: 1 });
  assert.ok(stackFrames.length > 0);
  return stackFrames[0];
}

test('a breakpoint in assembly/index.ts stops there; locals, next, stepIn/stepOut by source line, continue to the reply', async () => {
  const p = plugin();
  const tokenLine = lineOf(p.source, /const token = credentials\.token;/);
  const commentLine = lineOf(p.source, /^\s*\/\/ MockForge passes the parsed credentials/);
  const secretLine = lineOf(p.source, /const secret = setting\('token', ''\);/);
  const settingBody = lineOf(p.source, /const v = configGet\(key\);/);
  const c = await launched(p);
  try {
    const set = await c.request<{ breakpoints: DapBreakpoint[] }>('setBreakpoints', { source: { path: p.source }, breakpoints: [{ line: secretLine }, { line: tokenLine }, { line: commentLine }] });
    assert.equal(set.breakpoints.length, 3);
    assert.equal(set.breakpoints[2].verified, false, 'a comment line has no code');
    assert.match(set.breakpoints[2].message ?? '', new RegExp(`no code on line ${commentLine} of index\\.ts`));
    const [secretBp, tokenBp] = set.breakpoints;
    const bound = c.event<{ breakpoint: DapBreakpoint }>('breakpoint', (b) => b.breakpoint.id === tokenBp.id && b.breakpoint.verified);
    await c.request('configurationDone');
    assert.equal((await bound).breakpoint.line, tokenLine, 'bound once the module was loaded, on the line asked for');

    // First stop: the first line of authenticate with a breakpoint.
    const first = await c.event<{ reason: string; hitBreakpointIds?: number[] }>('stopped');
    assert.equal(first.reason, 'breakpoint');
    assert.deepEqual(first.hitBreakpointIds, [secretBp.id]);
    let frame = await top(c);
    assert.equal(frame.source?.path, p.source);
    assert.equal(frame.line, secretLine);
    assert.match(frame.name, /TokenAuth#authenticate/);

    // stepIn enters setting(); stepOut comes back to authenticate.
    let mark = c.mark();
    await c.request('stepIn', { threadId: 1 });
    await c.event('stopped', (s: { reason: string }) => s.reason === 'step', mark);
    frame = await top(c);
    assert.equal(frame.source?.path, p.source);
    assert.equal(frame.line, settingBody, `stepIn: in setting(), at ${frame.name}:${frame.line}`);
    assert.match(frame.name, /setting/);
    mark = c.mark();
    await c.request('stepOut', { threadId: 1 });
    await c.event('stopped', (s: { reason: string }) => s.reason === 'step', mark);
    frame = await top(c);
    assert.match(frame.name, /TokenAuth#authenticate/);
    assert.equal(frame.line, secretLine, 'back in the caller, on the line of the call');

    // Continue to the next breakpoint.
    mark = c.mark();
    await c.request('continue', { threadId: 1 });
    const second = await c.event<{ reason: string; hitBreakpointIds?: number[] }>('stopped', () => true, mark);
    assert.deepEqual(second.hitBreakpointIds, [tokenBp.id]);
    frame = await top(c);
    assert.equal(frame.source?.path, p.source);
    assert.equal(frame.line, tokenLine);

    // Locals and parameters with their values.
    const { scopes } = await c.request<{ scopes: Array<{ name: string; variablesReference: number }> }>('scopes', { frameId: frame.id });
    const locals = scopes.find((s) => s.name === 'Locals');
    assert.ok(locals, scopes.map((s) => s.name).join(', '));
    const { variables } = await c.request<{ variables: DapVariable[] }>('variables', { variablesReference: locals.variablesReference });
    const byName = new Map(variables.map((v) => [v.name, v]));
    for (const name of ['this', 'ctx', 'credentials', 'secret', 'token']) assert.ok(byName.has(name), `${name} in ${[...byName.keys()].join(', ')}`);
    assert.equal(byName.get('credentials')?.type, 'i32', 'an object pointer stays a number');
    assert.match(byName.get('credentials')?.value ?? '', /^\d+$/);
    // The configured token (plugin.yaml's default), read from the module's memory as an AssemblyScript String.
    assert.equal(byName.get('secret')?.value, '"letmein"');
    assert.match(byName.get('secret')?.type ?? '', /^string \(i32 \d+\)$/);
    assert.equal(byName.get('token')?.value, '0', 'not assigned before its line runs');

    // next: the following line of the same function.
    mark = c.mark();
    await c.request('next', { threadId: 1 });
    const stepped = await c.event<{ reason: string }>('stopped', () => true, mark);
    assert.equal(stepped.reason, 'step');
    frame = await top(c);
    assert.equal(frame.source?.path, p.source);
    assert.ok(frame.line > tokenLine, `next moved on from line ${tokenLine} to ${frame.line}`);
    assert.match(frame.name, /TokenAuth#authenticate/);
    const after = await c.request<{ scopes: Array<{ name: string; variablesReference: number }> }>('scopes', { frameId: frame.id });
    const now = await c.request<{ variables: DapVariable[] }>('variables', { variablesReference: after.scopes.find((s) => s.name === 'Locals')!.variablesReference });
    assert.equal(now.variables.find((v) => v.name === 'token')?.value, '"letmein"', 'the stepped-over line assigned it');

    // A breakpoint set while the plugin runs binds at once; continue stops there.
    const userLine = lineOf(p.source, /const userId = setting\('user_id', 'demo-user'\);/);
    const late = await c.request<{ breakpoints: DapBreakpoint[] }>('setBreakpoints', { source: { path: p.source }, breakpoints: [{ line: userLine }] });
    assert.equal(late.breakpoints[0].verified, true, late.breakpoints[0].message);
    mark = c.mark();
    await c.request('continue', { threadId: 1 });
    const third = await c.event<{ reason: string; hitBreakpointIds?: number[] }>('stopped', () => true, mark);
    assert.deepEqual(third.hitBreakpointIds, [late.breakpoints[0].id]);
    assert.equal((await top(c)).line, userLine);

    mark = c.mark();
    await c.request('continue', { threadId: 1 });
    const exited = await c.event<{ exitCode: number }>('exited', () => true, mark);
    await c.event('terminated', () => true, mark);
    assert.equal(exited.exitCode, 0, c.output());
    const reply = c.output().split('\n').find((l) => l.startsWith('{"success"'));
    assert.ok(reply, `the reply is in the output:\n${c.output()}`);
    assert.equal((JSON.parse(reply) as { result: { authenticated: boolean } }).result.authenticated, true);
  } finally {
    await c.raw('disconnect', {});
  }
});

test('stopOnEntry stops once the module is loaded, before any of it runs', async () => {
  const p = plugin();
  const c = await launched(p, { stopOnEntry: true });
  try {
    await c.request('configurationDone');
    const entry = await c.event<{ reason: string }>('stopped');
    assert.equal(entry.reason, 'entry');
    const { stackFrames } = await c.request<{ stackFrames: DapStackFrame[] }>('stackTrace', { threadId: 1 });
    assert.ok(stackFrames.every((f) => f.presentationHint === 'subtle'), 'only host frames: no plugin code runs yet');
    const mark = c.mark();
    await c.request('continue', { threadId: 1 });
    assert.equal((await c.event<{ exitCode: number }>('exited', () => true, mark)).exitCode, 0, c.output());
  } finally {
    await c.raw('disconnect', {});
  }
});

test('disconnect while paused ends the runner', async () => {
  const p = plugin();
  const c = await launched(p);
  const proc = await c.event<{ systemProcessId: number }>('process');
  await c.request('setBreakpoints', { source: { path: p.source }, breakpoints: [{ line: lineOf(p.source, /const token = credentials\.token;/) }] });
  await c.request('configurationDone');
  await c.event('stopped');
  assert.doesNotThrow(() => process.kill(proc.systemProcessId, 0), 'the runner is alive while paused');
  await c.request('disconnect', {});
  assert.throws(() => process.kill(proc.systemProcessId, 0), { code: 'ESRCH' });
  await c.event('terminated');
});

test('a plugin without a source map and a runtime that cannot start are refused with the reason', async () => {
  const p = plugin();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mf-dap-'));
  try {
    const bare = path.join(tmp, 'plugin');
    cpSync(p.dir, bare, { recursive: true, filter: (src) => !src.endsWith('.wasm.map') });
    const c = new DapClient();
    await c.request('initialize', { adapterID: 'mockforge' });
    const noMap = await c.raw('launch', { runner: RUNNER, plugin: bare, requestFile: p.request });
    assert.equal(noMap.success, false);
    assert.match(noMap.message ?? '', /plugin\.wasm has no source map/);

    const d = new DapClient();
    await d.request('initialize', { adapterID: 'mockforge' });
    const missing = path.join(tmp, 'no-such-node');
    const noNode = await d.raw('launch', { runner: RUNNER, plugin: p.dir, requestFile: p.request, runtimeExecutable: missing });
    assert.equal(noNode.success, false);
    assert.match(noNode.message ?? '', new RegExp(`cannot start the debug runner \\(${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} .*debug-runner\\.js\\): .*ENOENT`));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
