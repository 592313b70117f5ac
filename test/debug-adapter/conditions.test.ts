// Conditional breakpoints, hit counts, logpoints and evaluate (debug console, hovers) in a wasm frame, with locals,
// parameters and AssemblyScript strings by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugFixture, launch, topFrame } from './fixture';
import type { DapClient } from './client';
import type { DapBreakpoint } from '../../host/src/debug/adapter/dap';

const f = debugFixture();
const bodyLine = f.lineOf(/total = total \+ i;/);
const countLine = f.lineOf(/if \(token == 'count'\) return/);

async function evaluate(c: DapClient, expression: string): Promise<{ ok: boolean; text: string }> {
  const frame = await topFrame(c);
  const r = await c.raw('evaluate', { expression, frameId: frame.id, context: 'repl' });
  return r.success ? { ok: true, text: (r.body as { result: string }).result } : { ok: false, text: r.message ?? '' };
}

/** Runs to the end, collecting the value of `i` at each stop. */
async function stopsUntilExit(c: DapClient): Promise<number[]> {
  const seen: number[] = [];
  for (;;) {
    const mark = c.mark();
    const next = await Promise.race([c.event('stopped', () => true, mark).then(() => 'stopped' as const), c.event('exited', () => true, mark).then(() => 'exited' as const)]);
    if (next === 'exited') return seen;
    seen.push(Number((await evaluate(c, 'i')).text));
    await c.request('continue', { threadId: 1 });
  }
}

test('conditions over locals, params and strings; evaluate names and name.length, clear messages otherwise', async () => {
  const c = await launch(f, 'count');
  try {
    const set = await c.request<{ breakpoints: DapBreakpoint[] }>('setBreakpoints', { source: { path: f.source }, breakpoints: [
      { line: countLine, condition: 'token == "count" && secret == "letmein" && token.length == 5' },
      { line: bodyLine, condition: 'i == 3' },
    ] });
    assert.ok(set.breakpoints.every((b) => b.message?.startsWith('pending')), JSON.stringify(set.breakpoints));
    await c.request('configurationDone');
    let stop = await c.event<{ reason: string; hitBreakpointIds?: number[] }>('stopped');
    assert.deepEqual(stop.hitBreakpointIds, [set.breakpoints[0].id]);
    assert.equal((await topFrame(c)).line, countLine);
    assert.deepEqual(await evaluate(c, 'token'), { ok: true, text: '"count"' });
    assert.deepEqual(await evaluate(c, 'token.length'), { ok: true, text: '5' });
    assert.deepEqual(await evaluate(c, 'secret'), { ok: true, text: '"letmein"' });
    assert.deepEqual(await evaluate(c, 'secret == "letmein"'), { ok: true, text: 'true' });
    const unknown = await evaluate(c, 'nosuch');
    assert.equal(unknown.ok, false);
    assert.match(unknown.text, /no local or parameter named "nosuch"/);
    const garbage = await evaluate(c, 'token +');
    assert.equal(garbage.ok, false);
    assert.match(garbage.text, /cannot read "\+"/);
    const hover = await c.raw('evaluate', { expression: 'credentials.token', frameId: (await topFrame(c)).id, context: 'hover' });
    assert.equal(hover.success, false);
    assert.match(hover.message ?? '', /only "\.length"/);

    let mark = c.mark();
    await c.request('continue', { threadId: 1 });
    stop = await c.event('stopped', () => true, mark);
    assert.deepEqual(stop.hitBreakpointIds, [set.breakpoints[1].id]);
    assert.equal((await topFrame(c)).line, bodyLine);
    assert.deepEqual(await evaluate(c, 'i'), { ok: true, text: '3' });
    assert.deepEqual(await evaluate(c, 'total'), { ok: true, text: '3' });
    assert.deepEqual(await evaluate(c, 'limit'), { ok: true, text: '5' });
    mark = c.mark();
    await c.request('continue', { threadId: 1 });
    assert.equal((await c.event<{ exitCode: number }>('exited', () => true, mark)).exitCode, 0, c.output());
    assert.equal(c.events.slice(mark).filter((e) => e.event === 'stopped').length, 0, 'i == 3 held once');
  } finally {
    await c.raw('disconnect', {});
  }
});

for (const [hitCondition, expected] of [['% 2', [1, 3]], ['>= 4', [3, 4]], ['2', [1]]] as const) {
  test(`hitCondition "${hitCondition}" stops on those hits only`, async () => {
    const c = await launch(f, 'count');
    try {
      await c.request('setBreakpoints', { source: { path: f.source }, breakpoints: [{ line: bodyLine, hitCondition }] });
      await c.request('configurationDone');
      assert.deepEqual(await stopsUntilExit(c), expected);
    } finally {
      await c.raw('disconnect', {});
    }
  });
}

test('a logpoint prints with {local} interpolation and does not stop; a condition that cannot be read is refused', async () => {
  const c = await launch(f, 'count');
  try {
    const set = await c.request<{ breakpoints: DapBreakpoint[] }>('setBreakpoints', { source: { path: f.source }, breakpoints: [
      { line: bodyLine, logMessage: 'i={i} total={total} of {limit}, {missing}' },
      { line: countLine, condition: 'token ==' },
    ] });
    assert.equal(set.breakpoints[1].verified, false);
    assert.match(set.breakpoints[1].message ?? '', /condition of the breakpoint on line \d+: .*ends too early/);
    await c.request('configurationDone');
    assert.equal((await c.event<{ exitCode: number }>('exited')).exitCode, 0, c.output());
    assert.equal(c.events.filter((e) => e.event === 'stopped').length, 0);
    const logged = c.output().split('\n').filter((l) => l.startsWith('i='));
    assert.deepEqual(logged, [0, 1, 2, 3, 4].map((i) => `i=${i} total=${(i * (i - 1)) / 2} of 5, <no local or parameter named "missing" in this frame>`));
  } finally {
    await c.raw('disconnect', {});
  }
});
