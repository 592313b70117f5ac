// Reads a WIT package directory the way wit-parser does: `dir/*.wit` is the root package; each `dir/deps/<entry>`
// (a directory of .wit files, or a single .wit file) is one dependency. Nested deps/ inside deps are not read.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { WitInput } from './program';

async function witFilesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.wit')).map((e) => path.join(dir, e.name)).sort();
}

/** Loads a package directory (root files + deps/). `overlay` supplies unsaved editor text by absolute path. */
export async function loadPackageDir(dir: string, overlay?: (file: string) => string | undefined): Promise<WitInput[]> {
  const inputs: WitInput[] = [];
  const read = async (file: string) => overlay?.(file) ?? await readFile(file, 'utf8');
  for (const f of await witFilesOf(dir)) inputs.push({ path: f, text: await read(f), group: 'root', isDep: false });
  const deps = path.join(dir, 'deps');
  let entries: string[] = [];
  try { entries = (await readdir(deps)).sort(); } catch { /* no deps/ */ }
  for (const name of entries) {
    const p = path.join(deps, name);
    const st = await stat(p).catch(() => undefined);
    if (st?.isDirectory()) for (const f of await witFilesOf(p)) inputs.push({ path: f, text: await read(f), group: p, isDep: true });
    else if (st?.isFile() && name.endsWith('.wit')) inputs.push({ path: p, text: await read(p), group: p, isDep: true });
  }
  return inputs;
}

/** The package directory a .wit file belongs to: its directory, or for a file under `<root>/deps/…` that root. */
export function packageRootOf(file: string): string {
  const dir = path.dirname(file);
  const parts = dir.split(path.sep);
  const i = parts.lastIndexOf('deps');
  if (i > 0 && i >= parts.length - 2) return parts.slice(0, i).join(path.sep) || path.sep;
  return dir;
}
