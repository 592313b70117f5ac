// Stop on a trap: unreachable, AssemblyScript's abort (a thrown Error) and an out-of-bounds load stop the session
// with reason `exception` at the source line that trapped, with the trap's message, before the host's error reply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DapClient } from './client';
import { debugFixture, launch, topFrame } from './fixture';

const f = debugFixture();

test('the "Plugin traps" exception filter is offered, on by default', async () => {
  const c = new DapClient();
  const caps = await c.request<{ exceptionBreakpointFilters?: Array<{ filter: string; label: string; default?: boolean }>; supportsExceptionInfoRequest?: boolean }>('initialize', { adapterID: 'mockforge' });
  assert.deepEqual(caps.exceptionBreakpointFilters?.map((x) => [x.filter, x.label, x.default]), [['traps', 'Plugin traps', true]]);
  assert.equal(caps.supportsExceptionInfoRequest, true);
});

for (const [token, line, message] of [
  ['unreachable', /if \(token == 'unreachable'\) unreachable\(\);/, /unreachable/],
  ['abort', /throw new Error\('token rejected by the debug fixture'\)/, /abort: token rejected by the debug fixture/],
  ['oob', /load<i32>\(0xfffffff0\)/, /out of bounds/],
] as const) {
  test(`a trap (${token}) stops at its source line with its message, then the host replies with the error`, async () => {
    const c = await launch(f, token);
    try {
      await c.request('setExceptionBreakpoints', { filters: ['traps'] });
      await c.request('configurationDone');
      const stop = await c.event<{ reason: string; text?: string }>('stopped');
      assert.equal(stop.reason, 'exception');
      assert.match(stop.text ?? '', message);
      const frame = await topFrame(c);
      assert.equal(frame.source?.path, f.source);
      assert.equal(frame.line, f.lineOf(line), `${frame.name} ${frame.line}`);
      assert.match(frame.name, /DebugAuth#authenticate/);
      const info = await c.request<{ description?: string; breakMode: string }>('exceptionInfo', { threadId: 1 });
      assert.match(info.description ?? '', message);
      const mark = c.mark();
      await c.request('continue', { threadId: 1 });
      const exited = await c.event<{ exitCode: number }>('exited', () => true, mark);
      assert.equal(exited.exitCode, 1, c.output());
      const reply = c.output().split('\n').find((l) => l.startsWith('{"success"'));
      assert.ok(reply, c.output());
      assert.equal((JSON.parse(reply) as { error: { code: string } }).error.code, 'trap');
    } finally {
      await c.raw('disconnect', {});
    }
  });
}

test('with the filter off a trap does not stop: the host replies with the error', async () => {
  const c = await launch(f, 'unreachable');
  try {
    await c.request('setExceptionBreakpoints', { filters: [] });
    await c.request('configurationDone');
    const exited = await c.event<{ exitCode: number }>('exited');
    assert.equal(exited.exitCode, 1, c.output());
    assert.equal(c.events.filter((e) => e.event === 'stopped').length, 0);
  } finally {
    await c.raw('disconnect', {});
  }
});
