// AssemblyScript: classes with camelCase fields and JSON writers/readers built on the AS SDK's JSON module
// (JSONValue) and base64 helpers. Every non-named type gets its own encoder/decoder function (AssemblyScript has
// no closures), aliases are inlined, and a value-typed option (number, bool, enum) is boxed in `Box<T>`.
// Readers are lenient like the SDK's getString(): a mismatch yields the default value and sets `decodeError`.
import type { Member, TypeDecl, TypeRef, WitModel } from './model';
import { camel, pascal, snake } from './naming';

const AS_PRIM: Record<string, string> = { bool: 'bool', s8: 'i8', s16: 'i16', s32: 'i32', s64: 'i64', u8: 'u8', u16: 'u16', u32: 'u32', u64: 'u64', f32: 'f32', f64: 'f64', char: 'string', string: 'string' };

class AsWriter {
  private helpers = new Map<string, string>();
  constructor(private readonly model: WitModel) {}

  private decl(name: string): TypeDecl { return this.model.types.find((d) => d.name === name)!; }
  /** Follows aliases. */
  norm(t: TypeRef): TypeRef {
    while (t.kind === 'named') { const d = this.decl(t.name); if (d.kind !== 'alias') break; t = d.target; }
    return t;
  }
  private isValueType(t: TypeRef): boolean {
    const n = this.norm(t);
    return (n.kind === 'prim' && n.prim !== 'string' && n.prim !== 'char') || (n.kind === 'named' && this.decl(n.name).kind === 'enum');
  }
  key(t: TypeRef): string {
    const n = this.norm(t);
    switch (n.kind) {
      case 'prim': return pascal(n.prim);
      case 'json': case 'bytes': return pascal(n.kind);
      case 'list': return `List${pascal(this.key(n.elem))}`;
      case 'map': return `Map${pascal(this.key(n.value))}`;
      case 'option': return `Option${pascal(this.key(n.inner))}`;
      case 'result': return `Result${pascal(n.ok ? this.key(n.ok) : 'unit')}${pascal(n.err ? this.key(n.err) : 'unit')}`;
      case 'tuple': return `Tuple${n.types.map((x) => pascal(this.key(x))).join('')}`;
      case 'named': return pascal(n.name);
    }
  }
  type(t: TypeRef): string {
    const n = this.norm(t);
    switch (n.kind) {
      case 'prim': return AS_PRIM[n.prim];
      case 'json': return 'JSONValue';
      case 'bytes': return 'Uint8Array';
      case 'list': return `Array<${this.type(n.elem)}>`;
      case 'map': return `Map<string, ${this.type(n.value)}>`;
      case 'option': return this.isValueType(n.inner) ? `Box<${this.type(n.inner)}> | null` : `${this.type(n.inner)} | null`;
      case 'result': case 'tuple': this.helper(n); return this.key(n);
      case 'named': return pascal(n.name);
    }
  }
  initial(t: TypeRef): string {
    const n = this.norm(t);
    switch (n.kind) {
      case 'prim': return n.prim === 'bool' ? 'false' : n.prim === 'string' || n.prim === 'char' ? "''" : '0';
      case 'json': return 'JSONValue.null()';
      case 'bytes': return 'new Uint8Array(0)';
      case 'list': return `new Array<${this.type(n.elem)}>()`;
      case 'map': return `new Map<string, ${this.type(n.value)}>()`;
      case 'option': return 'null';
      case 'named': { const d = this.decl(n.name); return d.kind === 'enum' ? `${pascal(n.name)}.${pascal(d.cases[0].name)}` : `new ${pascal(n.name)}()`; }
      default: return `new ${this.type(n)}()`;
    }
  }
  enc(t: TypeRef, v: string): string { this.helper(t); return `encode${this.key(t)}(${v})`; }
  dec(t: TypeRef, j: string): string { this.helper(t); return `decode${this.key(t)}(${j})`; }

  /** Emits the encoder/decoder pair of a structural type once. */
  private helper(t: TypeRef): void {
    const n = this.norm(t);
    if (n.kind === 'named') return;
    const k = this.key(n);
    if (this.helpers.has(k)) return;
    this.helpers.set(k, '');
    const T = this.type(n);
    let e = '', d = '';
    switch (n.kind) {
      case 'prim':
        if (n.prim === 'bool') { e = 'return JSONValue.bool(v);'; d = "if (!j.isBool) { decodeFailed('a boolean'); return false; }\n  return j.bool;"; }
        else if (n.prim === 'string' || n.prim === 'char') { e = 'return JSONValue.string(v);'; d = "if (!j.isString) { decodeFailed('a string'); return ''; }\n  return j.str;"; }
        else { e = 'return JSONValue.number(<f64>v);'; d = `if (!j.isNumber) { decodeFailed('a number'); return 0; }\n  return <${T}>j.num;`; }
        break;
      case 'json': e = 'return v;'; d = 'return j;'; break;
      case 'bytes': e = 'return JSONValue.string(base64Encode(v));'; d = "const b = j.isString ? base64Decode(j.str) : null;\n  if (b == null) { decodeFailed('base64 text'); return new Uint8Array(0); }\n  return b;"; break;
      case 'list':
        e = `const a = JSONValue.array();\n  for (let i = 0; i < v.length; i++) a.push(${this.enc(n.elem, 'v[i]')});\n  return a;`;
        d = `const out = new Array<${this.type(n.elem)}>();\n  if (j.isNull) return out;\n  if (!j.isArray) { decodeFailed('an array'); return out; }\n  for (let i = 0; i < j.items.length; i++) out.push(${this.dec(n.elem, 'j.items[i]')});\n  return out;`;
        break;
      case 'map':
        e = `const o = JSONValue.object();\n  const keys = v.keys();\n  for (let i = 0; i < keys.length; i++) o.set(keys[i], ${this.enc(n.value, 'v.get(keys[i])')});\n  return o;`;
        d = `const out = new Map<string, ${this.type(n.value)}>();\n  if (j.isNull) return out;\n  if (!j.isObject) { decodeFailed('an object'); return out; }\n  for (let i = 0; i < j.keys.length; i++) out.set(j.keys[i], ${this.dec(n.value, 'j.fields.get(j.keys[i])')});\n  return out;`;
        break;
      case 'option': {
        const boxed = this.isValueType(n.inner);
        e = `if (v == null) return JSONValue.null();\n  return ${this.enc(n.inner, boxed ? 'v.value' : 'v')};`;
        d = `if (j.isNull) return null;\n  return ${boxed ? `new Box<${this.type(n.inner)}>(${this.dec(n.inner, 'j')})` : this.dec(n.inner, 'j')};`;
        break;
      }
      case 'tuple': {
        const fields = n.types.map((x, i) => ({ name: `v${i}`, docs: '', type: x }));
        this.classes.push(this.classCode(k, `A WIT tuple: a JSON array of ${n.types.length} values.`, fields, false));
        e = `const a = JSONValue.array();\n${n.types.map((x, i) => `  a.push(${this.enc(x, `v.v${i}`)});`).join('\n')}\n  return a;`;
        d = `const out = new ${k}();\n  if (!j.isArray || j.items.length != ${n.types.length}) { decodeFailed('an array of ${n.types.length} values'); return out; }\n${n.types.map((x, i) => `  out.v${i} = ${this.dec(x, `j.items[${i}]`)};`).join('\n')}\n  return out;`;
        break;
      }
      case 'result': {
        const cases: Member[] = [{ name: 'ok', docs: '', type: n.ok }, { name: 'err', docs: '', type: n.err }];
        this.classes.push(this.variantClass(k, 'A WIT result: {"tag": "ok"|"err", "val": …} on the wire.', cases));
        e = `return v.toJSON();`; d = `return ${k}.fromJSON(j);`;
        break;
      }
    }
    this.helpers.set(k, `function encode${k}(v: ${T}): JSONValue {\n  ${e}\n}\n\nfunction decode${k}(j: JSONValue): ${T} {\n  ${d}\n}\n`);
  }

  classes: string[] = [];

  private classCode(name: string, docs: string, fields: Member[], omitOptions: boolean): string {
    let out = jsdoc(docs, '') + `export class ${name} {\n`;
    for (const f of fields) out += jsdoc(f.docs, '  ') + `  ${camel(f.name)}: ${this.type(f.type!)} = ${this.initial(f.type!)};\n`;
    out += `\n  /** This value as wire JSON (snake_case keys${omitOptions ? ', options omitted when null' : ''}). */\n  toJSON(): JSONValue {\n    const o = JSONValue.object();\n`;
    for (const f of fields) {
      const fld = `this.${camel(f.name)}`;
      const t = this.norm(f.type!);
      if (t.kind === 'option' && omitOptions) out += `    if (${fld} != null) o.set('${snake(f.name)}', ${this.enc(t, fld)});\n`;
      else out += `    o.set('${snake(f.name)}', ${this.enc(f.type!, fld)});\n`;
    }
    out += `    return o;\n  }\n\n  /** Reads wire JSON: absent keys keep their defaults; a mismatch sets \`decodeError\`. */\n  static fromJSON(j: JSONValue): ${name} {\n    const out = new ${name}();\n    if (!j.isObject) { decodeFailed('an object'); return out; }\n`;
    for (const f of fields) out += `    if (j.has('${snake(f.name)}')) out.${camel(f.name)} = ${this.dec(f.type!, `j.get('${snake(f.name)}')!`)};\n`;
    return out + '    return out;\n  }\n}\n';
  }

  private variantClass(name: string, docs: string, cases: Member[]): string {
    let out = jsdoc(docs, '') + `export class ${name} {\n  /** The case, as on the wire (snake_case). */\n  tag: string = '${snake(cases[0].name)}';\n`;
    for (const c of cases) if (c.type) out += jsdoc(c.docs, '  ') + `  ${camel(c.name)}: ${this.type({ kind: 'option', inner: c.type })} = null;\n`;
    out += `\n  toJSON(): JSONValue {\n    const o = JSONValue.object();\n    o.setString('tag', this.tag);\n`;
    for (const c of cases) if (c.type) out += `    if (this.tag == '${snake(c.name)}' && this.${camel(c.name)} != null) o.set('val', ${this.enc({ kind: 'option', inner: c.type }, `this.${camel(c.name)}`)});\n`;
    out += `    return o;\n  }\n\n  static fromJSON(j: JSONValue): ${name} {\n    const out = new ${name}();\n    if (!j.isObject) { decodeFailed('an object'); return out; }\n    out.tag = j.getString('tag');\n    const val = j.has('val') ? j.get('val')! : JSONValue.null();\n`;
    for (const c of cases) out += c.type
      ? `    if (out.tag == '${snake(c.name)}') { out.${camel(c.name)} = ${this.dec({ kind: 'option', inner: c.type }, 'val')}; return out; }\n`
      : `    if (out.tag == '${snake(c.name)}') return out;\n`;
    return out + `    decodeFailed('a known tag');\n    return out;\n  }\n}\n`;
  }

  declCode(d: TypeDecl): string {
    const name = pascal(d.name);
    switch (d.kind) {
      case 'alias': return ''; // inlined where used
      case 'enum': {
        let out = jsdoc(d.docs, '') + `export enum ${name} {\n${d.cases.map((c) => jsdoc(c.docs, '  ') + `  ${pascal(c.name)},`).join('\n')}\n}\n\n`;
        out += `export function encode${name}(v: ${name}): JSONValue {\n  switch (v) {\n${d.cases.map((c) => `    case ${name}.${pascal(c.name)}: return JSONValue.string('${snake(c.name)}');`).join('\n')}\n  }\n  return JSONValue.null();\n}\n\n`;
        out += `export function decode${name}(j: JSONValue): ${name} {\n  const s = j.isString ? j.str : '';\n${d.cases.map((c) => `  if (s == '${snake(c.name)}') return ${name}.${pascal(c.name)};`).join('\n')}\n  decodeFailed('a case of ${d.name}');\n  return ${name}.${pascal(d.cases[0].name)};\n}\n`;
        return out;
      }
      case 'flags': return this.classCode(name, d.docs, d.cases.map((c) => ({ ...c, type: { kind: 'prim', prim: 'bool' } })), true) + this.namedFns(name);
      case 'record': return this.classCode(name, d.docs, d.fields, true) + this.namedFns(name);
      case 'variant': return this.variantClass(name, d.docs, d.cases) + this.namedFns(name);
    }
  }
  private namedFns(name: string): string {
    return `\nexport function encode${name}(v: ${name}): JSONValue {\n  return v.toJSON();\n}\n\nexport function decode${name}(j: JSONValue): ${name} {\n  return ${name}.fromJSON(j);\n}\n`;
  }
  helperCode(): string { return [...this.helpers.values()].join('\n'); }
}

function jsdoc(docs: string, indent: string): string {
  if (!docs) return '';
  if (!docs.includes('\n')) return `${indent}/** ${docs.replace(/\*\//g, '*\\/')} */\n`;
  return `${indent}/**\n${docs.replace(/\*\//g, '*\\/').split('\n').map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

export function emitAssemblyScript(model: WitModel, opts: { header: string; runtime: string }): string {
  const w = new AsWriter(model);
  const decls = model.types.filter((d) => d.kind !== 'alias').map((d) => w.declCode(d));
  let out = `// ${opts.header}\n// WIT package ${model.packageId}; JSON wire format: docs/protocol.md §7.\n`;
  out += `import { JSONValue, base64Encode, base64Decode } from '${opts.runtime}';\n\n`;
  out += `/** What the last failed read expected ('' when every read since \`clearDecodeError()\` matched). */\nexport let decodeError: string = '';\nexport function clearDecodeError(): void { decodeError = ''; }\nfunction decodeFailed(want: string): void { if (decodeError == '') decodeError = 'expected ' + want; }\n\n`;
  out += `/** A value-typed option's payload (AssemblyScript has no nullable numbers). */\nexport class Box<T> {\n  constructor(public value: T) {}\n}\n\n`;
  out += decls.join('\n') + '\n' + w.classes.join('\n') + (w.classes.length ? '\n' : '') + w.helperCode();
  return out;
}
