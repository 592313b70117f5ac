// The frames the host and its Pyodide process exchange (host/src/pyodide/frames.ts): reassembled from chunks cut
// anywhere, several per chunk, any UTF-8; a declared length over the limit is refused before it is buffered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALL, FrameReader, LOG, RESULT, decodeResult, encodeResult, frame, splitHead } from '../../host/src/pyodide/frames';

function collect(max = 1 << 20) {
  const got: [number, string][] = [];
  const oversize: number[] = [];
  const reader = new FrameReader(max, (kind, text) => got.push([kind, text]), (n) => oversize.push(n));
  return { got, oversize, reader };
}

test('frames cut at every byte boundary come out whole and in order', () => {
  const bytes = Buffer.concat([frame(CALL, '1\nauthenticate\n{"a":"ü€😀"}'), frame(LOG, 'info\nplugin\n5\nhello\nworld'), frame(RESULT, '')]);
  for (let cut = 0; cut <= bytes.length; cut++) {
    const { got, reader } = collect();
    reader.push(bytes.subarray(0, cut));
    reader.push(bytes.subarray(cut));
    assert.deepEqual(got, [[CALL, '1\nauthenticate\n{"a":"ü€😀"}'], [LOG, 'info\nplugin\n5\nhello\nworld'], [RESULT, '']], `cut at ${cut}`);
  }
  const { got, reader } = collect();
  for (const b of bytes) reader.push(Buffer.from([b]));
  assert.equal(got.length, 3);
});

test('a frame longer than the limit is refused and the stream is read no further', () => {
  const { got, oversize, reader } = collect(16);
  reader.push(Buffer.concat([frame(LOG, 'short'), frame(RESULT, 'x'.repeat(17)), frame(LOG, 'after')]));
  assert.deepEqual(got, [[LOG, 'short']]);
  assert.deepEqual(oversize, [17]);
});

test('results round-trip: text, failure, failure with restart; a malformed one is undefined', () => {
  const text = '{"success":true,"result":"a\\nb"}';
  assert.deepEqual(decodeResult(encodeResult({ id: 7, callMs: 0.125, heapBytes: 1024, text })), { id: 7, callMs: 0.125, heapBytes: 1024, text });
  const failure = '{"success":false,"error":{"code":"memory_limit","message":"m"}}';
  assert.deepEqual(decodeResult(encodeResult({ id: 8, callMs: 1, heapBytes: 2, failure, restart: true })), { id: 8, callMs: 1, heapBytes: 2, failure, restart: true });
  assert.deepEqual(decodeResult(encodeResult({ id: 9, callMs: 1, heapBytes: 2, failure })), { id: 9, callMs: 1, heapBytes: 2, failure, restart: false });
  assert.equal(decodeResult('1\n2\n3'), undefined);
  assert.equal(decodeResult('1\n2\n3\nx\n{}'), undefined);
  assert.deepEqual(splitHead('a\nb\nc\nd', 2), ['a', 'b', 'c\nd']);
});

test('the process side reads frames of every size from a real pipe, however the writes were cut', async () => {
  const { spawn } = await import('node:child_process');
  const reader = require.resolve('../../host/src/pyodide/frames');
  // A child reads frames on fd 3 with SyncFrameReader and answers each with its length and last character on fd 4.
  const script = `const f = require(${JSON.stringify(reader)}); const r = new f.SyncFrameReader(3);
for (let m = r.next(); m; m = r.next()) f.writeFrame(4, f.RESULT, m.kind + ':' + m.text.length + ':' + m.text.slice(-1));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'inherit', 'inherit', 'pipe', 'pipe'] });
  const answers: string[] = [];
  const sizes = [0, 1, 5, 65_531, 65_536, 200_000, 3, 1_000_000, 2];
  const done = new Promise<void>((resolve) => {
    const frames = new FrameReader(1 << 24, (_kind, text) => { answers.push(text); if (answers.length === sizes.length) resolve(); }, () => undefined);
    (child.stdio[4] as NodeJS.ReadableStream).on('data', (c: Buffer) => frames.push(c));
  });
  const out = child.stdio[3] as NodeJS.WritableStream;
  const all = Buffer.concat(sizes.map((n) => frame(CALL, 'x'.repeat(Math.max(0, n - 1)) + (n ? 'é' : ''))));
  // Written in uneven pieces, so the reader sees frames split across reads and several frames in one read.
  for (let at = 0, step = 7; at < all.length; at += step, step = step * 3 % 100_003) out.write(all.subarray(at, at + step));
  await done;
  child.kill();
  assert.deepEqual(answers, sizes.map((n) => `${CALL}:${n}:${n ? 'é' : ''}`));
});
