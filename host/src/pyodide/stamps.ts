// Notices an edit to a Python plugin before each call, cheaply. The plugin's .py files and the folders that hold
// them are stat'ed (a new, deleted or renamed file changes its folder's mtime; an edit in place changes the file's),
// through descriptors held open: fstat skips the path lookup and costs about half a stat by path. File watchers are
// not used on purpose: their events arrive asynchronously (a call right after a save could miss it) and some
// machines never deliver them; this check is exact and synchronous.
import { closeSync, constants, fstatSync, openSync, readdirSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { join } from 'node:path';

/** Beyond this many entries the rest are stat'ed by path (a plugin must not take the host's descriptors). */
const MAX_OPEN = 128;

interface Entry {
  path: string;
  fd?: number;
  stamp: number;
}

const skipped = (name: string) => name.startsWith('.') || name === '__pycache__' || name === 'node_modules' || name === 'venv';

function stampOf(st: Stats): number {
  // A deleted file or folder still answers fstat through its descriptor: it counts as changed.
  if (st.nlink === 0) return NaN;
  return st.isDirectory() ? st.mtimeMs : st.mtimeMs + st.size / 1e9;
}

export class FileStamps {
  private entries: Entry[] = [];

  constructor(private readonly root: string) {
    this.refresh();
  }

  /** True when anything changed since the last refresh (or since construction). */
  changed(): boolean {
    for (const e of this.entries) {
      let now: number;
      try {
        now = stampOf(e.fd === undefined ? statSync(e.path) : fstatSync(e.fd));
      } catch {
        return true;
      }
      if (now !== e.stamp) return true;
    }
    return false;
  }

  /** Takes the current state as the new baseline (after the plugin was reloaded). */
  refresh(): void {
    this.close();
    const entries: Entry[] = [];
    const add = (path: string, seen: Stats): void => {
      let fd: number | undefined;
      // Only files and folders (a FIFO named *.py must not block the host); O_NONBLOCK where it exists, too.
      if (entries.length < MAX_OPEN && (seen.isFile() || seen.isDirectory())) {
        try {
          fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
        } catch {
          fd = undefined; // a folder on Windows cannot be opened: stat it by path
        }
      }
      try {
        entries.push({ path, fd, stamp: stampOf(fd === undefined ? statSync(path) : fstatSync(fd)) });
      } catch (err) {
        if (fd !== undefined) closeSync(fd);
        throw err;
      }
    };
    const walk = (dir: string, depth: number) => {
      add(dir, statSync(dir));
      for (const name of readdirSync(dir)) {
        if (skipped(name)) continue;
        const abs = join(dir, name);
        const st = statSync(abs);
        if (st.isDirectory() && depth < 3) walk(abs, depth + 1);
        else if (name.endsWith('.py')) add(abs, st);
      }
    };
    try {
      walk(this.root, 0);
    } finally {
      this.entries = entries;
    }
  }

  close(): void {
    for (const e of this.entries) if (e.fd !== undefined) closeSync(e.fd);
    this.entries = [];
  }
}
