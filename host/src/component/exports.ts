// Core-module exports the transpiled glue never reads, removed before the modules are compiled. componentize-py's
// libpython and libc are shared libraries that export every symbol (1,857 and 1,181 exports) though the component
// links only ~500 of them; V8 builds and freezes an exports object with every one at each instantiation, the bulk of
// the time a Python component takes to instantiate. The glue reads exports only as `exportsN.name` or
// `exportsN['name']`; a module whose exports it uses any other way keeps all of them.
import { Reader, encodeU32 } from '../wasm/binary';

/** Export names the glue reads, by core module file; modules it reads some other way are missing from the map. */
export function gluedExports(glue: string): Map<string, Set<string>> {
  const moduleFile = new Map<string, string>();
  for (const m of glue.matchAll(/\bconst (module\d+) = getCoreModule\('([^'\\]+)'\);/g)) moduleFile.set(m[1], m[2]);
  const exportsModule = new Map<string, string>();
  for (const m of glue.matchAll(/\{ exports: (exports\d+) \} = yield instantiateCore\(yield (module\d+)\b/g)) exportsModule.set(m[1], m[2]);
  const used = new Map<string, Set<string>>();
  const opaque = new Set<string>();
  for (const m of glue.matchAll(/\b(exports\d+)\b(?:\.([A-Za-z_$][\w$]*)|\[(['"])([^'"\\]*)\3\])?/g)) {
    const file = moduleFile.get(exportsModule.get(m[1]) ?? '');
    if (!file) return new Map(); // an exports variable we cannot place: prune nothing
    const name = m[2] ?? m[4];
    if (name !== undefined) {
      let names = used.get(file);
      if (!names) used.set(file, names = new Set());
      names.add(name);
      continue;
    }
    // The declaration (`let exports3;`) and the destructuring target (`{ exports: exports3 }`) are not reads.
    const before = glue.slice(Math.max(0, m.index - 10), m.index);
    if (/\blet $/.test(before) || before.endsWith('exports: ')) continue;
    opaque.add(file);
  }
  for (const file of opaque) used.delete(file);
  // Every core instance must come from the pattern above; an instantiation we do not recognise prunes nothing.
  const instantiations = glue.match(/\binstantiateCore\(/g)?.length ?? 0;
  return instantiations === exportsModule.size ? used : new Map();
}

/** The module with only the exports in `keep` (its sections otherwise byte for byte); the same bytes if it keeps all. */
export function pruneExports(bytes: Uint8Array, keep: Set<string>): Uint8Array {
  let dropped = 0;
  const r = new Reader(bytes, 8);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  while (r.pos < bytes.length) {
    const start = r.pos;
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id !== 7) {
      parts.push(bytes.subarray(start, end));
      r.pos = end;
      continue;
    }
    const entries: Uint8Array[] = [];
    for (let n = r.u32(); n > 0; n--) {
      const at = r.pos;
      const name = r.name();
      r.byte();
      r.u32();
      if (keep.has(name)) entries.push(bytes.subarray(at, r.pos));
      else dropped++;
    }
    const body = [Uint8Array.from(encodeU32(entries.length)), ...entries];
    const length = body.reduce((n, b) => n + b.length, 0);
    parts.push(Uint8Array.from([7, ...encodeU32(length)]), ...body);
    r.pos = end;
  }
  // No copy of a 12 MB SpiderMonkey whose few exports the glue all reads.
  return dropped === 0 ? bytes : Buffer.concat(parts);
}
