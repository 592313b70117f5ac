// host/src/debug/sourceMapUrl.ts: the runner's rewrite of a module's sourceMappingURL (so a debugger can load the map
// of a module compiled from bytes) keeps the module valid and points at a map whose sources resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { debuggableModule, readSourceMappingUrl, withSourceMappingUrl } from '../../host/src/debug/sourceMapUrl';
import { buildTemplate } from '../plugins/build';

test('the rewritten module still compiles, has exactly one sourceMappingURL, and keeps every other section', async () => {
  const built = buildTemplate('assemblyscript', 'auth');
  const bytes = readFileSync(built.wasm);
  assert.equal(readSourceMappingUrl(bytes), './plugin.wasm.map');
  const out = withSourceMappingUrl(bytes, 'file:///x/y.map');
  assert.equal(readSourceMappingUrl(out), 'file:///x/y.map');
  const mod = await WebAssembly.compile(out as Uint8Array<ArrayBuffer>);
  assert.equal(WebAssembly.Module.customSections(mod, 'sourceMappingURL').length, 1);
  const before = await WebAssembly.compile(bytes);
  assert.deepEqual(WebAssembly.Module.exports(mod), WebAssembly.Module.exports(before));
  assert.deepEqual(WebAssembly.Module.imports(mod), WebAssembly.Module.imports(before));
  assert.equal(readSourceMappingUrl(new Uint8Array([1, 2, 3])), undefined);
});

test('debuggableModule: absolute map URL, sourceRoot where the sources really are; untouched without a map', () => {
  const built = buildTemplate('assemblyscript', 'auth');
  const cache = mkdtempSync(path.join(os.tmpdir(), 'mf-debug-maps-'));
  try {
    const bytes = readFileSync(built.wasm);
    const r = debuggableModule(bytes, path.dirname(built.wasm), built.dir, cache);
    assert.ok(r.mapFile && r.mapFile.startsWith(cache));
    const url = readSourceMappingUrl(r.bytes)!;
    assert.equal(fileURLToPath(url), r.mapFile);
    const map = JSON.parse(readFileSync(r.mapFile, 'utf8')) as { sourceRoot: string; sources: string[] };
    assert.equal(fileURLToPath(new URL('assembly/index.ts', map.sourceRoot)), path.join(built.dir, 'assembly', 'index.ts'));
    assert.ok(map.sources.includes('assembly/index.ts'));

    const bare = withSourceMappingUrl(bytes, 'https://example.com/m.map');
    assert.equal(debuggableModule(bare, path.dirname(built.wasm), built.dir, cache).bytes, bare, 'an absolute URL is left alone');
    const dir = path.join(cache, 'nomap');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'm.wasm'), bytes);
    assert.equal(debuggableModule(bytes, dir, dir, cache).bytes, bytes, 'a missing map file leaves the module as it is');
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
