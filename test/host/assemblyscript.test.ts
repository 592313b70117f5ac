// A real AssemblyScript plugin built with asc by the test: the __new/__pin adapter, abort messages decoded from
// UTF-16, and traps mapped through the source map to assembly/index.ts:line:column.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlugin } from '../../host/src/plugin';
import type { Envelope } from '../../host/src/contract/envelope';
import { REPO, cleanTemps, tempDir } from './helpers';

const SOURCE = `// Auth plugin for the host tests (no mockforge_alloc: the host must use __new + __pin).
function checkSignature(token: string): bool {
  if (token.length == 0) unreachable();
  return token == "Bearer ok";
}

export function authenticate(ptr: usize, len: i32): i64 {
  const body = String.UTF8.decodeUnsafe(ptr, <usize>len);
  if (body.includes("crash")) checkSignature("");
  if (body.includes("throw")) throw new Error("token expired");
  const reply = checkSignature(body.includes("Bearer ok") ? "Bearer ok" : "x")
    ? '{"success":true,"result":{"authenticated":true}}'
    : '{"success":false,"error":{"code":"unauthorized","message":"bad token"}}';
  const buf = String.UTF8.encode(reply);
  const out = heap.alloc(<usize>buf.byteLength);
  memory.copy(out, changetype<usize>(buf), <usize>buf.byteLength);
  return (<i64>out << 32) | <i64>buf.byteLength;
}
`;

let dir: string;

function asc(out: string, ...flags: string[]): string {
  const file = join(dir, 'build', out);
  execFileSync(process.execPath, [join(REPO, 'node_modules', 'assemblyscript', 'bin', 'asc.js'), 'assembly/index.ts', '-o', file, '--exportRuntime', ...flags], { cwd: dir, stdio: 'pipe' });
  return file;
}

function errorOf(e: Envelope) {
  assert.equal(e.success, false, JSON.stringify(e));
  return (e as Extract<Envelope, { success: false }>).error;
}

describe('AssemblyScript plugin built with asc', () => {
  let debugWasm: string;
  let releaseWasm: string;

  before(() => {
    dir = tempDir('mf-as-');
    mkdirSync(join(dir, 'assembly'));
    mkdirSync(join(dir, 'build'));
    writeFileSync(join(dir, 'assembly', 'index.ts'), SOURCE);
    debugWasm = asc('debug.wasm', '--debug', '--sourceMap');
    releaseWasm = asc('release.wasm', '-O3', '--sourceMap');
  });
  after(cleanTemps);

  test('inspect: assemblyscript, __new + __pin allocator, source map', async () => {
    const plugin = await loadPlugin(releaseWasm, { isolation: 'in-process' });
    try {
      const r = plugin.info.report;
      assert.equal(r.language, 'assemblyscript');
      assert.deepEqual(r.allocator, { kind: 'assemblyscript', alloc: '__new', free: '__unpin' });
      assert.equal(r.sourceMappingURL, './release.wasm.map');
    } finally {
      await plugin.dispose();
    }
  });

  test('many calls through __new/__pin/__unpin keep working (the GC sees the pins)', async () => {
    const plugin = await loadPlugin(releaseWasm, { isolation: 'in-process' });
    try {
      for (let i = 0; i < 2000; i++) {
        const token = i % 2 === 0 ? 'Bearer ok' : 'nope';
        const { envelope } = await plugin.call('authenticate', { credentials: { token }, padding: 'x'.repeat(i % 300) });
        if (i % 2 === 0) assert.deepEqual(envelope, { success: true, result: { authenticated: true } });
        else assert.equal(errorOf(envelope).code, 'unauthorized');
      }
    } finally {
      await plugin.dispose();
    }
  });

  test('abort: the UTF-16 message and location, then the next call succeeds', async () => {
    const plugin = await loadPlugin(releaseWasm, { isolation: 'worker' });
    try {
      const err = errorOf((await plugin.call('authenticate', { throw: true })).envelope);
      assert.equal(err.code, 'trap');
      assert.match(err.message, /abort: token expired at assembly\/index\.ts:10:31/);
      assert.deepEqual((await plugin.call('authenticate', { t: 'Bearer ok' })).envelope, { success: true, result: { authenticated: true } });
    } finally {
      await plugin.dispose();
    }
  });

  test('a trap is mapped to assembly/index.ts:line:column with function names (debug build)', async () => {
    const plugin = await loadPlugin(debugWasm, { isolation: 'in-process' });
    try {
      const err = errorOf((await plugin.call('authenticate', { crash: true })).envelope);
      assert.equal(err.code, 'trap');
      assert.match(err.message, /trap: unreachable\n {2}at assembly\/index\/checkSignature \(0x[0-9a-f]+\) assembly\/index\.ts:3:26\n {2}at assembly\/index\/authenticate \(0x[0-9a-f]+\) assembly\/index\.ts:9:\d+/);
      const stack = err.details?.stack as Array<{ source?: string }>;
      assert.equal(stack[0].source, 'assembly/index.ts:3:26');
    } finally {
      await plugin.dispose();
    }
  });
});
