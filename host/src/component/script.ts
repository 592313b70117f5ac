// The transpiled component's glue (plugin.js: 0.3–1.4 MB of JS) as a classic script with a V8 code cache beside it.
// Node 20 keeps no code cache for ES modules, so every component worker parsed and compiled the whole glue again
// (40–120 ms for componentize-py's 1.4 MB); a vm.Script given the cache compiles it in ~2 ms. The cache is written
// by the worker at its first call (once per V8 version), so it also holds what instantiation and that call compiled.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script, constants } from 'node:vm';
import { threadId } from 'node:worker_threads';

/** The wrapped glue, written once per cache folder next to plugin.js. */
export const SCRIPT_FILE = 'plugin.script.js';

/** The code cache is only valid for the V8 that made it: one file per V8 version (CLI vs VS Code's Electron). */
export function codeCacheFile(dir: string): string {
  return join(dir, `plugin.script.${process.versions.v8}-${process.arch}.v8cache`);
}

/**
 * jco's `--instantiation async` output as a function expression of the module URL returning its exports, or
 * undefined when the source is not that shape (another jco version): the worker imports plugin.js then.
 * The glue only uses import.meta.url and import('node:fs/promises') when it is not given getCoreModule; we always
 * give it, and both still work (the URL is passed in; dynamic import goes to Node's loader).
 */
export function scriptSource(esm: string): string | undefined {
  const exports = [...esm.matchAll(/^export\s+(?:async\s+)?(function|const|let|class)\s+([A-Za-z_$][\w$]*)/gm)];
  const names = exports.map((m) => m[2]);
  if (!names.includes('instantiate')) return undefined;
  // Any other top-level import/export form (export {…}, export default, import … from) means a shape we do not know.
  const statements = esm.match(/^(?:import|export)\b.*$/gm) ?? [];
  if (statements.length !== exports.length) return undefined;
  let body = esm.replace(/^export\s+(?=(?:async\s+)?(?:function|const|let|class)\s)/gm, '');
  body = body.replace(/\bimport\.meta\.url\b/g, '__moduleUrl');
  if (/\bimport\.meta\b/.test(body)) return undefined;
  // One line of prefix so the glue's own line numbers shift by one at most (stack traces stay readable).
  return `(function (__moduleUrl) { 'use strict';\n${body}\nreturn { ${names.join(', ')} };\n})`;
}

/** Writes plugin.script.js into a cache folder unless it is there; its path, or undefined for an unknown shape. */
export function ensureScript(dir: string, jsFile: string): string | undefined {
  const file = join(dir, SCRIPT_FILE);
  if (existsSync(file)) return file;
  let source: string | undefined;
  try {
    source = scriptSource(readFileSync(jsFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (!source) return undefined;
  try {
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    writeFileSync(tmp, source);
    renameSync(tmp, file);
    return file;
  } catch {
    return undefined; // a read-only cache: the worker imports plugin.js as before
  }
}

export interface LoadedScript<T> {
  exports: T;
  /** V8 took the code cache (no parse or compile of the glue). */
  fromCache: boolean;
  /** Writes the code cache when there was none (or V8 rejected it); a no-op after that. */
  saveCache(): void;
}

/** Compiles and runs the wrapped glue (worker side), with the code cache when a valid one exists. */
export function runScript<T>(file: string, jsFile: string): LoadedScript<T> {
  const source = readFileSync(file, 'utf8');
  const cacheFile = codeCacheFile(join(file, '..'));
  let cachedData: Buffer | undefined;
  try {
    cachedData = unsealed(readFileSync(cacheFile));
  } catch {
    cachedData = undefined;
  }
  // vm.constants arrived in Node 20.12; older Electron Nodes get no loader (the glue's import() is never reached).
  const loader = (constants as typeof constants | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  const script = new Script(source, { filename: jsFile, cachedData, importModuleDynamically: loader });
  const factory = script.runInThisContext() as (url: string) => T;
  const exports = factory(pathToFileURL(jsFile).href);
  let needed = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports,
    fromCache: !needed,
    saveCache() {
      if (!needed) return;
      needed = false;
      try {
        const tmp = `${cacheFile}.tmp-${process.pid}-${threadId}`;
        writeFileSync(tmp, sealed(script.createCachedData()));
        renameSync(tmp, cacheFile);
      } catch {
        // read-only cache folder: the next worker compiles the glue again
      }
    },
  };
}

// Release builds of V8 check a code cache's version, flags, source and length but not its bytes, and a damaged cache
// can take the whole process down while it is deserialised: the file carries a digest of the cache, checked first
// (SHA-256: ~1 ms for componentize-py's 1 MB cache; zlib.crc32 is missing from older Electron Nodes).
const MAGIC = Buffer.from('MFV8');
const DIGEST = 16;

function digest(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest().subarray(0, DIGEST);
}

function sealed(data: Buffer): Buffer {
  return Buffer.concat([MAGIC, digest(data), data]);
}

/** The cache inside a sealed file, or undefined when the file is not one or its bytes changed. */
export function unsealed(file: Buffer): Buffer | undefined {
  const head = MAGIC.length + DIGEST;
  if (file.length <= head || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(head);
  return digest(data).equals(file.subarray(MAGIC.length, head)) ? data : undefined;
}
