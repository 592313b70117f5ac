// Pyodide's cold start is mostly CPython booting and importing; a memory snapshot of a fresh interpreter with the
// SDK imported restores in well under a second. One snapshot serves every plugin: it is keyed by the Pyodide
// version and the runtime files, holds no plugin code, and is written by the host (never by the sandboxed process).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** MOCKFORGE_CACHE_DIR, else $XDG_CACHE_HOME/mockforge-plugin, else ~/.cache/mockforge-plugin; pyodide/ below it. */
export function pyodideCacheDir(): string {
  const base = process.env.MOCKFORGE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mockforge-plugin');
  return join(base, 'pyodide');
}

/** Bump when what goes into a snapshot changes in a way the runtime files do not show. */
const FORMAT = 1;

export function snapshotFile(indexURL: string, runtimeFiles: Record<string, string>): string {
  const version = (JSON.parse(readFileSync(join(indexURL, 'package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(`${FORMAT}\0${version}\0`);
  for (const name of Object.keys(runtimeFiles).sort()) hash.update(name).update('\0').update(runtimeFiles[name]).update('\0');
  return join(pyodideCacheDir(), `pyodide-${version}-${hash.digest('hex').slice(0, 16)}.snapshot`);
}

export function snapshotExists(file: string): boolean {
  return existsSync(file);
}

/** Written to a private name, then renamed into place (another host may race us: either copy is the same). */
export function writeSnapshot(file: string, bytes: Uint8Array): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const work = `${file}.tmp-${process.pid}-${Date.now()}`;
  try {
    writeFileSync(work, bytes);
    renameSync(work, file);
  } finally {
    rmSync(work, { force: true });
  }
}

export function dropSnapshot(file: string): void {
  rmSync(file, { force: true });
}
