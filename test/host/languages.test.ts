// Detection and running of modules built here by real compilers (clang, Debian rustc, Go) — the inspect report's
// language, allocator, ABI form and problems, and the Go adapter (_initialize through WASI, stdout captured).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectBytes } from '../../host/src/wasm/inspect';
import { loadPlugin } from '../../host/src/plugin';
import { assembleWat, cleanTemps, tempDir } from './helpers';
import { buildNative, nativeToolchainMissing } from '../plugins/build';
import { readFileSync } from 'node:fs';

after(cleanTemps);

// Built with the real compilers by the shared builder (cached by compiler version, flags and source).
const CLANG = nativeToolchainMissing('c');
const RUSTC = nativeToolchainMissing('rust');
const GO = nativeToolchainMissing('go');

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
pub extern "C" fn alloc(size: i32) -> *mut u8 { unsafe { raw_alloc(Layout::from_size_align(size as usize, 1).unwrap()) } }
#[no_mangle]
pub extern "C" fn dealloc(p: *mut u8, size: i32) { unsafe { raw_dealloc(p, Layout::from_size_align(size as usize, 1).unwrap()) } }
#[no_mangle]
pub extern "C" fn authenticate(_p: *const u8, _n: i32) -> i64 {
    let b = b"{\\"success\\":true,\\"result\\":{\\"authenticated\\":true}}".to_vec().into_boxed_slice();
    let len = b.len();
    let ptr = Box::into_raw(b) as *mut u8 as usize;
    ((ptr as i64) << 32) | len as i64
}
`;

const GO_REACTOR = `package main

import (
	"fmt"
	"os"
	"strings"
	"unsafe"
)

// Buffers handed to the host stay referenced here until it frees them.
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
	body := string(unsafe.Slice((*byte)(unsafe.Pointer(uintptr(ptr))), length))
	fmt.Println("go saw", len(body), "bytes")
	fmt.Fprintln(os.Stderr, "to stderr")
	reply := \`{"success":false,"error":{"code":"unauthorized","message":"bad token"}}\`
	if strings.Contains(body, "Bearer go") {
		reply = \`{"success":true,"result":{"authenticated":true,"user_id":"gopher"}}\`
	}
	out := []byte(reply)
	p := uintptr(unsafe.Pointer(&out[0]))
	live[p] = out
	return uint64(p)<<32 | uint64(len(out))
}

func main() {}
`;

const GO_COMMAND = `package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

func main() {
	body, _ := io.ReadAll(os.Stdin)
	var req map[string]any
	if err := json.Unmarshal(body, &req); err != nil {
		fmt.Fprintln(os.Stderr, "bad request:", err)
		os.Exit(2)
	}
	out, _ := json.Marshal(map[string]any{"success": true, "result": map[string]any{"operation": os.Getenv("MOCKFORGE_OPERATION"), "keys": len(req), "env": os.Environ(), "args": os.Args}})
	os.Stdout.Write(out)
}
`;

function goBuild(source: string, cShared: boolean): string {
  return buildNative({ lang: 'go', source, cShared });
}

describe('modules from real compilers', () => {
  test('C (clang wasm32-wasi reactor): language c, mockforge_alloc/free, _initialize, runs', { skip: CLANG }, async () => {
    for (const strip of [false, true]) {
      const out = buildNative({ lang: 'c', source: C_SOURCE, strip });
      const r = inspectBytes(readFileSync(out));
      assert.equal(r.language, 'c', `${out}: ${r.evidence.join('; ')}`);
      assert.deepEqual(r.allocator, { kind: 'mockforge_alloc', alloc: 'mockforge_alloc', free: 'mockforge_free' });
      assert.equal(r.initialize, true);
      const plugin = await loadPlugin(out, { isolation: 'in-process' });
      try {
        assert.deepEqual((await plugin.call('authenticate', {})).envelope, { success: true, result: { authenticated: true } });
      } finally {
        await plugin.dispose();
      }
    }
  });

  test('Rust (rustc wasm32-wasi cdylib): language rust, alloc/dealloc, runs', { skip: RUSTC }, async () => {
    const out = buildNative({ lang: 'rust', source: RUST_SOURCE });
    const r = inspectBytes(readFileSync(out));
    assert.equal(r.language, 'rust');
    assert.deepEqual(r.allocator, { kind: 'alloc', alloc: 'alloc', free: 'dealloc' });
    const plugin = await loadPlugin(out, { isolation: 'in-process' });
    try {
      assert.deepEqual((await plugin.call('authenticate', {})).envelope, { success: true, result: { authenticated: true } });
    } finally {
      await plugin.dispose();
    }
  });

  test('Go c-shared reactor: language go, _initialize run through WASI, stdout/stderr captured', { skip: GO }, async () => {
    const out = goBuild(GO_REACTOR, true);
    const r = inspectBytes(readFileSync(out));
    assert.equal(r.language, 'go');
    assert.deepEqual(r.evidence, ['custom section go:buildid']);
    assert.equal(r.initialize, true);
    assert.deepEqual(r.problems, []);
    for (const isolation of ['in-process', 'worker'] as const) {
      const plugin = await loadPlugin(out, { isolation });
      try {
        const ok = await plugin.call('authenticate', { credentials: { token: 'Bearer go' } });
        assert.deepEqual(ok.envelope, { success: true, result: { authenticated: true, user_id: 'gopher' } });
        assert.deepEqual(ok.logs.map((l) => `${l.source}: ${l.message}`), ['stdout: go saw 37 bytes', 'stderr: to stderr']);
        const no = await plugin.call('authenticate', { credentials: { token: 'nope' } });
        assert.equal(!no.envelope.success && no.envelope.error.code, 'unauthorized');
      } finally {
        await plugin.dispose();
      }
    }
  });

  test('standard Go without c-shared: the "wasmexport before runtime init" problem, refused at load', { skip: GO }, async () => {
    const out = goBuild(GO_REACTOR, false);
    const r = inspectBytes(readFileSync(out));
    assert.equal(r.language, 'go');
    const problem = r.problems.find((p) => p.message.startsWith('standard Go wasmexport before runtime init'));
    assert.ok(problem, JSON.stringify(r.problems));
    assert.match(problem.hint ?? '', /export _initialize \/ build with -buildmode=c-shared/);
    await assert.rejects(loadPlugin(out, { isolation: 'in-process' }), /standard Go wasmexport before runtime init/);
  });

  test('Go command-mode program: request on stdin; argv, env only from the manifest plus MOCKFORGE_*', { skip: GO }, async () => {
    const out = goBuild(GO_COMMAND, false);
    const r = inspectBytes(readFileSync(out));
    assert.equal(r.abi, 'command');
    const dir = tempDir('mf-gocmd-');
    writeFileSync(join(dir, 'plugin.yaml'), [
      'plugin: {id: go-cmd, version: 0.1.0, name: go cmd, types: [datasource]}',
      `wasm: {path: ${JSON.stringify(out)}}`,
      'environment:',
      '  - {name: GREETING, default: hello}',
      '  - {name: MF_TEST_FROM_HOST}',
      '  - {name: MF_TEST_UNSET}',
      'configuration: {schema: {properties: {region: {type: string, default: eu}}}}',
    ].join('\n') + '\n');
    process.env.MF_TEST_FROM_HOST = 'from-host';
    const plugin = await loadPlugin(dir, { isolation: 'in-process' });
    try {
      const res = await plugin.call('query', { query: 'q', context: {} });
      assert.deepEqual(res.envelope, { success: true, result: {
        operation: 'query', keys: 2, args: ['plugin', 'query'],
        env: ['GREETING=hello', 'MF_TEST_FROM_HOST=from-host', 'MOCKFORGE_OPERATION=query', 'MOCKFORGE_CONFIG={"region":"eu"}'],
      } });
    } finally {
      delete process.env.MF_TEST_FROM_HOST;
      await plugin.dispose();
    }
  });
});

describe('detection from module shape', () => {
  test('a component binary is reported as a component with a hint', () => {
    const r = inspectBytes(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]));
    assert.equal(r.binary, 'component');
    assert.match(r.problems[0].message, /WebAssembly component, not a core module/);
  });

  test('TinyGo runtime exports (resume, getsp) mean tinygo, as in MockForge\'s adapter', async () => {
    const bytes = await assembleWat(`(module (memory (export "memory") 1)
      (func (export "resume")) (func (export "getsp") (result i32) (i32.const 0))
      (func (export "malloc") (param i32) (result i32) (i32.const 16)) (func (export "free") (param i32))
      (func (export "authenticate") (param i32 i32) (result i64) (i64.const 0)))`);
    const r = inspectBytes(bytes);
    assert.equal(r.language, 'tinygo');
    assert.deepEqual(r.allocator, { kind: 'malloc', alloc: 'malloc', free: 'free' });
  });

  test('WASI sockets and unknown mockforge imports are problems with hints', async () => {
    const bytes = await assembleWat(`(module
      (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32 i32) (result i32)))
      (import "mockforge" "store_data" (func (param i32 i32)))
      (memory (export "memory") 1))`);
    const r = inspectBytes(bytes);
    assert.deepEqual(r.problems.map((p) => p.message).slice(0, 2), [
      'imports wasi_snapshot_preview1.sock_accept which MockForge does not provide',
      'imports mockforge.store_data, which the host does not provide',
    ]);
    assert.match(r.problems[0].hint ?? '', /http_fetch/);
  });
});
