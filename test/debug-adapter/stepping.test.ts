// Source-line stepping decisions (host/src/debug/adapter/stepping.ts): when a CDP instruction step has reached the
// next source line, and which CDP step comes next when it has not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextStep } from '../../host/src/debug/adapter/stepping';

const at = (depth: number, line?: number, inPlugin = true, source: string = 'assembly/index.ts') => ({ depth, inPlugin, line, source: line === undefined ? undefined : source });

test('next: same line steps over again, a new line or a return stops, an unmapped instruction is stepped past', () => {
  const start = { kind: 'next' as const, depth: 2, source: 'assembly/index.ts', line: 22 };
  assert.equal(nextStep(start, at(2, 22)), 'stepOver');
  assert.equal(nextStep(start, at(2, 23)), 'stop');
  assert.equal(nextStep(start, at(2, 22, true, '~lib/string.ts')), 'stop');
  assert.equal(nextStep(start, at(1, 30)), 'stop');
  assert.equal(nextStep(start, at(2)), 'stepOver');
  assert.equal(nextStep(start, at(3, 5)), 'stepOut');
});

test('stepIn stops in the callee; stepOut stops in the caller', () => {
  const into = { kind: 'stepIn' as const, depth: 2, source: 'assembly/index.ts', line: 18 };
  assert.equal(nextStep(into, at(2, 18)), 'stepInto');
  assert.equal(nextStep(into, at(3)), 'stepInto', 'the callee\'s unmapped prologue');
  assert.equal(nextStep(into, at(3, 13)), 'stop');
  const out = { kind: 'stepOut' as const, depth: 3, source: 'assembly/index.ts', line: 13 };
  assert.equal(nextStep(out, at(3, 14)), 'stepOut');
  assert.equal(nextStep(out, at(2)), 'stepOver');
  assert.equal(nextStep(out, at(2, 18)), 'stop');
});

test('outside the plugin: a host import it called is stepped out of; back in the host, the program runs on', () => {
  const start = { kind: 'stepIn' as const, depth: 2, source: 'assembly/index.ts', line: 36 };
  assert.equal(nextStep(start, at(2, undefined, false)), 'stepOut');
  assert.equal(nextStep(start, at(0, undefined, false)), 'resume');
});
