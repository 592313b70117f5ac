// Where a plugin's core module is and the folder it was built in (asc writes source-map sources relative to it).
// Shared by the runner (to make the map reachable) and the debug adapter (to map breakpoints through it).
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readManifest } from '../manifest/read';
import { readSourceMappingUrl } from './sourceMapUrl';

export interface ModuleLocation {
  wasmFile: string;
  moduleDir: string;
  /** The plugin root: the manifest's folder (or the module's, for a bare .wasm). */
  root: string;
}

/** For a plugin folder, plugin.yaml or .wasm path; undefined when there is no wasm module to find (no manifest, no `wasm.path`). */
export async function moduleLocation(target: string): Promise<ModuleLocation | undefined> {
  const abs = path.resolve(target);
  if (!existsSync(abs)) return undefined;
  if (abs.endsWith('.wasm')) return { wasmFile: abs, moduleDir: path.dirname(abs), root: path.dirname(abs) };
  const manifest = statSync(abs).isDirectory() ? ['plugin.yaml', 'plugin.yml'].map((n) => path.join(abs, n)).find(existsSync) : abs;
  if (!manifest) return undefined;
  try {
    const m = await readManifest(manifest);
    if ((m.plugin?.runtime ?? 'wasm') !== 'wasm') return undefined;
    const rel = m.wasm?.path;
    const root = path.dirname(manifest);
    if (!rel) return undefined;
    const wasmFile = path.resolve(root, rel);
    return { wasmFile, moduleDir: path.dirname(wasmFile), root };
  } catch {
    return undefined; // loadPlugin reports the manifest's problem
  }
}

/** The source map file a module names (sourceMappingURL, relative to the module), when the module names one and it exists. */
export function sourceMapFile(wasmFile: string, bytes: Uint8Array = readFileSync(wasmFile)): string | undefined {
  const url = readSourceMappingUrl(bytes);
  if (!url) return undefined;
  const file = url.startsWith('file:') ? fileURLToPath(url) : /^[a-z][a-z0-9+.-]*:/i.test(url) ? undefined : path.resolve(path.dirname(wasmFile), url);
  return file && existsSync(file) ? file : undefined;
}
