// The core modules of a transpiled component, memory-bounded, stripped of the exports the glue never reads and
// compiled once per process (keyed by the cache folder, which is content-addressed, and the limit). Compiled modules
// are posted to each plugin's worker, so a reload or a restarted worker does not compile a 12 MB SpiderMonkey or
// CPython again.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { parseModule } from '../wasm/binary';
import { boundMemory } from '../wasm/limits';
import { gluedExports, pruneExports } from './exports';

// componentize-py's CPython uses extended constant expressions (i32.add in globals), behind a flag in Node 20's V8.
let flagged = false;
export function enableComponentFeatures(): void {
  if (flagged) return;
  setFlagsFromString('--experimental-wasm-extended-const');
  flagged = true;
}

const compiled = new Map<string, Promise<Record<string, WebAssembly.Module>>>();

/**
 * Bounds each defined memory like a core module's (imported memories are bounded where they are defined), after
 * dropping the exports the glue never reads when `keep` names the ones it does (exports.ts).
 */
export async function compileOne(bytes: Uint8Array, maxMemoryBytes: number, keep?: Set<string>): Promise<WebAssembly.Module> {
  if (keep) bytes = pruneExports(bytes, keep);
  const parsed = parseModule(bytes);
  const bounded = parsed.memories.length > 0 ? boundMemory(bytes, parsed, maxMemoryBytes).bytes : bytes;
  return WebAssembly.compile(bounded as Uint8Array<ArrayBuffer>);
}

export function compileCoreModules(dir: string, maxMemoryBytes: number): { modules: Promise<Record<string, WebAssembly.Module>>; fromCache: boolean } {
  enableComponentFeatures();
  const key = `${dir}|${maxMemoryBytes}`;
  const hit = compiled.get(key);
  if (hit) return { modules: hit, fromCache: true };
  const modules = (async () => {
    const out: Record<string, WebAssembly.Module> = {};
    const glued = gluedExports(await readFile(join(dir, 'plugin.js'), 'utf8'));
    for (const name of (await readdir(dir)).filter((f) => f.endsWith('.wasm'))) out[name] = await compileOne(await readFile(join(dir, name)), maxMemoryBytes, glued.get(name));
    return out;
  })();
  compiled.set(key, modules);
  modules.catch(() => compiled.delete(key));
  return { modules, fromCache: false };
}
