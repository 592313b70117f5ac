// TypeScript: interfaces with camelCase fields plus explicit encodeX/decodeX functions that write and read the
// snake_case JSON of docs/protocol.md §7. Decoders check shapes and throw a TypeError naming the JSON path.
import type { Member, TypeDecl, TypeRef, WitModel } from './model';
import { camel, pascal, snake } from './naming';

function tsType(t: TypeRef): string {
  switch (t.kind) {
    case 'prim': return t.prim === 'bool' ? 'boolean' : t.prim === 'string' || t.prim === 'char' ? 'string' : 'number';
    case 'json': return 'unknown';
    case 'bytes': return 'Uint8Array';
    case 'list': return `${wrap(tsType(t.elem))}[]`;
    case 'map': return `Record<string, ${tsType(t.value)}>`;
    case 'option': return `${tsType(t.inner)} | undefined`;
    case 'result': return `Result<${t.ok ? tsType(t.ok) : 'undefined'}, ${t.err ? tsType(t.err) : 'undefined'}>`;
    case 'tuple': return `[${t.types.map(tsType).join(', ')}]`;
    case 'named': return pascal(t.name);
  }
}
function wrap(s: string): string { return /[|&]/.test(s) ? `(${s})` : s; }

/** Expression writing the wire JSON of `v`. */
function enc(t: TypeRef, v: string): string {
  switch (t.kind) {
    case 'prim': case 'json': return v;
    case 'bytes': return `bytesToBase64(${v})`;
    case 'list': return `${v}.map((x) => ${enc(t.elem, 'x')})`;
    case 'map': return `mapValues(${v}, (x) => ${enc(t.value, 'x')})`;
    case 'option': return `${v} === undefined ? undefined : ${enc(t.inner, v)}`;
    case 'result': return `(${v}.tag === 'ok' ? { tag: 'ok', val: ${t.ok ? enc(t.ok, `${v}.val`) : 'undefined'} } : { tag: 'err', val: ${t.err ? enc(t.err, `${v}.val`) : 'undefined'} })`;
    case 'tuple': return `[${t.types.map((x, i) => enc(x, `${v}[${i}]`)).join(', ')}]`;
    case 'named': return `encode${pascal(t.name)}(${v})`;
  }
}

/** Expression reading `j` (unknown) at JSON path `p`. */
function dec(t: TypeRef, j: string, p: string): string {
  switch (t.kind) {
    case 'prim': return t.prim === 'bool' ? `asBoolean(${j}, ${p})` : t.prim === 'string' || t.prim === 'char' ? `asString(${j}, ${p})`
      : t.prim === 'f32' || t.prim === 'f64' ? `asNumber(${j}, ${p})` : `asInteger(${j}, ${p}, '${t.prim}')`;
    case 'json': return `(${j} === undefined ? null : ${j})`;
    case 'bytes': return `base64ToBytes(asString(${j}, ${p}), ${p})`;
    case 'list': return `asArray(${j}, ${p}).map((x, i) => ${dec(t.elem, 'x', `\`\${${p}}[\${i}]\``)})`;
    case 'map': return `decodeMap(${j}, ${p}, (x, k) => ${dec(t.value, 'x', `\`\${${p}}[\${JSON.stringify(k)}]\``)})`;
    case 'option': return `(${j} === undefined || ${j} === null ? undefined : ${dec(t.inner, j, p)})`;
    case 'result': return `decodeResult(${j}, ${p}, (x, q) => ${t.ok ? dec(t.ok, 'x', 'q') : 'undefined'}, (x, q) => ${t.err ? dec(t.err, 'x', 'q') : 'undefined'})`;
    case 'tuple': return `((a) => [${t.types.map((x, i) => dec(x, `a[${i}]`, `\`\${${p}}[${i}]\``)).join(', ')}] as ${tsType(t)})(asTuple(${j}, ${p}, ${t.types.length}))`;
    case 'named': return `decode${pascal(t.name)}(${j}, ${p})`;
  }
}

function jsdoc(docs: string, indent: string): string {
  if (!docs) return '';
  if (!docs.includes('\n')) return `${indent}/** ${docs.replace(/\*\//g, '*\\/')} */\n`;
  return `${indent}/**\n${docs.replace(/\*\//g, '*\\/').split('\n').map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** Defaults applied when a list/map key is absent on the wire. */
function absentDefault(t: TypeRef, model: WitModel): string | undefined {
  let base = t;
  while (base.kind === 'named') {
    const d = model.types.find((x) => x.name === (base as { name: string }).name);
    if (d?.kind !== 'alias') break;
    base = d.target;
  }
  if (base.kind === 'list') return '[]';
  if (base.kind === 'map') return '{}';
  return undefined;
}

function recordLike(name: string, docs: string, fields: Member[], model: WitModel): string {
  let out = jsdoc(docs, '') + `export interface ${name} {\n`;
  for (const f of fields) {
    const opt = f.type!.kind === 'option';
    out += jsdoc(f.docs, '  ') + `  ${camel(f.name)}${opt ? '?' : ''}: ${opt ? tsType((f.type as { inner: TypeRef }).inner) : tsType(f.type!)};\n`;
  }
  out += '}\n\n';
  out += `/** ${name} → its wire JSON (snake_case keys, options omitted when undefined). */\nexport function encode${name}(v: ${name}): Record<string, unknown> {\n  const o: Record<string, unknown> = {};\n`;
  for (const f of fields) {
    const k = camel(f.name);
    out += f.type!.kind === 'option'
      ? `  if (v.${k} !== undefined) o['${snake(f.name)}'] = ${enc((f.type as { inner: TypeRef }).inner, `v.${k}`)};\n`
      : `  o['${snake(f.name)}'] = ${enc(f.type!, `v.${k}`)};\n`;
  }
  out += '  return o;\n}\n\n';
  out += `/** Reads ${name} from wire JSON; throws a TypeError naming the JSON path of the first problem. */\nexport function decode${name}(j: unknown, path = '$'): ${name} {\n  const o = asObject(j, path);\n  return {\n`;
  for (const f of fields) {
    const w = snake(f.name);
    const at = `o['${w}']`;
    const p = `\`\${path}.${w}\``;
    const def = absentDefault(f.type!, model);
    const e = def ? `(${at} === undefined ? ${def} : ${dec(f.type!, at, p)})` : dec(f.type!, at, p);
    out += `    ${camel(f.name)}: ${e},\n`;
  }
  return out + '  };\n}\n';
}

function decl(d: TypeDecl, model: WitModel): string {
  const name = pascal(d.name);
  switch (d.kind) {
    case 'alias':
      return jsdoc(d.docs, '') + `export type ${name} = ${tsType(d.target)};\n\nexport function encode${name}(v: ${name}): unknown {\n  return ${enc(d.target, 'v')};\n}\n\nexport function decode${name}(j: unknown, path = '$'): ${name} {\n  return ${dec(d.target, 'j', 'path')};\n}\n`;
    case 'enum': {
      const values = d.cases.map((c) => `'${snake(c.name)}'`);
      let out = jsdoc(d.docs, '') + `export type ${name} = ${values.join(' | ')};\n\n`;
      out += `/** Every case of ${name}, in WIT order. */\nexport const ${name}Values: readonly ${name}[] = [${values.join(', ')}];\n\n`;
      out += `export function encode${name}(v: ${name}): string {\n  return v;\n}\n\nexport function decode${name}(j: unknown, path = '$'): ${name} {\n  return asCase(j, path, ${name}Values);\n}\n`;
      return out;
    }
    case 'flags': {
      let out = jsdoc(d.docs, '') + `export interface ${name} {\n`;
      for (const c of d.cases) out += jsdoc(c.docs, '  ') + `  ${camel(c.name)}: boolean;\n`;
      out += `}\n\nexport function encode${name}(v: ${name}): Record<string, boolean> {\n  return { ${d.cases.map((c) => `'${snake(c.name)}': v.${camel(c.name)}`).join(', ')} };\n}\n\n`;
      out += `export function decode${name}(j: unknown, path = '$'): ${name} {\n  const o = asObject(j, path);\n  return { ${d.cases.map((c) => `${camel(c.name)}: o['${snake(c.name)}'] === undefined ? false : asBoolean(o['${snake(c.name)}'], \`\${path}.${snake(c.name)}\`)`).join(', ')} };\n}\n`;
      return out;
    }
    case 'record': return recordLike(name, d.docs, d.fields, model);
    case 'variant': {
      let out = jsdoc(d.docs, '') + `export type ${name} =\n${d.cases.map((c) => `  | { tag: '${snake(c.name)}'${c.type ? `; val: ${tsType(c.type)}` : ''} }`).join('\n')};\n\n`;
      out += `export function encode${name}(v: ${name}): Record<string, unknown> {\n  switch (v.tag) {\n`;
      for (const c of d.cases) out += `    case '${snake(c.name)}': return ${c.type ? `{ tag: v.tag, val: ${enc(c.type, 'v.val')} }` : '{ tag: v.tag }'};\n`;
      out += `  }\n}\n\nexport function decode${name}(j: unknown, path = '$'): ${name} {\n  const o = asObject(j, path);\n  switch (o['tag']) {\n`;
      for (const c of d.cases) out += `    case '${snake(c.name)}': return ${c.type ? `{ tag: '${snake(c.name)}', val: ${dec(c.type, "o['val']", '`${path}.val`')} }` : `{ tag: '${snake(c.name)}' }`};\n`;
      out += `  }\n  throw new TypeError(\`\${path}.tag: unknown case \${JSON.stringify(o['tag'])}\`);\n}\n`;
      return out;
    }
  }
}

const PRELUDE = `/** A WIT result<T, E>: {"tag": "ok"|"err", "val": …} on the wire. */
export type Result<T, E> = { tag: 'ok'; val: T } | { tag: 'err'; val: E };

function fail(path: string, want: string, got: unknown): never {
  throw new TypeError(\`\${path} must be \${want}, but it is \${got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got}\`);
}
function asObject(j: unknown, path: string): Record<string, unknown> {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) fail(path, 'an object', j);
  return j as Record<string, unknown>;
}
function asArray(j: unknown, path: string): unknown[] {
  if (!Array.isArray(j)) fail(path, 'an array', j);
  return j as unknown[];
}
function asTuple(j: unknown, path: string, n: number): unknown[] {
  const a = asArray(j, path);
  if (a.length !== n) throw new TypeError(\`\${path} must be an array of \${n} values, but it has \${a.length}\`);
  return a;
}
function asString(j: unknown, path: string): string {
  if (typeof j !== 'string') fail(path, 'a string', j);
  return j as string;
}
function asBoolean(j: unknown, path: string): boolean {
  if (typeof j !== 'boolean') fail(path, 'a boolean', j);
  return j as boolean;
}
function asNumber(j: unknown, path: string): number {
  if (typeof j !== 'number' || !Number.isFinite(j)) fail(path, 'a number', j);
  return j as number;
}
const INTEGER_RANGE: Record<string, [number, number]> = {
  u8: [0, 255], u16: [0, 65535], u32: [0, 4294967295], u64: [0, Number.MAX_SAFE_INTEGER],
  s8: [-128, 127], s16: [-32768, 32767], s32: [-2147483648, 2147483647], s64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
function asInteger(j: unknown, path: string, prim: string): number {
  const [min, max] = INTEGER_RANGE[prim];
  if (typeof j !== 'number' || !Number.isInteger(j) || j < min || j > max) {
    throw new TypeError(\`\${path} must be an integer from \${min} to \${max} (\${prim}), but it is \${JSON.stringify(j)}\`);
  }
  return j;
}
function asCase<T extends string>(j: unknown, path: string, cases: readonly T[]): T {
  if (typeof j !== 'string' || !(cases as readonly string[]).includes(j)) throw new TypeError(\`\${path} must be one of \${cases.join(', ')}, but it is \${JSON.stringify(j)}\`);
  return j as T;
}
function mapValues<A, B>(m: Record<string, A>, f: (x: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const [k, v] of Object.entries(m)) out[k] = f(v);
  return out;
}
function decodeMap<T>(j: unknown, path: string, f: (x: unknown, k: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(asObject(j, path))) out[k] = f(v, k);
  return out;
}
function decodeResult<T, E>(j: unknown, path: string, ok: (x: unknown, p: string) => T, err: (x: unknown, p: string) => E): Result<T, E> {
  const o = asObject(j, path);
  if (o['tag'] === 'ok') return { tag: 'ok', val: ok(o['val'], \`\${path}.val\`) };
  if (o['tag'] === 'err') return { tag: 'err', val: err(o['val'], \`\${path}.val\`) };
  throw new TypeError(\`\${path}.tag must be "ok" or "err"\`);
}
function bytesToBase64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}
function base64ToBytes(s: string, path: string): Uint8Array {
  let bin: string;
  try { bin = atob(s); } catch { throw new TypeError(\`\${path} must be base64 text\`); }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
`;

/** The prelude's helpers that `body` needs (directly or through other helpers), so strict builds see no unused code. */
function usedPrelude(body: string): string {
  const chunks = PRELUDE.split(/\n(?=function |const |\/\*\* A WIT result)/);
  const nameOf = (c: string): string => /^(?:function|const) (\w+)/.exec(c)?.[1] ?? 'Result';
  const used = new Set<string>();
  let text = body;
  for (let changed = true; changed;) {
    changed = false;
    for (const c of chunks) {
      const n = nameOf(c);
      if (!used.has(n) && new RegExp(`\\b${n}\\b`).test(text)) { used.add(n); text += c; changed = true; }
    }
  }
  return chunks.filter((c) => used.has(nameOf(c))).join('\n') + '\n';
}

export function emitTypeScript(model: WitModel, opts: { header: string }): string {
  const body = model.types.map((d) => '\n' + decl(d, model)).join('');
  return `// ${opts.header}\n// WIT package ${model.packageId}; JSON wire format: docs/protocol.md §7.\n/* eslint-disable */\n\n${usedPrelude(body)}${body}`;
}
