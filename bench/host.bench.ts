// Embedded host: per-call latency and throughput of an AssemblyScript auth plugin in-process and isolated, the
// overhead over a raw wasm call, cold load (compile + instantiate + first call) for AS, C, Rust and Go, and the same
// plugin logic under @extism/extism 1.0.3 (its own ABI, same AS code) as the peer. Every module is built here by the
// real compilers, once per content hash (.cache/bench/, git-ignored).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import createPlugin from '@extism/extism';
import { loadPlugin } from '../host/src/plugin';
import type { LoadedPlugin } from '../host/src/plugin';
import { buildNative, cachedArtifact } from '../test/plugins/build';
import type { NativeLanguage } from '../test/plugins/build';
import { sample, sampleSync, skipped } from './harness';
import type { Benchmark, BenchResult, Percentiles } from './harness';

const REPO = join(__dirname, '..', '..');
// Built modules, by content hash (git-ignored): a second run compiles nothing.
const CACHE = join(REPO, '.cache', 'bench');
const REQUEST = { context: { method: 'GET', uri: '/bench', headers: { authorization: 'Bearer ok' } }, credentials: { type: 'bearer', token: 'Bearer ok' } };

const LOGIC = `export function authenticateJson(body: string): string {
  return body.includes('"token":"Bearer ok"')
    ? '{"success":true,"result":{"authenticated":true,"user_id":"bench"}}'
    : '{"success":false,"error":{"code":"unauthorized","message":"bad token"}}';
}
`;

const CORE = `import { authenticateJson } from './logic';
export function mockforge_alloc(size: i32): usize { return heap.alloc(<usize>size); }
export function mockforge_free(ptr: usize, size: i32): void { heap.free(ptr); }
export function authenticate(ptr: usize, len: i32): i64 {
  const reply = String.UTF8.encode(authenticateJson(String.UTF8.decodeUnsafe(ptr, <usize>len)));
  const out = heap.alloc(<usize>reply.byteLength);
  memory.copy(out, changetype<usize>(reply), <usize>reply.byteLength);
  return (<i64>out << 32) | <i64>reply.byteLength;
}
`;

// The same logic behind Extism's kernel ABI, the way its AS PDK moves bytes (8 at a time, then single bytes).
const EXTISM = `import { authenticateJson } from './logic';
@external("extism:host/env", "input_length") declare function input_length(): i64;
@external("extism:host/env", "input_load_u8") declare function input_load_u8(offs: i64): u8;
@external("extism:host/env", "input_load_u64") declare function input_load_u64(offs: i64): u64;
@external("extism:host/env", "alloc") declare function ext_alloc(len: i64): i64;
@external("extism:host/env", "store_u8") declare function store_u8(offs: i64, v: u8): void;
@external("extism:host/env", "store_u64") declare function store_u64(offs: i64, v: u64): void;
@external("extism:host/env", "output_set") declare function output_set(offs: i64, len: i64): void;
export function authenticate(): i32 {
  const n = <i32>input_length();
  const input = new ArrayBuffer(n);
  const p = changetype<usize>(input);
  let i = 0;
  for (; i + 8 <= n; i += 8) store<u64>(p + i, input_load_u64(i));
  for (; i < n; i++) store<u8>(p + i, input_load_u8(i));
  const reply = String.UTF8.encode(authenticateJson(String.UTF8.decode(input)));
  const m = reply.byteLength;
  const q = changetype<usize>(reply);
  const off = ext_alloc(m);
  let j = 0;
  for (; j + 8 <= m; j += 8) store_u64(off + j, load<u64>(q + j));
  for (; j < m; j++) store_u8(off + j, load<u8>(q + j));
  output_set(off, m);
  return 0;
}
`;

const C_SOURCE = `#include <stdlib.h>
#include <string.h>
#include <stdint.h>
__attribute__((export_name("mockforge_alloc"))) void *mf_alloc(int n) { return malloc(n); }
__attribute__((export_name("mockforge_free"))) void mf_free(void *p, int n) { (void)n; free(p); }
static const char OK[] = "{\\"success\\":true,\\"result\\":{\\"authenticated\\":true}}";
__attribute__((export_name("authenticate"))) uint64_t authenticate(char *p, int n) {
  (void)p; (void)n;
  char *out = malloc(sizeof OK - 1);
  memcpy(out, OK, sizeof OK - 1);
  return ((uint64_t)(uintptr_t)out << 32) | (sizeof OK - 1);
}
`;

const RUST_SOURCE = `use std::alloc::{alloc as raw_alloc, dealloc as raw_dealloc, Layout};
#[no_mangle]
pub extern "C" fn mockforge_alloc(size: i32) -> *mut u8 { unsafe { raw_alloc(Layout::from_size_align(size as usize, 1).unwrap()) } }
#[no_mangle]
pub extern "C" fn mockforge_free(p: *mut u8, size: i32) { unsafe { raw_dealloc(p, Layout::from_size_align(size as usize, 1).unwrap()) } }
#[no_mangle]
pub extern "C" fn authenticate(_p: *const u8, _n: i32) -> i64 {
    let b = b"{\\"success\\":true,\\"result\\":{\\"authenticated\\":true}}".to_vec().into_boxed_slice();
    let len = b.len();
    let ptr = Box::into_raw(b) as *mut u8 as usize;
    ((ptr as i64) << 32) | len as i64
}
`;

const GO_SOURCE = `package main

import "unsafe"

var live = map[uintptr][]byte{}

//go:wasmexport mockforge_alloc
func mockforgeAlloc(size int32) uint32 {
	buf := make([]byte, size)
	p := uintptr(unsafe.Pointer(&buf[0]))
	live[p] = buf
	return uint32(p)
}

//go:wasmexport mockforge_free
func mockforgeFree(ptr uint32, size int32) { delete(live, uintptr(ptr)) }

//go:wasmexport authenticate
func authenticate(ptr uint32, length int32) uint64 {
	out := []byte(\`{"success":true,"result":{"authenticated":true}}\`)
	p := uintptr(unsafe.Pointer(&out[0]))
	live[p] = out
	return uint64(p)<<32 | uint64(len(out))
}

func main() {}
`;

const ASC = join(REPO, 'node_modules', 'assemblyscript');
const ASC_FLAGS = ['-O3', '--use', 'abort='];

/** `entry` (core.ts or extism.ts, with logic.ts beside it) through asc, cached by asc's version, flags and sources. */
function asc(entry: string, source: string): string {
  const version = (JSON.parse(readFileSync(join(ASC, 'package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(version).update('\0').update(ASC_FLAGS.join(' ')).update('\0').update(LOGIC).update('\0').update(source);
  return cachedArtifact(CACHE, `as-${entry}-${hash.digest('hex').slice(0, 16)}`, (work) => {
    mkdirSync(join(work, 'assembly'));
    writeFileSync(join(work, 'assembly', 'logic.ts'), LOGIC);
    writeFileSync(join(work, 'assembly', `${entry}.ts`), source);
    execFileSync(process.execPath, [join(ASC, 'bin', 'asc.js'), `assembly/${entry}.ts`, '-o', `${entry}.wasm`, ...ASC_FLAGS], { cwd: work, stdio: 'pipe' });
    return `${entry}.wasm`;
  });
}

interface Modules {
  as: string;
  extism: string;
  c?: string;
  rust?: string;
  go?: string;
  skipped: Record<string, string>;
}

/** Every module of this benchmark, through the shared builder (test/plugins/build.ts) that test/host uses too. */
function buildAll(): Modules {
  const m: Modules = { as: asc('core', CORE), extism: asc('extism', EXTISM), skipped: {} };
  const native: [NativeLanguage, string, boolean][] = [['c', C_SOURCE, false], ['rust', RUST_SOURCE, false], ['go', GO_SOURCE, true]];
  for (const [lang, source, cShared] of native) {
    try {
      m[lang] = buildNative({ lang, source, cShared, strip: lang === 'c' }, CACHE);
    } catch (err) {
      m.skipped[lang] = (err as Error).message.split('\n')[0];
    }
  }
  return m;
}

const us = (p: Percentiles): Pick<BenchResult, 'p50' | 'p95' | 'p99'> => ({ p50: p.p50 * 1000, p95: p.p95 * 1000, p99: p.p99 * 1000 });

/** A raw call with no host around it: TextEncoder, alloc, call, read, TextDecoder, JSON — the floor. */
function rawCaller(file: string): () => unknown {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(file)), { env: {} });
  const x = instance.exports as Record<string, (...a: number[]) => number | bigint> & { memory: WebAssembly.Memory };
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  return () => {
    const bytes = enc.encode(JSON.stringify(REQUEST));
    const ptr = x.mockforge_alloc(bytes.length) as number;
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
    const packed = x.authenticate(ptr, bytes.length) as bigint;
    const out = Number(packed >> 32n);
    const len = Number(packed & 0xffffffffn);
    const reply = JSON.parse(dec.decode(new Uint8Array(x.memory.buffer, out, len)));
    x.mockforge_free(out, len);
    x.mockforge_free(ptr, bytes.length);
    return reply;
  };
}

/** Compile + instantiate + first call of a module the compile cache has never seen (a unique custom section). */
async function coldLoad(file: string, dir: string, rounds: number): Promise<Percentiles> {
  const base = readFileSync(file);
  let n = 0;
  return sample(async () => {
    const name = `bench-${process.pid}-${n++}`;
    const section = Buffer.concat([Buffer.from([0, name.length + 1, name.length]), Buffer.from(name)]);
    const unique = join(dir, `cold-${n}.wasm`);
    writeFileSync(unique, Buffer.concat([base, section]));
    const plugin = await loadPlugin(unique, { isolation: 'in-process' });
    const { envelope } = await plugin.call('authenticate', REQUEST);
    await plugin.dispose();
    if (!envelope.success) throw new Error(`cold load call failed: ${JSON.stringify(envelope)}`);
  }, rounds, 1);
}

export const benchmarks: Benchmark[] = [{
  group: 'host',
  async run({ quick }): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'mf-host-bench-'));
    const results: BenchResult[] = [];
    try {
      const m = buildAll();
      const calls = quick ? 5_000 : 50_000;
      const extism = await createPlugin({ wasm: [{ data: readFileSync(m.extism) }] }, { useWasi: false });
      const input = JSON.stringify(REQUEST);
      // @extism/extism 1.0.3 runs out of memory blocks after 16,383 calls on one plugin ("cannot assign to this
      // block"), so its sample stays at 10,000 calls (warm-up included).
      const ext = await sample(async () => {
        const out = await extism.call('authenticate', input);
        return JSON.parse(out?.text() ?? 'null');
      }, Math.min(calls, 9_000), 1_000);
      await extism.close();
      const extismP50 = ext.p50 * 1000;

      const inProc: LoadedPlugin = await loadPlugin(m.as, { isolation: 'in-process' });
      const check = await inProc.call('authenticate', REQUEST);
      if (!check.envelope.success) throw new Error(`AS auth plugin failed: ${JSON.stringify(check.envelope)}`);
      const host = await sample(() => inProc.call('authenticate', REQUEST), calls);
      const raw = sampleSync(rawCaller(m.as), calls);
      let t0 = performance.now();
      for (let i = 0; i < calls; i++) await inProc.call('authenticate', REQUEST);
      const inProcRate = calls / ((performance.now() - t0) / 1000);
      await inProc.dispose();

      const isolated = await loadPlugin(m.as, { isolation: 'worker' });
      await isolated.call('authenticate', REQUEST);
      const isoCalls = quick ? 1_000 : 10_000;
      const iso = await sample(() => isolated.call('authenticate', REQUEST), isoCalls);
      t0 = performance.now();
      for (let i = 0; i < isoCalls; i++) await isolated.call('authenticate', REQUEST);
      const isoRate = isoCalls / ((performance.now() - t0) / 1000);
      await isolated.dispose();

      const hostP50 = host.p50 * 1000;
      results.push(
        { name: 'host: AS auth call, in-process (µs)', unit: 'µs', ...us(host), peer: '@extism/extism 1.0.3 (same AS logic)', peer_value: extismP50,
          ratio: hostP50 / extismP50, target: 'p50 ≤ 0.5× Extism', met: hostP50 <= 0.5 * extismP50 },
        { name: 'host: in-process overhead over a raw wasm call (p50)', unit: 'µs', value: hostP50 - raw.p50 * 1000,
          target: '≤ 5 µs', met: hostP50 - raw.p50 * 1000 <= 5 },
        { name: 'host: raw wasm call floor (encode, call, decode, JSON.parse)', unit: 'µs', ...us(raw) },
        { name: 'host: AS auth in-process throughput, sequential', unit: 'calls/s', value: inProcRate },
        { name: 'host: AS auth call, isolated worker (µs)', unit: 'µs', ...us(iso), peer: 'host in-process p50', peer_value: hostP50,
          ratio: (iso.p50 * 1000) / hostP50, target: 'p50 ≤ 3× in-process', met: iso.p50 * 1000 <= 3 * hostP50 },
        { name: 'host: AS auth isolated throughput, sequential', unit: 'calls/s', value: isoRate },
        { name: 'extism: same logic, in-process call (µs)', unit: 'µs', ...us(ext) },
      );

      const rounds = quick ? 5 : 20;
      // The peer for the AS cold load: Extism creating a plugin from the same logic (a unique module each round, like
      // ours, so neither side hits a compile cache) and making its first call.
      const extBytes = readFileSync(m.extism);
      let e = 0;
      const extCold = await sample(async () => {
        const name = `bench-ext-${process.pid}-${e++}`;
        const data = Buffer.concat([extBytes, Buffer.from([0, name.length + 1, name.length]), Buffer.from(name)]);
        const p = await createPlugin({ wasm: [{ data }] }, { useWasi: false });
        await p.call('authenticate', input);
        await p.close();
      }, rounds, 1);
      results.push({ name: 'extism: cold load, same AS logic (createPlugin + first call)', unit: 'ms', p50: extCold.p50, p95: extCold.p95, p99: extCold.p99 });
      for (const [lang, file] of [['AS', m.as], ['C', m.c], ['Rust', m.rust], ['Go', m.go]] as const) {
        const name = `host: cold load ${lang} (compile + instantiate + first call)`;
        if (!file) {
          results.push(skipped(name, m.skipped[lang.toLowerCase()] ?? 'not built', lang === 'AS' ? '≤ 10 ms' : undefined));
          continue;
        }
        const cold = await coldLoad(file, dir, rounds);
        const size = readFileSync(file).length;
        results.push({ name: `${name}, ${(size / 1024).toFixed(0)} KiB`, unit: 'ms', p50: cold.p50, p95: cold.p95, p99: cold.p99,
          ...(lang === 'AS' ? { target: 'p50 ≤ 10 ms', met: cold.p50 <= 10, peer: '@extism/extism 1.0.3 cold (same AS logic)', peer_value: extCold.p50, ratio: cold.p50 / extCold.p50 } : {}) });
        if (lang !== 'AS') {
          // Warm per-call cost through the host for this language's module (it replies a constant, so the time is
          // the host's marshalling plus the language's allocator), beside Extism's call on the AS logic.
          const warm = await loadPlugin(file, { isolation: 'in-process' });
          const w = await sample(() => warm.call('authenticate', REQUEST), quick ? 1_000 : 10_000);
          await warm.dispose();
          results.push({ name: `host: ${lang} call, in-process (constant reply)`, unit: 'µs', ...us(w), peer: '@extism/extism 1.0.3 (AS logic)',
            peer_value: extismP50, ratio: (w.p50 * 1000) / extismP50 });
        }
      }
      return results;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
}];
