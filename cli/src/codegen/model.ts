// The language-neutral model every emitter reads: the named types of a WIT package (plus one request record per
// function, the JSON request body of docs/protocol.md §1), built from the project's WIT front end.
import * as A from '../../../server/src/wit/ast';
import { loadPackageDir } from '../../../server/src/wit/loader';
import { analyze } from '../../../server/src/wit/program';
import { followAlias, type Resolution } from '../../../server/src/wit/resolve';
import type { SourceFile, WitSymbol } from '../../../server/src/wit/symbols';
import { readFile, stat } from 'node:fs/promises';

export type Prim = 'bool' | 's8' | 's16' | 's32' | 's64' | 'u8' | 'u16' | 'u32' | 'u64' | 'f32' | 'f64' | 'char' | 'string';

/** A type as used in a field, case, alias or parameter. `json` is WIT `type json = string`, embedded on the wire. */
export type TypeRef =
  | { kind: 'prim'; prim: Prim }
  | { kind: 'json' }
  | { kind: 'bytes' }
  | { kind: 'list'; elem: TypeRef }
  /** `list<tuple<string, T>>`: a JSON object. */
  | { kind: 'map'; value: TypeRef }
  | { kind: 'option'; inner: TypeRef }
  | { kind: 'result'; ok?: TypeRef; err?: TypeRef }
  | { kind: 'tuple'; types: TypeRef[] }
  | { kind: 'named'; name: string };

export interface Member { name: string; docs: string; type?: TypeRef }

export type TypeDecl =
  | { kind: 'record'; name: string; docs: string; fields: Member[] }
  | { kind: 'variant'; name: string; docs: string; cases: Member[] }
  | { kind: 'enum'; name: string; docs: string; cases: Member[] }
  | { kind: 'flags'; name: string; docs: string; cases: Member[] }
  | { kind: 'alias'; name: string; docs: string; target: TypeRef };

export interface WitModel {
  /** `ns:name@version` of the root package. */
  packageId: string;
  /** Declarations in source order (interfaces in file order), names unique (kebab-case). */
  types: TypeDecl[];
}

/** A located problem: WIT syntax/semantic error or an item a JSON plugin cannot carry. */
export interface CodegenProblem { file: string; line: number; col: number; message: string }

export class CodegenError extends Error {
  constructor(readonly problems: CodegenProblem[]) { super(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n')); }
}

function position(file: SourceFile, offset: number): { line: number; col: number } {
  const before = file.text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/** Reads a package directory (with deps/) or one file and builds the model; throws CodegenError on any problem. */
export async function loadWitModel(target: string): Promise<WitModel> {
  const st = await stat(target);
  const inputs = st.isDirectory()
    ? await loadPackageDir(target)
    : [{ path: target, text: await readFile(target, 'utf8'), group: 'root', isDep: false }];
  if (inputs.filter((i) => !i.isDep).length === 0) throw new CodegenError([{ file: target, line: 1, col: 1, message: 'no .wit files found' }]);
  return buildModel(analyze(inputs));
}

export function buildModel(res: Resolution): WitModel {
  const problems: CodegenProblem[] = [];
  for (const f of res.files) for (const d of f.diagnostics) {
    if (d.severity !== 'error') continue;
    const p = position(f, d.start);
    problems.push({ file: f.path, ...p, message: d.message });
  }
  if (problems.length) throw new CodegenError(problems);
  const root = res.packages.find((p) => p.isRoot) ?? res.packages[0];
  const b = new Builder();
  // Types of deps/ packages too (a root record may use them); functions only of the root package.
  for (const pkg of [...res.packages.filter((p) => p !== root), root]) {
    for (const file of pkg.files) {
      for (const item of file.parse.file.items) {
        if (item.kind === 'interface') b.addItems(file, `interface ${item.name.name}`, item.items, pkg === root);
        else if (item.kind === 'world') b.addWorld(file, item, pkg === root);
      }
    }
  }
  b.finish();
  if (b.problems.length) throw new CodegenError(b.problems);
  return { packageId: root.id, types: b.types };
}

function docsOf(d?: A.Docs): string { return d?.text.trim() ?? ''; }

class Builder {
  types: TypeDecl[] = [];
  problems: CodegenProblem[] = [];
  /** Definition node → its emitted (possibly qualified) name. */
  private names = new Map<unknown, string>();
  private pending: { file: SourceFile; iface: string; td: A.TypeDef }[] = [];
  private funcs: { file: SourceFile; iface: string; fn: A.FuncItem }[] = [];

  private fail(file: SourceFile, span: A.Span, message: string): void {
    this.problems.push({ file: file.path, ...position(file, span.start), message });
  }

  /** The types and functions of an interface (or of a world's inline interface / own type definitions). */
  addItems(file: SourceFile, owner: string, items: (A.InterfaceItem | A.WorldItem)[], withFuncs: boolean): void {
    for (const item of items) {
      if (item.kind === 'func') { if (withFuncs) this.funcs.push({ file, iface: owner, fn: item }); continue; }
      if (!A.isTypeDef(item)) continue;
      if (item.kind === 'resource') { if (withFuncs) this.fail(file, item.name, `resource \`${item.name.name}\` (${owner}) cannot be carried by a JSON plugin: resources are handles, not values`); continue; }
      this.pending.push({ file, iface: owner, td: item });
    }
  }

  /** A world's own types, its inline `import/export x: interface { … }` blocks and its functions. */
  addWorld(file: SourceFile, world: A.WorldNode, withFuncs: boolean): void {
    const owner = `world ${world.name.name}`;
    this.addItems(file, owner, world.items, withFuncs);
    for (const item of world.items) {
      if (item.kind !== 'import' && item.kind !== 'export') continue;
      const ex = item.extern;
      if (ex.kind === 'interface') this.addItems(file, `interface ${ex.name.name}`, ex.items, withFuncs);
      else if (ex.kind === 'func' && withFuncs) {
        this.funcs.push({ file, iface: owner, fn: { kind: 'func', name: ex.name, func: ex.func, attrs: item.attrs, start: ex.start, end: ex.end } });
      }
    }
  }

  finish(): void {
    // Names are flat in every target language: qualify a name by its interface only when two interfaces share it.
    const count = new Map<string, number>();
    for (const p of this.pending) count.set(p.td.name.name, (count.get(p.td.name.name) ?? 0) + 1);
    const short = (owner: string): string => owner.split(' ').pop()!;
    for (const p of this.pending) this.names.set(p.td, (count.get(p.td.name.name) ?? 0) > 1 ? `${short(p.iface)}-${p.td.name.name}` : p.td.name.name);
    const taken = new Set(this.names.values());
    for (const { file, td } of this.pending) {
      const name = this.names.get(td)!;
      const docs = docsOf(td.docs);
      switch (td.kind) {
        case 'record': this.types.push({ kind: 'record', name, docs, fields: td.fields.map((f) => ({ name: f.name.name, docs: docsOf(f.docs), type: this.ref(file, f.ty, `field \`${f.name.name}\` of record \`${td.name.name}\``) })) }); break;
        case 'variant': this.types.push({ kind: 'variant', name, docs, cases: td.cases.map((c) => ({ name: c.name.name, docs: docsOf(c.docs), type: c.ty ? this.ref(file, c.ty, `case \`${c.name.name}\` of variant \`${td.name.name}\``) : undefined })) }); break;
        case 'enum': case 'flags': this.types.push({ kind: td.kind, name, docs, cases: td.cases.map((c) => ({ name: c.name.name, docs: docsOf(c.docs) })) }); break;
        case 'alias': {
          if (isJsonAlias(td)) break; // `type json = string` is the embedded JSON value itself.
          this.types.push({ kind: 'alias', name, docs, target: this.ref(file, td.ty, `type \`${td.name.name}\``) });
          break;
        }
        case 'resource': break;
      }
    }
    for (const { file, iface, fn } of this.funcs) {
      if (fn.func.async) this.fail(file, fn.name, `async function \`${fn.name.name}\` (${iface.includes(' ') ? iface : `interface ${iface}`}) is not supported in a JSON plugin`);
      let name = `${fn.name.name}-request`;
      if (taken.has(name)) name = `${iface.split(' ').pop()}-${name}`;
      taken.add(name);
      const fields = fn.func.params.map((p) => ({ name: p.name.name, docs: '', type: this.ref(file, p.ty, `parameter \`${p.name.name}\` of function \`${fn.name.name}\``) }));
      if (fn.func.result) this.ref(file, fn.func.result, `result of function \`${fn.name.name}\``); // checked for unsupported types too
      this.types.push({ kind: 'record', name, docs: `The JSON request body of \`${fn.name.name}\` (${iface.includes(' ') ? iface.replace(' ', ' `') + '`' : `interface \`${iface}\``}): its parameters by name.`, fields });
    }
  }

  /** `where` names the item using the type ("field `a` of record `r`") for error messages. */
  private ref(file: SourceFile, t: A.TypeNode, where: string): TypeRef {
    const any: TypeRef = { kind: 'json' };
    const fail = (msg: string): TypeRef => { this.fail(file, t, `${where}: ${msg}`); return any; };
    switch (t.kind) {
      case 'prim': return { kind: 'prim', prim: t.name as Prim };
      case 'list': {
        if (t.size) return fail('fixed-size lists are not supported');
        if (t.elem.kind === 'prim' && t.elem.name === 'u8') return { kind: 'bytes' };
        if (t.elem.kind === 'tuple' && t.elem.types.length === 2 && t.elem.types[0].kind === 'prim' && t.elem.types[0].name === 'string') {
          return { kind: 'map', value: this.ref(file, t.elem.types[1], where) };
        }
        return { kind: 'list', elem: this.ref(file, t.elem, where) };
      }
      case 'option': return { kind: 'option', inner: this.ref(file, t.inner, where) };
      case 'result': return { kind: 'result', ok: t.ok && this.ref(file, t.ok, where), err: t.err && this.ref(file, t.err, where) };
      case 'tuple': return { kind: 'tuple', types: t.types.map((x) => this.ref(file, x, where)) };
      case 'named': {
        const r = file.references.find((x) => x.span.start === t.id.start);
        const target = r && followAlias(r.target);
        const td = target?.node as A.TypeDef | undefined;
        if (!target || !td) return fail(`cannot resolve type \`${t.id.name}\``);
        if (td.kind === 'resource') return fail(`resource \`${t.id.name}\` cannot be carried by a JSON plugin: resources are handles, not values`);
        if (td.kind === 'alias' && isJsonAlias(td)) return { kind: 'json' };
        const name = this.names.get(td);
        if (!name) return fail(`type \`${t.id.name}\` is not declared in an interface of this package or its deps/`);
        return { kind: 'named', name };
      }
      case 'handle': return fail(`${t.borrow ? 'borrow' : 'own'}<${t.id.name}> handle cannot be carried by a JSON plugin`);
      case 'future': case 'stream': return fail(`${t.kind} type is not supported in a JSON plugin`);
      case 'map': return fail('the `map` type is not supported yet; use list<tuple<string, T>>');
      case 'error-context': return fail('error-context is not supported in a JSON plugin');
      case 'missing': return fail('missing type');
    }
  }
}

function isJsonAlias(td: A.TypeDef): boolean {
  return td.kind === 'alias' && td.name.name === 'json' && td.ty.kind === 'prim' && td.ty.name === 'string';
}

export type { WitSymbol };
