// The first 8 bytes of a file (magic + version/layer), or none when it cannot be read (the normal loader reports it).
import { closeSync, openSync, readSync } from 'node:fs';

export function readHeader(path: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = new Uint8Array(8);
    const n = readSync(fd, buf, 0, 8, 0);
    return buf.subarray(0, n);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
