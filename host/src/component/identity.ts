// A component file's content hash without reading it each time: a 12 MB ComponentizeJS component costs ~25 ms to read
// and ~20 ms to hash on every load. The hash is remembered per file (in this process and in the cache directory)
// together with its size, mtime, ctime and inode; any write changes ctime, so a changed file is read and hashed again.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { componentCacheDir } from './cache';

export interface ComponentIdentity {
  sha256: string;
  size: number;
  /** The file's bytes when they had to be read (no remembered hash, or it no longer matched). */
  bytes?: Uint8Array;
}

const remembered = new Map<string, { signature: string; sha256: string }>();

function signature(path: string): string {
  const s = statSync(path, { bigint: true });
  return `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}:${s.dev}`;
}

function indexFile(path: string): string {
  return join(componentCacheDir(), 'index', `${createHash('sha256').update(path).digest('hex').slice(0, 32)}.json`);
}

function recall(path: string, sig: string): string | undefined {
  const mem = remembered.get(path);
  if (mem) return mem.signature === sig ? mem.sha256 : undefined;
  try {
    const entry = JSON.parse(readFileSync(indexFile(path), 'utf8')) as { path?: string; signature?: string; sha256?: string };
    if (entry.path === path && entry.signature === sig && typeof entry.sha256 === 'string') {
      remembered.set(path, { signature: sig, sha256: entry.sha256 });
      return entry.sha256;
    }
  } catch {
    // no entry yet, or an unreadable one: hash the file
  }
  return undefined;
}

function remember(path: string, sig: string, sha256: string): void {
  remembered.set(path, { signature: sig, sha256 });
  const file = indexFile(path);
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ path, signature: sig, sha256 }));
    renameSync(tmp, file);
  } catch {
    // a read-only cache only costs the next load a hash
  }
}

/** Throws the fs error (ENOENT …) when the file cannot be read. */
export async function identify(file: string): Promise<ComponentIdentity> {
  const path = resolve(file);
  const before = signature(path);
  const known = recall(path, before);
  if (known) return { sha256: known, size: Number(before.split(':')[0]) };
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // Remembered only when the file did not change while it was read.
  if (signature(path) === before) remember(path, before, sha256);
  return { sha256, size: bytes.length, bytes };
}
