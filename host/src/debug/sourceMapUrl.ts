// Makes a module's source map reachable by a debugger. A module compiled from bytes is a `wasm://wasm/<hash>` script
// to V8, so the relative `sourceMappingURL` asc writes (`./plugin.wasm.map`) resolves to nothing; and asc writes the
// map's `sources` relative to the directory it ran in (the plugin root), not to the map. The runner therefore writes
// a copy of the map with `sourceRoot` = the plugin root and points the module at it with an absolute file URL.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodeU32 } from '../wasm/binary';

const SECTION = 'sourceMappingURL';

function readU32(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  let shift = 0;
  let i = at;
  for (;;) {
    const b = bytes[i++];
    if (b === undefined) throw new Error('truncated LEB128');
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return { value, next: i };
    shift += 7;
  }
}

function vecBytes(data: Uint8Array): number[] {
  return [...encodeU32(data.length), ...data];
}

/** The module's sourceMappingURL, if it has one (undefined for anything that is not a core module). */
export function readSourceMappingUrl(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) return undefined;
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readU32(bytes, at + 1);
    const end = size.next + size.value;
    if (id === 0) {
      const name = readU32(bytes, size.next);
      if (new TextDecoder().decode(bytes.subarray(name.next, name.next + name.value)) === SECTION) {
        const url = readU32(bytes, name.next + name.value);
        return new TextDecoder().decode(bytes.subarray(url.next, url.next + url.value));
      }
    }
    at = end;
  }
  return undefined;
}

/** The module with every sourceMappingURL section replaced by one naming `url`. */
export function withSourceMappingUrl(bytes: Uint8Array, url: string): Uint8Array {
  const kept: number[] = [...bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const size = readU32(bytes, at + 1);
    const end = size.next + size.value;
    let drop = false;
    if (id === 0) {
      const name = readU32(bytes, size.next);
      drop = new TextDecoder().decode(bytes.subarray(name.next, name.next + name.value)) === SECTION;
    }
    if (!drop) for (let i = at; i < end; i++) kept.push(bytes[i]);
    at = end;
  }
  const payload = [...vecBytes(new TextEncoder().encode(SECTION)), ...vecBytes(new TextEncoder().encode(url))];
  return Uint8Array.from([...kept, 0, ...encodeU32(payload.length), ...payload]);
}

/**
 * The folder the map's sources are relative to: as the map says (its sourceRoot, relative to the map) when the files
 * are there, else the plugin root (asc writes `sourceRoot: "./plugin"` and sources relative to where it ran).
 */
export function sourceBase(map: { sourceRoot?: string; sources?: string[] }, mapDir: string, pluginRoot: string): string {
  const real = (map.sources ?? []).filter((s) => !s.startsWith('~') && !/^[a-z][a-z0-9+.-]*:/i.test(s));
  const candidates = [map.sourceRoot && !/^[a-z][a-z0-9+.-]*:/i.test(map.sourceRoot) ? path.resolve(mapDir, map.sourceRoot) : undefined, mapDir, pluginRoot];
  for (const base of candidates) if (base && real.some((s) => existsSync(path.resolve(base, s)))) return base;
  return pluginRoot;
}

/**
 * For a module read from `moduleDir` and built in `pluginRoot`: the bytes to compile so a debugger finds the map.
 * Unchanged when the module names no map, the map is missing, or its URL is already absolute.
 */
export function debuggableModule(bytes: Uint8Array, moduleDir: string, pluginRoot: string, cacheDir = path.join(os.tmpdir(), 'mockforge-debug-maps')): { bytes: Uint8Array; mapFile?: string } {
  const url = readSourceMappingUrl(bytes);
  if (!url || /^[a-z][a-z0-9+.-]*:/i.test(url)) return { bytes };
  const mapPath = path.resolve(moduleDir, url);
  if (!existsSync(mapPath)) return { bytes };
  const map = JSON.parse(readFileSync(mapPath, 'utf8')) as { sourceRoot?: string; sources?: string[] };
  map.sourceRoot = `${pathToFileURL(sourceBase(map, path.dirname(mapPath), pluginRoot)).href}/`;
  const text = JSON.stringify(map);
  mkdirSync(cacheDir, { recursive: true });
  const mapFile = path.join(cacheDir, `${createHash('sha256').update(mapPath).update(text).digest('hex').slice(0, 16)}.wasm.map`);
  writeFileSync(mapFile, text);
  return { bytes: withSourceMappingUrl(bytes, pathToFileURL(mapFile).href), mapFile };
}
