// A core module's source map, indexed both ways for the debug adapter: code offset → source file/line/column (stack
// frames, stepping) and source file/line → code offsets (breakpoints). Decoded with Node's own SourceMap, as the
// host's trap symbolizer (host/src/wasm/trap.ts) does; offsets are those of the module file the map describes.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { parseModule } from '../../wasm/binary';
import { sourceBase } from '../sourceMapUrl';
import { sourceMapFile } from '../location';

export interface IndexedSource {
  /** The source as the map names it (`assembly/index.ts`, `~lib/rt/tlsf.ts`). */
  name: string;
  /** The file on disk, when there is one. */
  path?: string;
  /** What the map embeds (sourcesContent), shown when there is no file. */
  content?: string;
}

export interface SourcePosition {
  source: IndexedSource;
  /** 1-based. */
  line: number;
  column: number;
}

interface Mapping {
  offset: number;
  source: number;
  line: number;
  column: number;
}

/** An AssemblyScript library source (`~lib/…`): a vendored package under lib/ or node_modules, or asc's std. */
function libraryFile(name: string, root: string): string | undefined {
  const rest = name.slice('~lib/'.length);
  const candidates = [path.join(root, 'lib', rest), path.join(root, 'node_modules', rest), path.join(root, 'node_modules', 'assemblyscript', 'std', 'assembly', rest)];
  return candidates.find((c) => existsSync(c));
}

function canonical(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Start and end offsets of every function body in the code section. */
function functionBodies(bytes: Uint8Array): Array<[number, number]> {
  const code = parseModule(bytes).sections.find((s) => s.id === 10);
  if (!code) return [];
  let at = code.payloadStart;
  const u32 = (): number => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
  };
  const bodies: Array<[number, number]> = [];
  for (let n = u32(); n > 0; n--) {
    const size = u32();
    bodies.push([at, at + size]);
    at += size;
  }
  return bodies;
}

export class WasmSourceIndex {
  readonly sources: IndexedSource[];
  private readonly mappings: Mapping[];
  private readonly byPath = new Map<string, number>();
  private readonly bodies: Array<[number, number]>;

  private constructor(readonly wasmFile: string, readonly mapFile: string, raw: { sources: string[]; sourcesContent?: Array<string | null>; sourceRoot?: string }, root: string, bytes: Uint8Array) {
    const base = sourceBase(raw, path.dirname(mapFile), root);
    this.sources = raw.sources.map((name, i) => {
      const file = name.startsWith('~lib/') ? libraryFile(name, root) : /^[a-z][a-z0-9+.-]*:/i.test(name) ? undefined : path.resolve(base, name);
      const content = raw.sourcesContent?.[i] ?? undefined;
      return file && existsSync(file) ? { name, path: file, content } : { name, content };
    });
    this.sources.forEach((s, i) => {
      if (s.path) this.byPath.set(canonical(s.path), i);
    });
    this.bodies = functionBodies(bytes);
    const sourceIds = new Map(raw.sources.map((s, i) => [s, i]));
    const map = new SourceMap({ ...raw, sourceRoot: '' } as unknown as ConstructorParameters<typeof SourceMap>[0]);
    // Node's SourceMap offers lookups only: walk it from the end of the module down, one mapping at a time.
    const mappings: Mapping[] = [];
    for (let at = bytes.length; at >= 0;) {
      const e = map.findEntry(0, at) as { generatedColumn?: number; originalSource?: string; originalLine?: number; originalColumn?: number };
      if (e.generatedColumn === undefined) break;
      const source = e.originalSource === undefined ? undefined : sourceIds.get(e.originalSource);
      if (source !== undefined && e.originalLine !== undefined) {
        mappings.push({ offset: e.generatedColumn, source, line: e.originalLine + 1, column: (e.originalColumn ?? 0) + 1 });
      }
      at = e.generatedColumn - 1;
    }
    this.mappings = mappings.reverse();
  }

  /**
   * The index of the module's source map, or undefined when the module names none or the map file is missing.
   * Throws when the module or the map cannot be read.
   */
  static load(wasmFile: string, root: string): WasmSourceIndex | undefined {
    const bytes = readFileSync(wasmFile);
    const mapFile = sourceMapFile(wasmFile, bytes);
    if (!mapFile) return undefined;
    let raw;
    try {
      raw = JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null>; sourceRoot?: string };
    } catch (err) {
      throw new Error(`${mapFile}: not a readable source map (${(err as Error).message})`);
    }
    if (!Array.isArray(raw.sources)) throw new Error(`${mapFile}: not a source map (no "sources")`);
    return new WasmSourceIndex(wasmFile, mapFile, raw, root, bytes);
  }

  /** The source position of a code offset: the mapping at or before it within the same function. */
  locate(offset: number): SourcePosition | undefined {
    let lo = 0;
    let hi = this.mappings.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.mappings[mid].offset <= offset) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return undefined;
    const m = this.mappings[found];
    const body = this.bodyOf(offset);
    if (!body || m.offset < body[0]) return undefined; // the nearest mapping is in another function
    return { source: this.sources[m.source], line: m.line, column: m.column };
  }

  private bodyOf(offset: number): [number, number] | undefined {
    return this.bodies.find(([start, end]) => offset >= start && offset < end);
  }

  /** Built by asc: its runtime's sources are in the map (and its object layout in memory, see asStrings.ts). */
  get assemblyScript(): boolean {
    return this.sources.some((s) => s.name.startsWith('~lib/rt/') || s.name === '~lib/rt.ts');
  }

  /** The source named by a file path, if the map has it. */
  sourceIndexOf(file: string): number | undefined {
    return this.byPath.get(canonical(file));
  }

  /** Lines of a source that have code, ascending. */
  linesWithCode(source: number): number[] {
    return [...new Set(this.mappings.filter((m) => m.source === source).map((m) => m.line))].sort((a, b) => a - b);
  }

  /**
   * Where a breakpoint on `line` of a source goes: the first instruction of that line in every function that has
   * code for it (a line can be compiled into several functions, e.g. a generic's instances). Empty: no code there.
   */
  breakpointOffsets(source: number, line: number): number[] {
    const firstPerBody = new Map<number, number>();
    for (const m of this.mappings) {
      if (m.source !== source || m.line !== line) continue;
      const body = this.bodyOf(m.offset);
      const key = body ? body[0] : -1;
      const seen = firstPerBody.get(key);
      if (seen === undefined || m.offset < seen) firstPerBody.set(key, m.offset);
    }
    return [...firstPerBody.values()].sort((a, b) => a - b);
  }
}
