// Pause a plugin that loops for ever: the stop is in the loop's source, continue lets it loop on, pause stops it
// again, and disconnecting while it loops kills the runner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debugFixture, launch, topFrame } from './fixture';

const f = debugFixture();

test('pause stops a looping plugin inside its loop; continue; disconnect while it loops kills the runner', async () => {
  const loopLines = [f.lineOf(/while \(turns >= 0\) \{/), f.lineOf(/turns = \(turns \+ 1\) & 0x3fffffff;/)];
  const c = await launch(f, 'loop');
  const proc = await c.event<{ systemProcessId: number }>('process');
  await c.request('configurationDone');
  try {
    // The plugin logs once before it starts spinning: after that line, it is in the loop.
    await c.event<{ output: string }>('output', (o) => o.output.includes('debug fixture: looping'));
    for (let round = 0; round < 2; round++) {
      const mark = c.mark();
      await c.request('pause', { threadId: 1 });
      const stop = await c.event<{ reason: string }>('stopped', () => true, mark);
      assert.equal(stop.reason, 'pause');
      const frame = await topFrame(c);
      assert.equal(frame.source?.path, f.source);
      assert.ok(loopLines.includes(frame.line), `paused at ${frame.name}:${frame.line}, expected one of ${loopLines.join(', ')}`);
      assert.match(frame.name, /spin/);
      const { variables } = await c.request<{ variables: Array<{ name: string; value: string }> }>('variables', {
        variablesReference: (await c.request<{ scopes: Array<{ name: string; variablesReference: number }> }>('scopes', { frameId: frame.id })).scopes.find((s) => s.name === 'Locals')!.variablesReference,
      });
      assert.match(variables.find((v) => v.name === 'turns')?.value ?? '', /^\d+$/);
      const resumed = c.mark();
      await c.request('continue', { threadId: 1 });
      assert.equal(c.events.slice(resumed).filter((e) => e.event === 'exited').length, 0, 'still looping');
    }
    assert.doesNotThrow(() => process.kill(proc.systemProcessId, 0), 'the runner loops on');
    await c.request('disconnect', {});
    assert.throws(() => process.kill(proc.systemProcessId, 0), { code: 'ESRCH' });
    await c.event('terminated');
  } finally {
    await c.raw('disconnect', {});
  }
});
