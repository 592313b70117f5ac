// A small reader for the parts of a core WebAssembly binary the host needs: types, imports, exports with their
// signatures, memories, custom sections and the name section. Node exposes imports/exports but not function types.

export type ExternKind = 'function' | 'table' | 'memory' | 'global' | 'tag';

export interface FuncType {
  params: string[];
  results: string[];
}

export interface Limits {
  min: number;
  max?: number;
  shared: boolean;
  memory64: boolean;
}

export interface ImportEntry {
  module: string;
  name: string;
  kind: ExternKind;
  /** Function imports: the signature. */
  type?: FuncType;
  /** Memory imports: the limits. */
  limits?: Limits;
}

export interface ExportEntry {
  name: string;
  kind: ExternKind;
  index: number;
  /** Function exports: the signature. */
  type?: FuncType;
}

export interface Section {
  id: number;
  /** Offset of the section id byte. */
  start: number;
  /** Offset of the payload. */
  payloadStart: number;
  end: number;
  /** Custom sections only. */
  name?: string;
}

export interface ParsedModule {
  kind: 'core' | 'component';
  sections: Section[];
  types: FuncType[];
  imports: ImportEntry[];
  exports: ExportEntry[];
  /** Memories defined by the module (not imported). */
  memories: Limits[];
  /** Signature of every function index (imported functions first). */
  functionTypes: FuncType[];
  importedFunctionCount: number;
  customSections: Array<{ name: string; data: Uint8Array }>;
  functionNames: Map<number, string>;
  moduleName?: string;
}

export class WasmFormatError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} (at byte 0x${offset.toString(16)})`);
  }
}

const VALTYPES: Record<number, string> = { 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128', 0x70: 'funcref', 0x6f: 'externref' };
const KINDS: ExternKind[] = ['function', 'table', 'memory', 'global', 'tag'];

export class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }
  byte(): number {
    if (this.pos >= this.end) throw new WasmFormatError('unexpected end of data', this.pos);
    return this.bytes[this.pos++];
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new WasmFormatError('LEB128 integer too long', this.pos);
    }
  }
  /** Skips a signed LEB128 (used in init expressions). */
  skipLeb(): void {
    while (this.byte() & 0x80) { /* continuation bytes */ }
  }
  bytesOf(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new WasmFormatError('unexpected end of data', this.pos);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.bytesOf(this.u32()));
  }
}

function valtype(r: Reader): string {
  const at = r.pos;
  const b = r.byte();
  const t = VALTYPES[b];
  if (!t) {
    // Reference types with a heap type (GC proposal): (ref null? ht). Keep a readable placeholder.
    if (b === 0x63 || b === 0x64) { r.skipLeb(); return 'ref'; }
    throw new WasmFormatError(`unknown value type 0x${b.toString(16)}`, at);
  }
  return t;
}

export function readLimits(r: Reader): Limits {
  const flags = r.byte();
  const min = r.u32();
  const max = flags & 1 ? r.u32() : undefined;
  return { min, max, shared: (flags & 2) !== 0, memory64: (flags & 4) !== 0 };
}

/** Returns true for a component (layer 1) binary, false for a core module; throws when it is not wasm at all. */
export function isComponentBinary(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new WasmFormatError('not a WebAssembly binary (missing the \\0asm header)', 0);
  }
  return bytes[6] === 1 && bytes[7] === 0 && bytes[4] !== 1;
}

export function parseModule(bytes: Uint8Array): ParsedModule {
  const component = isComponentBinary(bytes);
  const mod: ParsedModule = {
    kind: component ? 'component' : 'core',
    sections: [], types: [], imports: [], exports: [], memories: [], functionTypes: [], importedFunctionCount: 0,
    customSections: [], functionNames: new Map(),
  };
  if (component) return mod;
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new WasmFormatError('unsupported WebAssembly binary version', 4);
  }
  const r = new Reader(bytes, 8);
  const definedFuncTypeIdx: number[] = [];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const payloadStart = r.pos;
    const end = payloadStart + size;
    if (end > bytes.length) throw new WasmFormatError(`section ${id} runs past the end of the file`, start);
    const s = new Reader(bytes, payloadStart, end);
    const section: Section = { id, start, payloadStart, end };
    switch (id) {
      case 0: {
        section.name = s.name();
        mod.customSections.push({ name: section.name, data: bytes.subarray(s.pos, end) });
        if (section.name === 'name') readNameSection(new Reader(bytes, s.pos, end), mod);
        break;
      }
      case 1: readTypes(s, mod); break;
      case 2: readImports(s, mod); break;
      case 3: for (let n = s.u32(); n > 0; n--) definedFuncTypeIdx.push(s.u32()); break;
      case 5: for (let n = s.u32(); n > 0; n--) mod.memories.push(readLimits(s)); break;
      case 7: {
        for (let n = s.u32(); n > 0; n--) {
          const name = s.name();
          const kind = KINDS[s.byte()] ?? 'function';
          mod.exports.push({ name, kind, index: s.u32() });
        }
        break;
      }
      default: break;
    }
    mod.sections.push(section);
    r.pos = end;
  }
  for (const idx of definedFuncTypeIdx) mod.functionTypes.push(mod.types[idx] ?? { params: [], results: [] });
  for (const e of mod.exports) if (e.kind === 'function') e.type = mod.functionTypes[e.index];
  return mod;
}

function readTypes(s: Reader, mod: ParsedModule): void {
  for (let n = s.u32(); n > 0; n--) {
    const at = s.pos;
    const form = s.byte();
    if (form !== 0x60) throw new WasmFormatError(`unsupported type form 0x${form.toString(16)} (GC types)`, at);
    const params: string[] = [];
    for (let p = s.u32(); p > 0; p--) params.push(valtype(s));
    const results: string[] = [];
    for (let q = s.u32(); q > 0; q--) results.push(valtype(s));
    mod.types.push({ params, results });
  }
}

function readImports(s: Reader, mod: ParsedModule): void {
  for (let n = s.u32(); n > 0; n--) {
    const module = s.name();
    const name = s.name();
    const at = s.pos;
    const kindByte = s.byte();
    const kind = KINDS[kindByte];
    if (!kind) throw new WasmFormatError(`unknown import kind ${kindByte}`, at);
    const entry: ImportEntry = { module, name, kind };
    if (kind === 'function') {
      entry.type = mod.types[s.u32()] ?? { params: [], results: [] };
      mod.functionTypes.push(entry.type);
      mod.importedFunctionCount++;
    } else if (kind === 'table') {
      valtype(s);
      readLimits(s);
    } else if (kind === 'memory') {
      entry.limits = readLimits(s);
    } else if (kind === 'global') {
      valtype(s);
      s.byte();
    } else {
      s.byte();
      s.u32();
    }
    mod.imports.push(entry);
  }
}

function readNameSection(s: Reader, mod: ParsedModule): void {
  try {
    while (s.pos < s.end) {
      const sub = s.byte();
      const size = s.u32();
      const end = s.pos + size;
      if (sub === 0) mod.moduleName = s.name();
      if (sub === 1) {
        for (let n = s.u32(); n > 0; n--) {
          const idx = s.u32();
          mod.functionNames.set(idx, s.name());
        }
      }
      s.pos = end;
    }
  } catch {
    // A damaged name section only costs us names in stack traces.
  }
}

/** Reads the `producers` custom section: {language: [{name, version}], processed-by: [...], sdk: [...]}. */
export function readProducers(mod: ParsedModule): Record<string, Array<{ name: string; version: string }>> {
  const section = mod.customSections.find((c) => c.name === 'producers');
  const out: Record<string, Array<{ name: string; version: string }>> = {};
  if (!section) return out;
  try {
    const r = new Reader(section.data);
    for (let n = r.u32(); n > 0; n--) {
      const field = r.name();
      const values: Array<{ name: string; version: string }> = [];
      for (let m = r.u32(); m > 0; m--) values.push({ name: r.name(), version: r.name() });
      out[field] = values;
    }
  } catch {
    // Malformed producers: report what was read.
  }
  return out;
}

export function readSourceMappingURL(mod: ParsedModule): string | undefined {
  const section = mod.customSections.find((c) => c.name === 'sourceMappingURL');
  if (!section) return undefined;
  try {
    return new Reader(section.data).name();
  } catch {
    return undefined;
  }
}

export function formatSignature(t: FuncType | undefined): string {
  if (!t) return '?';
  const results = t.results.length === 0 ? '()' : t.results.length === 1 ? t.results[0] : `(${t.results.join(', ')})`;
  return `(${t.params.join(', ')}) -> ${results}`;
}

/** Unsigned LEB128, as the binary format writes sizes and counts (for the few places the host rewrites a module). */
export function encodeU32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}
