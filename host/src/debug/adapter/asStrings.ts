// AssemblyScript strings behind i32 locals. A local of type `string` is a pointer into linear memory, which the
// Variables view would show as a bare number; AssemblyScript's runtime puts a header before every managed object
// (… rtId: u32 at ptr-8, rtSize: u32 at ptr-4) and `String`'s runtime id is 2, its payload UTF-16. Pointers whose
// header says String are shown as the text. Read with one call into the debuggee's memory per Variables request.
import type { Cdp } from './cdp';

const STRING_RT_ID = 2;
/** Longest text shown (UTF-16 units); longer strings are cut with an ellipsis. */
const MAX_UNITS = 1024;

// Runs in the debuggee on the WebAssembly.Memory object: for each candidate pointer the string, or null.
const READ = `function (ptrs, rtId, max) {
  const buf = this.buffer;
  const dv = new DataView(buf);
  return ptrs.map((p) => {
    if (p < 32 || p % 16 !== 0 || p > buf.byteLength) return null;
    if (dv.getUint32(p - 8, true) !== rtId) return null;
    const size = dv.getUint32(p - 4, true);
    if (size % 2 !== 0 || p + size > buf.byteLength) return null;
    const units = new Uint16Array(buf, p, Math.min(size / 2, max));
    let s = '';
    for (let i = 0; i < units.length; i += 4096) s += String.fromCharCode.apply(null, units.subarray(i, i + 4096));
    return size / 2 > max ? s + '…' : s;
  });
}`;

interface Property {
  name: string;
  value?: { objectId?: string };
}

/** The module's first memory, from a wasm frame's Module scope. */
async function memoryOf(cdp: Cdp, moduleScope: string): Promise<string | undefined> {
  const scope = await cdp.send<{ result: Property[] }>('Runtime.getProperties', { objectId: moduleScope, ownProperties: true });
  const memories = scope.result.find((p) => p.name === 'memories')?.value?.objectId;
  if (!memories) return undefined;
  const list = await cdp.send<{ result: Property[] }>('Runtime.getProperties', { objectId: memories, ownProperties: true });
  return list.result.find((p) => p.value?.objectId)?.value?.objectId;
}

/** The string each pointer points at (null where it is not an AssemblyScript String). */
export async function readStrings(cdp: Cdp, moduleScope: string, pointers: number[]): Promise<Array<string | null>> {
  if (pointers.length === 0) return [];
  const memory = await memoryOf(cdp, moduleScope);
  if (!memory) return pointers.map(() => null);
  const r = await cdp.send<{ result: { value?: unknown } }>('Runtime.callFunctionOn', {
    objectId: memory,
    functionDeclaration: READ,
    arguments: [{ value: pointers }, { value: STRING_RT_ID }, { value: MAX_UNITS }],
    returnByValue: true,
    silent: true,
  });
  const v = r.result.value;
  return Array.isArray(v) && v.length === pointers.length ? v.map((s) => (typeof s === 'string' ? s : null)) : pointers.map(() => null);
}
