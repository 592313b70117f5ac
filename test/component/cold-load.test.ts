// What makes a component's cold load short, on real jco output and the real preview2-shim: the glue as a script
// with a V8 code cache, core-module exports the glue never reads left out, and a closed stdin (no I/O worker, no
// host fd 0). The timings themselves are in bench/component.bench.ts.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import wabt from 'wabt';
import { gluedExports, pruneExports } from '../../host/src/component/exports';
import { codeCacheFile, ensureScript, runScript, scriptSource, unsealed } from '../../host/src/component/script';
import { emptyStdin } from '../../host/src/component/stdin';
import { loadJco, loadShim } from '../../host/src/component/vendor';
import { prepareComponent } from '../../host/src/component/prepare';
import { productWitSource } from '../../host/src/component/wit-model';
import { readManifest } from '../../host/src/manifest/read';
import { loadPlugin } from '../../host/src/plugin';
import { FIXTURES, buildPyComponent, componentizePyAvailable, coreToComponent, writeTemp } from './build';

const temps: string[] = [];
after(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

async function watModule(wat: string): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('m.wat', wat);
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

/** The transpiled files of the WAT auth fixture, as `jco transpile --instantiation async` writes them. */
async function transpiledAuth(): Promise<string> {
  const component = await coreToComponent(readFileSync(path.join(FIXTURES, 'wat', 'auth.wat'), 'utf8'), productWitSource(), 'auth-plugin');
  const files = await (await loadJco()).transpile(component);
  const dir = writeTemp('mf-cold-', files);
  temps.push(dir);
  return dir;
}

describe('glue exports: only what the transpiled glue reads is kept', () => {
  const glue = (body: string) => `export function instantiate(getCoreModule, imports, instantiateCore = WebAssembly.instantiate) {
const module0 = getCoreModule('plugin.core.wasm');
const module1 = getCoreModule('plugin.core2.wasm');
let exports0;
let exports1;
function* runner() {
  ({ exports: exports0 } = yield instantiateCore(yield module0, {}));
  ({ exports: exports1 } = yield instantiateCore(yield module1, { env: { f: exports0.f, memory: exports0['memory'] } }));
  ${body}
}
}`;

  test('names read as exportsN.name or exportsN["name"] are kept, per module', () => {
    const used = gluedExports(glue('exports1["run-it"](); exports1.other;'));
    assert.deepEqual([...(used.get('plugin.core.wasm') ?? [])].sort(), ['f', 'memory']);
    assert.deepEqual([...(used.get('plugin.core2.wasm') ?? [])].sort(), ['other', 'run-it']);
  });

  test('a module whose exports object is used any other way keeps every export', () => {
    const used = gluedExports(glue('const all = exports1; all.x();'));
    assert.equal(used.has('plugin.core2.wasm'), false);
    assert.ok(used.has('plugin.core.wasm'));
  });

  test('an instantiation of another shape prunes nothing', () => {
    assert.equal(gluedExports(glue('const x = instantiateCore(module1, {});')).size, 0);
  });

  test('pruneExports drops the other exports and leaves the module valid', async () => {
    const bytes = await watModule(`(module (memory (export "memory") 1)
      (func (export "keep") (result i32) (i32.const 1)) (func (export "drop") (result i32) (i32.const 2))
      (global (export "g") i32 (i32.const 3)))`);
    const pruned = pruneExports(bytes, new Set(['memory', 'keep']));
    const mod = new WebAssembly.Module(pruned as Uint8Array<ArrayBuffer>);
    assert.deepEqual(WebAssembly.Module.exports(mod).map((e) => e.name), ['memory', 'keep']);
    const inst = new WebAssembly.Instance(mod, {});
    assert.equal((inst.exports.keep as () => number)(), 1);
    assert.equal(pruneExports(bytes, new Set(['memory', 'keep', 'drop', 'g'])), bytes, 'nothing to drop: the same bytes, not a copy');
  });

  test('on real jco output: the glue of the WAT auth component names every export it links', async () => {
    const dir = await transpiledAuth();
    const used = gluedExports(readFileSync(path.join(dir, 'plugin.js'), 'utf8'));
    const names = used.get('plugin.core.wasm');
    assert.ok(names, `no exports found for plugin.core.wasm in ${[...used.keys()].join(', ')}`);
    assert.ok(names.has('memory') && names.has('cabi_realloc'), [...names].join(', '));
    assert.ok([...names].some((n) => n.endsWith('#authenticate')), [...names].join(', '));
  });

  test('componentize-py: libpython and libc lose most exports, and the component still answers', { skip: componentizePyAvailable() ? false : 'componentize-py is not installed' }, async () => {
    const dir = buildPyComponent();
    const manifest = await readManifest(path.join(dir, 'plugin.yaml'));
    const prepared = await prepareComponent(path.resolve(dir, (manifest.wasm as { path: string }).path), manifest, dir);
    let before = 0;
    let kept = 0;
    for (const [file, mod] of Object.entries(prepared.plan.modules ?? {})) {
      before += WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(path.join(prepared.plan.cacheDir, file)))).length;
      kept += WebAssembly.Module.exports(mod).length;
    }
    assert.ok(kept < before * 0.7, `kept ${kept} of ${before} exports`);
    const plugin = await loadPlugin(dir, { isolation: 'worker' });
    try {
      const r = await plugin.call('authenticate', { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } }, { timeoutMs: 120_000 });
      assert.equal(r.envelope.success, true, JSON.stringify(r.envelope));
    } finally {
      await plugin.dispose();
    }
  });
});

describe('the glue as a script with a V8 code cache', () => {
  test('jco output wraps; other shapes fall back to importing the module', () => {
    assert.equal(scriptSource('export default 1;\n'), undefined);
    assert.equal(scriptSource('import x from "y";\nexport function instantiate() {}\n'), undefined);
    const wrapped = scriptSource('export function instantiate() { return import.meta.url; }\nexport const _util = {};\n');
    assert.ok(wrapped);
    const factory = (0, eval)(wrapped) as (url: string) => { instantiate(): string; _util: object };
    assert.equal(factory('file:///x/plugin.js').instantiate(), 'file:///x/plugin.js');
  });

  test('the first run writes the cache, the next one compiles from it', async () => {
    const dir = await transpiledAuth();
    const jsFile = path.join(dir, 'plugin.js');
    const file = ensureScript(dir, jsFile);
    assert.ok(file, 'the jco output has the expected shape');
    const first = runScript<{ instantiate: unknown }>(file, jsFile);
    assert.equal(typeof first.exports.instantiate, 'function');
    assert.equal(first.fromCache, false);
    first.saveCache();
    assert.ok(statSync(codeCacheFile(dir)).size > 0);
    const second = runScript<{ instantiate: unknown }>(file, jsFile);
    assert.equal(second.fromCache, true);
    assert.equal(typeof second.exports.instantiate, 'function');
    // A damaged cache (one byte changed, same length) never reaches V8: the glue compiles from source and the cache
    // is written again.
    const bytes = readFileSync(codeCacheFile(dir));
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(codeCacheFile(dir), bytes);
    assert.equal(unsealed(bytes), undefined);
    const third = runScript<{ instantiate: unknown }>(file, jsFile);
    assert.equal(third.fromCache, false);
    assert.equal(typeof third.exports.instantiate, 'function');
    third.saveCache();
    assert.equal(runScript(file, jsFile).fromCache, true);
  });
});

describe('stdin of a component', () => {
  test('is a closed InputStream of the shim: reads end at once, polling is ready', async () => {
    const shim = await loadShim();
    const wasi = new shim.WASIShim({ sandbox: { env: {}, args: [], enableNetwork: false } }).getImportObject();
    const stdin = emptyStdin(wasi).getStdin() as { read(n: bigint): unknown; blockingRead(n: bigint): unknown; subscribe(): { ready(): boolean } };
    const { InputStream } = wasi['wasi:io/streams'] as { InputStream: new () => object };
    assert.ok(stdin instanceof InputStream);
    assert.throws(() => stdin.read(16n), (e: unknown) => (e as { tag?: string }).tag === 'closed');
    assert.throws(() => stdin.blockingRead(16n), (e: unknown) => (e as { tag?: string }).tag === 'closed');
    assert.equal(stdin.subscribe().ready(), true);
  });
});
