// Bounds a module's memory before it is compiled: the memory section's maximum is rewritten to the manifest's
// max_memory_bytes, so memory.grow past it fails inside the plugin (worker resourceLimits do not bound wasm memory).
import { encodeU32, ParsedModule, Reader, readLimits, WasmFormatError } from './binary';

export const PAGE = 65536;

export interface BoundedModule {
  bytes: Uint8Array;
  /** The effective maximum in pages of memory 0 (defined or imported). */
  maxPages: number;
  initialPages: number;
  imported: boolean;
  /** Byte offsets at or after `shiftFrom` in the new bytes are `shiftBy` larger than in the original module. */
  shiftFrom: number;
  shiftBy: number;
}

function encodeLimits(flags: number, min: number, max: number): number[] {
  return [flags | 1, ...encodeU32(min), ...encodeU32(max)];
}

/**
 * Returns the module bytes with memory 0's maximum lowered to `maxBytes` (rounded down to pages).
 * Throws WasmFormatError with a person-readable message when the initial memory already exceeds the limit.
 * Imported memories are left in the bytes: the host creates them with the bounded maximum instead.
 */
export function boundMemory(bytes: Uint8Array, mod: ParsedModule, maxBytes: number): BoundedModule {
  const limitPages = Math.floor(maxBytes / PAGE);
  const importedMem = mod.imports.find((i) => i.kind === 'memory');
  if (importedMem?.limits) {
    const l = importedMem.limits;
    if (l.min > limitPages) throw tooBig(l.min, maxBytes);
    return { bytes, maxPages: Math.min(l.max ?? limitPages, limitPages), initialPages: l.min, imported: true, shiftFrom: 0, shiftBy: 0 };
  }
  const section = mod.sections.find((s) => s.id === 5);
  if (!section || mod.memories.length === 0) return { bytes, maxPages: 0, initialPages: 0, imported: false, shiftFrom: 0, shiftBy: 0 };
  const r = new Reader(bytes, section.payloadStart, section.end);
  const count = r.u32();
  const payload: number[] = [...encodeU32(count)];
  let first = { min: 0, max: 0 };
  for (let i = 0; i < count; i++) {
    const at = r.pos;
    const flags = bytes[at];
    const l = readLimits(r);
    if (l.memory64) throw new WasmFormatError('64-bit memories are not supported', at);
    if (i === 0) {
      if (l.min > limitPages) throw tooBig(l.min, maxBytes);
      const max = Math.min(l.max ?? limitPages, limitPages);
      first = { min: l.min, max };
      payload.push(...encodeLimits(flags, l.min, max));
    } else {
      payload.push(...bytes.subarray(at, r.pos));
    }
  }
  const header = [5, ...encodeU32(payload.length)];
  const out = new Uint8Array(section.start + header.length + payload.length + (bytes.length - section.end));
  out.set(bytes.subarray(0, section.start), 0);
  out.set(header, section.start);
  out.set(payload, section.start + header.length);
  out.set(bytes.subarray(section.end), section.start + header.length + payload.length);
  return { bytes: out, maxPages: first.max, initialPages: first.min, imported: false, shiftFrom: section.start, shiftBy: out.length - bytes.length };
}

function tooBig(minPages: number, maxBytes: number): Error {
  return new Error(
    `the module starts with ${minPages} memory pages (${fmtBytes(minPages * PAGE)}), more than max_memory_bytes ` +
    `${fmtBytes(maxBytes)}: raise capabilities.resources.max_memory_bytes or lower the module's initial memory`);
}

export function fmtBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KiB`;
  return `${n} B`;
}
