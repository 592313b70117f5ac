// Cross-file checks against real files: a module assembled with wabt, source trees for the toolchain check.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wabt from 'wabt';
import { CODES } from '../../server/src/manifest/diagnostic';
import { applyEdits, diagnose, show } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function wasm(wat: string): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('m.wat', wat);
  try {
    mod.validate();
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

function pluginDir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mf-manifest-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const manifest = (types: string, extra = '') =>
  `plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [${types}]\nwasm:\n  path: build/plugin.wasm\n  build:\n    toolchain: asc\n${extra}`;

const AUTH_WITH_FETCH = `(module
  (import "mockforge" "http_fetch" (func $fetch (param i32 i32) (result i64)))
  (memory (export "memory") 1)
  (func (export "mockforge_alloc") (param i32) (result i32) (i32.const 0))
  (func (export "authenticate") (param i32 i32) (result i64) (i64.const 0)))`;

test('not built yet: information on wasm.path with the build command', () => {
  const dir = pluginDir({ 'assembly/index.ts': 'export {}' });
  const d = diagnose(manifest('auth'), { dir });
  assert.deepEqual(d.map((x) => x.code), [CODES.notBuilt], show(d));
  assert.equal(d[0].severity, 3);
  assert.match(d[0].message, /`build\/plugin\.wasm` is not built yet — run the build task/);
  assert.deepEqual(d[0].range, { start: { line: 6, character: 8 }, end: { line: 6, character: 25 } });
  assert.equal(d[0].data?.command?.command, 'mockforge.buildPlugin');
});

test('built module: each declared kind must have its exports; imports need their capabilities', async () => {
  const dir = pluginDir({ 'assembly/index.ts': 'export {}', 'build/plugin.wasm': await wasm(AUTH_WITH_FETCH) });
  const text = manifest('auth, template');
  const d = diagnose(text, { dir });
  assert.deepEqual(d.map((x) => x.code).sort(), [CODES.missingCapability, CODES.missingExport].sort(), show(d));
  const missing = d.find((x) => x.code === CODES.missingExport)!;
  assert.match(missing.message, /`template` needs the exports `list_functions`, `execute_function`, which build\/plugin\.wasm does not export/);
  assert.deepEqual(missing.range, { start: { line: 4, character: 16 }, end: { line: 4, character: 24 } }, 'on the types item');
  const cap = d.find((x) => x.code === CODES.missingCapability)!;
  const withCap = applyEdits(text, cap.data!.fixes![0].edits);
  assert.match(withCap, /\ncapabilities:\n {2}network:\n {4}allow_outbound: true\n$/);
  assert.deepEqual(diagnose(withCap.replace('auth, template', 'auth'), { dir }).map((x) => x.code), []);
});

test('the module is re-inspected when it is rebuilt', async () => {
  const dir = pluginDir({ 'assembly/index.ts': 'export {}', 'build/plugin.wasm': await wasm('(module (memory (export "memory") 1))') });
  const text = manifest('auth');
  assert.deepEqual(diagnose(text, { dir }).map((x) => x.code), [CODES.missingExport]);
  writeFileSync(join(dir, 'build/plugin.wasm'), await wasm('(module (memory (export "memory") 1) (func (export "authenticate") (param i32 i32) (result i64) (i64.const 0)))'));
  utimesSync(join(dir, 'build/plugin.wasm'), new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(diagnose(text, { dir }).map((x) => x.code), []);
});

test('a command-mode module (_start only) serves every kind; a broken file is reported', async () => {
  const dir = pluginDir({ 'assembly/index.ts': '', 'build/plugin.wasm': await wasm('(module (memory (export "memory") 1) (func (export "_start")))') });
  assert.deepEqual(diagnose(manifest('auth, datasource'), { dir }).map((x) => x.code), []);
  const bad = pluginDir({ 'assembly/index.ts': '', 'build/plugin.wasm': 'not wasm' });
  assert.match(diagnose(manifest('auth'), { dir: bad })[0].message, /not a valid WebAssembly module/);
});

test('toolchain against the sources found; missing build source and pyodide entry', () => {
  const goOnly = pluginDir({ 'main.go': 'package main' });
  const d = diagnose(manifest('auth'), { dir: goOnly }).filter((x) => x.code === CODES.toolchainSource);
  assert.equal(d.length, 1);
  assert.match(d[0].message, /no \.ts source files found next to plugin\.yaml for `asc`/);
  const src = pluginDir({ 'main.go': '' });
  const wrong = diagnose(manifest('auth', '    source: main.go\n'), { dir: src }).filter((x) => x.code === CODES.toolchainSource);
  assert.match(wrong[0].message, /`asc` builds \.ts files — `main\.go` does not look like one/);
  const missing = diagnose(manifest('auth', '    source: assembly/index.ts\n'), { dir: src }).filter((x) => x.code === CODES.missingFile);
  assert.match(missing[0].message, /the build source `assembly\/index\.ts` does not exist/);
  const py = diagnose('plugin:\n  id: p\n  version: "1.0.0"\n  name: P\n  types: [auth]\n  runtime: pyodide\npyodide:\n  entry: plugin.py\n', { dir: src });
  assert.deepEqual(py.map((x) => [x.code, x.severity]), [[CODES.missingFile, 1]]);
});
