// The file system the cross-file checks read, injected so the service stays pure and testable.
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';

export interface ManifestFileSystem {
  exists(path: string): boolean;
  readFile(path: string): Uint8Array | undefined;
  /** Modification time, used to cache module inspection. */
  mtime(path: string): number | undefined;
  listDir(path: string): string[];
}

export const nodeFileSystem: ManifestFileSystem = {
  exists: (p) => existsSync(p),
  readFile: (p) => {
    try {
      return readFileSync(p);
    } catch {
      return undefined;
    }
  },
  mtime: (p) => {
    try {
      return statSync(p).mtimeMs;
    } catch {
      return undefined;
    }
  },
  listDir: (p) => {
    try {
      return readdirSync(p);
    } catch {
      return [];
    }
  },
};
