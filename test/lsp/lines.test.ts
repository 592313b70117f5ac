// The one offset ↔ position adapter: LF, CRLF and lone CR line breaks, UTF-16 columns, clamping.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, rangeContains, rangesOverlap } from '../../server/src/text/lines';

test('offset → position → offset round-trips over LF, CRLF and CR', () => {
  const text = 'ab\ncd\r\nef\rgh😀x';
  const lines = new LineIndex(text);
  assert.equal(lines.lineCount, 4);
  for (let o = 0; o <= text.length; o++) {
    const p = lines.positionAt(o);
    if (text[o - 1] === '\r' && text[o] === '\n') continue; // inside a CRLF: clamped to the line end
    assert.equal(lines.offsetAt(p), o, `offset ${o}`);
  }
  assert.deepEqual(lines.positionAt(4), { line: 1, character: 1 });
  assert.deepEqual(lines.positionAt(6), { line: 1, character: 2 }, 'between \\r and \\n: end of the line');
  assert.deepEqual(lines.positionAt(text.length), { line: 3, character: 5 }, 'UTF-16 columns: the emoji counts 2');
  assert.equal(lines.lineText(1), 'cd');
});

test('out-of-range input is clamped, never thrown', () => {
  const lines = new LineIndex('abc\ndef');
  assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
  assert.deepEqual(lines.positionAt(999), { line: 1, character: 3 });
  assert.equal(lines.offsetAt({ line: 0, character: 99 }), 3);
  assert.equal(lines.offsetAt({ line: 9, character: 0 }), 7);
  assert.deepEqual(lines.range(5, 1), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
});

test('range helpers', () => {
  const r = { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } };
  assert.ok(rangeContains(r, { line: 1, character: 5 }));
  assert.ok(!rangeContains(r, { line: 1, character: 6 }));
  assert.ok(rangesOverlap(r, { start: { line: 1, character: 5 }, end: { line: 2, character: 0 } }));
  assert.ok(!rangesOverlap(r, { start: { line: 0, character: 0 }, end: { line: 1, character: 1 } }));
});
