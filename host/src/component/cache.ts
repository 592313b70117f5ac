// jco transpile output cached on disk by the component's content hash (transpiling a 12 MB ComponentizeJS component
// takes seconds; loading the cached JS and core modules does not). The directory can be cleared at any time.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** MOCKFORGE_CACHE_DIR, else $XDG_CACHE_HOME/mockforge-plugin, else ~/.cache/mockforge-plugin; components/ below it. */
export function componentCacheDir(): string {
  const base = process.env.MOCKFORGE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mockforge-plugin');
  return join(base, 'components');
}

/** Removes every cached transpilation (they are rebuilt on the next load). */
export function clearComponentCache(): void {
  rmSync(componentCacheDir(), { recursive: true, force: true });
}

export interface CachedTranspile {
  dir: string;
  /** The module that exports instantiate(getCoreModule, imports, instantiateCore). */
  jsFile: string;
  /** The generated declarations (interfaces/*.d.ts), used to check the component's types. */
  declarations: Record<string, string>;
  /** The component's world as jco componentWit printed it (kept so a cached load needs no jco at all). */
  worldWit: string;
}

const MARKER = 'complete.json';

export function readCached(key: string): CachedTranspile | undefined {
  const dir = join(componentCacheDir(), key);
  if (!existsSync(join(dir, MARKER))) return undefined;
  try {
    const meta = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as { declarations: string[] };
    const declarations: Record<string, string> = {};
    for (const f of meta.declarations) declarations[f] = readFileSync(join(dir, f), 'utf8');
    return { dir, jsFile: join(dir, 'plugin.js'), declarations, worldWit: readFileSync(join(dir, 'world.wit'), 'utf8') };
  } catch {
    return undefined;
  }
}

/** Writes the files into a private folder, then renames it into place (another process may race us: theirs wins). */
export function writeCached(key: string, files: Record<string, Uint8Array>): CachedTranspile {
  const dir = join(componentCacheDir(), key);
  const work = `${dir}.tmp-${process.pid}-${Date.now()}`;
  const declarations = Object.keys(files).filter((f) => f.endsWith('.d.ts'));
  for (const [name, bytes] of Object.entries(files)) {
    const file = join(work, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  // The generated module is ESM: mark the folder so Node loads plugin.js as a module.
  writeFileSync(join(work, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(work, MARKER), JSON.stringify({ declarations }));
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true });
  }
  const cached = readCached(key);
  if (!cached) throw new Error(`the transpiled component could not be stored in ${dir}`);
  return cached;
}
