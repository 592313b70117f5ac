// Resolves a set of parsed WIT files the way wit-parser loads a directory: the root files form one package, each
// deps/ entry (directory or single file) another, nested `package a:b { … }` blocks more. It binds every name to a
// symbol, records references (for navigation) and reports semantic errors with exact ranges. It keeps going after
// an error and avoids cascades (an unresolved name is reported once, where it is written).
import * as A from './ast';
import type { Diagnostic } from './diagnostics';
import type { ParseResult } from './parser';
import type { PackageUnit, Reference, SourceFile, SymbolKind, WitSymbol } from './symbols';
import { compareVersions, versionProblem } from './version';

export interface InputFile {
  path: string;
  text: string;
  parse: ParseResult;
  /** Files with the same group form one package (the root directory, or one deps/ entry). */
  group: string;
  isDep: boolean;
}

export interface Resolution {
  files: SourceFile[];
  packages: PackageUnit[];
  byPath: Map<string, SourceFile>;
}

/** One `package … { }` block or the top level of a file: the scope of its top-level `use` names. */
interface Section {
  file: SourceFile;
  pkg: PackageUnit;
  items: A.TopItem[];
  scope: Map<string, WitSymbol>;
}

export function resolve(inputs: InputFile[]): Resolution {
  return new Resolver(inputs).run();
}

class Resolver {
  private files: SourceFile[] = [];
  private packages = new Map<string, PackageUnit>();
  private allPackages: PackageUnit[] = [];
  private sections: Section[] = [];
  /** Interface/world symbol → the section it was declared in (for bare-name lookups). */
  private sectionOf = new Map<WitSymbol, Section>();
  private ifaceDeps = new Map<WitSymbol, { target: WitSymbol; file: SourceFile; span: A.Span }[]>();
  private worldElab = new Map<WitSymbol, Elaborated | 'busy'>();
  /** Package-level references by full name (`a:b/c`): packages must form a DAG, a package may not name itself. */
  private pkgDeps: { from: PackageUnit; to: PackageUnit; file: SourceFile; span: A.Span }[] = [];

  constructor(private readonly inputs: InputFile[]) {}

  run(): Resolution {
    for (const i of this.inputs) {
      this.files.push({ path: i.path, text: i.text, parse: i.parse, diagnostics: [...i.parse.diagnostics], scope: new Map(), symbols: [], references: [], isDep: i.isDep });
    }
    this.buildPackages();
    for (const s of this.sections) this.declareSection(s);
    for (const s of this.sections) this.resolveToplevelUses(s);
    for (const s of this.sections) for (const item of s.items) if (item.kind !== 'toplevel-use') this.declareBody(s, item);
    for (const s of this.sections) for (const item of s.items) if (item.kind !== 'toplevel-use') this.resolveUses(s, item);
    for (const s of this.sections) for (const item of s.items) if (item.kind !== 'toplevel-use') this.resolveBody(s, item);
    this.checkItemCycles();
    this.checkPackageCycles();
    for (const s of this.sections) for (const item of s.items) if (item.kind === 'world') this.elaborate(this.symOf(item)!);
    const byPath = new Map(this.files.map((f) => [f.path, f]));
    for (const f of this.files) dedupe(f.diagnostics);
    return { files: this.files, packages: this.allPackages, byPath };
  }

  // ---------- helpers ----------
  private err(file: SourceFile, span: A.Span, message: string, code: string): void {
    file.diagnostics.push({ start: span.start, end: span.end, message, severity: 'error', code });
  }
  private ref(file: SourceFile, span: A.Span, target: WitSymbol): void {
    file.references.push({ file, span: { start: span.start, end: span.end }, target });
  }
  private sym(kind: SymbolKind, name: A.Ident, node: { start: number; end: number; docs?: A.Docs }, file: SourceFile, container?: WitSymbol): WitSymbol {
    const s: WitSymbol = { kind, name: name.name, file, nameSpan: { start: name.start, end: name.end }, span: { start: node.start, end: node.end }, docs: node.docs, node, container };
    file.symbols.push(s);
    return s;
  }
  private nodeSym = new Map<unknown, WitSymbol>();
  private symOf(node: unknown): WitSymbol | undefined { return this.nodeSym.get(node); }

  // ---------- packages ----------
  private buildPackages(): void {
    const groups = new Map<string, SourceFile[]>();
    this.inputs.forEach((inp, idx) => {
      const list = groups.get(inp.group) ?? [];
      list.push(this.files[idx]);
      groups.set(inp.group, list);
    });
    for (const [, files] of groups) {
      let name: A.PackageName | undefined;
      let declFile: SourceFile | undefined;
      for (const f of files) {
        const decl = f.parse.file.packageDecl;
        if (!decl) continue;
        if (!name) { name = decl; declFile = f; continue; }
        if (A.packageNameText(decl) !== A.packageNameText(name)) {
          this.err(f, decl, `package identifier \`${A.packageNameText(decl)}\` does not match previous package name of \`${A.packageNameText(name)}\``, 'package-mismatch');
        }
      }
      const hasItems = files.some((f) => f.parse.file.items.length > 0 || f.parse.file.nested.length > 0 || f.parse.file.packageDecl);
      if (!name && hasItems && !files.some((f) => f.parse.file.headerBroken)) {
        const f = files.find((x) => x.parse.file.items.length > 0 || x.parse.file.nested.length > 0) ?? files[0];
        const first = f.parse.tokens[0];
        this.err(f, { start: first.start, end: first.end }, 'no `package` header was found in any WIT file for this package', 'no-package');
      }
      const unit = this.unit(name, declFile, files);
      for (const f of files) {
        f.pkg = unit;
        const section: Section = { file: f, pkg: unit, items: f.parse.file.items, scope: f.scope };
        this.sections.push(section);
        for (const nested of f.parse.file.nested) {
          const nu = this.unit(nested.name, f, [f], nested);
          this.sections.push({ file: f, pkg: nu, items: nested.items, scope: new Map() });
        }
      }
    }
  }

  private unit(name: A.PackageName | undefined, declFile: SourceFile | undefined, files: SourceFile[], nested?: A.NestedPackage): PackageUnit {
    const id = name ? A.packageNameText(name) : `<anonymous ${this.allPackages.length}>`;
    const unit: PackageUnit = { id, name, declFile, files, items: new Map(), isRoot: !files[0]?.isDep && !nested };
    if (name && declFile) {
      unit.symbol = { kind: 'package', name: id, file: declFile, nameSpan: { start: name.start, end: name.end }, span: nested ? { start: nested.start, end: nested.end } : { start: name.start, end: name.end }, docs: nested?.docs ?? declFile.parse.file.packageDecl?.docs, node: nested ?? declFile.parse.file.packageDecl, pkg: unit, members: unit.items };
      declFile.symbols.push(unit.symbol);
    }
    if (name) {
      const prev = this.packages.get(id);
      if (prev && declFile) this.err(declFile, name, `package \`${id}\` is defined in two different locations`, 'duplicate-package');
      else this.packages.set(id, unit);
    }
    this.allPackages.push(unit);
    return unit;
  }

  // ---------- declarations ----------
  private declareSection(s: Section): void {
    for (const item of s.items) {
      if (item.kind === 'toplevel-use') continue;
      const sym = this.sym(item.kind, item.name, item, s.file);
      sym.pkg = s.pkg;
      sym.members = new Map();
      sym.excluded = hasUnstable(item.attrs);
      this.nodeSym.set(item, sym);
      this.sectionOf.set(sym, s);
      if (s.pkg.items.has(item.name.name)) this.err(s.file, item.name, `duplicate item named \`${item.name.name}\``, 'duplicate');
      else s.pkg.items.set(item.name.name, sym);
      s.scope.set(item.name.name, sym);
      this.checkGates(s.file, s.pkg, item.attrs);
    }
  }

  private resolveToplevelUses(s: Section): void {
    for (const item of s.items) {
      if (item.kind !== 'toplevel-use') continue;
      this.checkGates(s.file, s.pkg, item.attrs);
      const localName = item.as ?? (item.path.kind === 'id' ? item.path.id : item.path.name);
      const target = this.lookupPath(s, item.path, 'any', true);
      const sym = this.sym('toplevel-use', localName, item, s.file);
      sym.aliasOf = target;
      sym.renamed = !!item.as;
      sym.pkg = s.pkg;
      this.nodeSym.set(item, sym);
      if (s.scope.has(localName.name)) this.err(s.file, localName, `duplicate name \`${localName.name}\` in this file`, 'duplicate');
      else s.scope.set(localName.name, sym);
    }
  }

  /** Finds the interface/world a use-path names. `want` restricts the kind; reports its own errors. */
  private lookupPath(s: Section, path: A.UsePath, want: 'interface' | 'world' | 'any', toplevel = false): WitSymbol | undefined {
    let target: WitSymbol | undefined;
    if (path.kind === 'id') {
      // A top-level `use x;` names a package item; inside items, file-level `use` names come first.
      let found = toplevel ? s.pkg.items.get(path.id.name) : s.scope.get(path.id.name) ?? s.pkg.items.get(path.id.name);
      if (found && found.kind === 'toplevel-use') {
        this.ref(s.file, path.id, found);
        found = found.aliasOf;
        if (!found) return undefined; // already reported at the `use`
      } else if (found) this.ref(s.file, path.id, found);
      if (!found) { this.err(s.file, path.id, `interface or world \`${path.id.name}\` does not exist`, 'unknown-name'); return undefined; }
      target = found;
    } else {
      const id = `${path.pkg.namespace.name}:${path.pkg.name.name}${path.pkg.version ? '@' + path.pkg.version.text : ''}`;
      const unit = this.packages.get(id);
      if (!unit) {
        this.err(s.file, path.pkg, `package '${id}' not found. known packages: ${[...this.packages.keys()].join(', ') || '(none)'}`, 'unknown-package');
        return undefined;
      }
      if (unit.symbol) this.ref(s.file, path.pkg, unit.symbol);
      this.pkgDeps.push({ from: s.pkg, to: unit, file: s.file, span: path.pkg });
      const found = unit.items.get(path.name.name);
      const what = want === 'world' ? 'world' : want === 'interface' ? 'interface' : 'interface or world';
      if (!found) { this.err(s.file, path.name, `${what} '${path.name.name}' not found in package '${id}'`, 'unknown-name'); return undefined; }
      this.ref(s.file, path.name, found);
      target = found;
    }
    const span = path.kind === 'id' ? path.id : path.name;
    if (want !== 'any' && target.kind !== want) {
      this.err(s.file, span, `name \`${target.name}\` is defined as ${target.kind === 'world' ? 'a world' : 'an interface'}, not ${want === 'world' ? 'a world' : 'an interface'}`, 'wrong-kind');
      return undefined;
    }
    return target;
  }

  private declareBody(s: Section, item: A.InterfaceNode | A.WorldNode): void {
    const owner = this.symOf(item)!;
    if (item.kind === 'interface') this.declareInterfaceItems(s, owner, item.items);
    else {
      for (const wi of item.items) {
        this.checkGates(s.file, s.pkg, wi.attrs);
        if (A.isTypeDef(wi)) this.declareTypeDef(s, owner, wi);
        else if (wi.kind === 'use') this.declareUse(s, owner, wi);
        else if ((wi.kind === 'import' || wi.kind === 'export') && wi.extern.kind === 'interface') {
          const inline = this.sym('interface', wi.extern.name, wi.extern, s.file, owner);
          inline.members = new Map();
          inline.pkg = s.pkg;
          inline.excluded = owner.excluded || hasUnstable(wi.attrs);
          this.nodeSym.set(wi.extern, inline);
          this.declareInterfaceItems(s, inline, wi.extern.items);
        }
      }
    }
  }

  private declareInterfaceItems(s: Section, owner: WitSymbol, items: A.InterfaceItem[]): void {
    for (const it of items) {
      this.checkGates(s.file, s.pkg, it.attrs);
      if (it.kind === 'func') {
        const f = this.sym('func', it.name, it, s.file, owner);
        f.excluded = owner.excluded || hasUnstable(it.attrs);
        this.nodeSym.set(it, f);
        this.addMember(s.file, owner, f, it.name);
        this.declareParams(s.file, f, it.func);
      } else if (it.kind === 'use') this.declareUse(s, owner, it);
      else this.declareTypeDef(s, owner, it);
    }
  }

  private useSyms = new Map<A.UseName, WitSymbol>();
  private declareUse(s: Section, owner: WitSymbol, u: A.UseNode): void {
    for (const n of u.names) {
      const local = n.as ?? n.name;
      const sym = this.sym('use', local, n, s.file, owner);
      sym.renamed = !!n.as;
      sym.excluded = owner.excluded || hasUnstable(u.attrs);
      this.useSyms.set(n, sym);
      this.addMember(s.file, owner, sym, local);
    }
  }

  /** All `use` statements are bound before any type is resolved (use chains across interfaces). */
  private resolveUses(s: Section, item: A.InterfaceNode | A.WorldNode): void {
    const owner = this.symOf(item)!;
    for (const it of item.items) {
      if (it.kind === 'use') this.resolveUse(s, owner, it);
      if ((it.kind === 'import' || it.kind === 'export') && it.extern.kind === 'interface') {
        const inline = this.symOf(it.extern)!;
        for (const x of it.extern.items) if (x.kind === 'use') this.resolveUse(s, inline, x);
      }
    }
  }

  private addMember(file: SourceFile, owner: WitSymbol, sym: WitSymbol, name: A.Ident): void {
    if (owner.members!.has(name.name)) this.err(file, name, `name \`${name.name}\` is defined more than once`, 'duplicate');
    else owner.members!.set(name.name, sym);
  }

  private declareParams(file: SourceFile, f: WitSymbol, func: A.FuncType, implicitSelf = false): void {
    const seen = new Set<string>(implicitSelf ? ['self'] : []);
    for (const p of func.params) {
      this.sym('param', p.name, p, file, f);
      if (seen.has(p.name.name)) this.err(file, p.name, `param \`${p.name.name}\` is defined more than once`, 'duplicate');
      seen.add(p.name.name);
    }
  }

  private declareTypeDef(s: Section, owner: WitSymbol, td: A.TypeDef): void {
    const t = this.sym('type', td.name, td, s.file, owner);
    t.excluded = owner.excluded || hasUnstable(td.attrs);
    t.members = new Map();
    this.nodeSym.set(td, t);
    this.addMember(s.file, owner, t, td.name);
    if (td.kind === 'record') for (const f of td.fields) t.members.set(f.name.name, this.sym('field', f.name, f, s.file, t));
    if (td.kind === 'variant' || td.kind === 'enum' || td.kind === 'flags') {
      for (const c of td.cases) t.members.set(c.name.name, this.sym('case', c.name, c, s.file, t));
      if (td.cases.length === 0 && td.kind !== 'flags') this.err(s.file, td.name, `empty ${td.kind}`, 'empty');
    }
    if (td.kind === 'resource' && td.funcs) {
      let ctor: A.ResourceFunc | undefined;
      for (const rf of td.funcs) {
        this.checkGates(s.file, s.pkg, rf.attrs);
        const f = this.sym('resource-func', rf.name, rf, s.file, t);
        f.excluded = t.excluded || hasUnstable(rf.attrs);
        this.nodeSym.set(rf, f);
        if (rf.kind === 'constructor') {
          if (ctor) this.err(s.file, rf.name, 'duplicate constructors', 'duplicate');
          ctor = rf;
        } else if (t.members.has(rf.name.name)) this.err(s.file, rf.name, `duplicate function name \`${rf.name.name}\``, 'duplicate');
        else t.members.set(rf.name.name, f);
        this.declareParams(s.file, f, rf.func, rf.kind === 'method');
      }
    }
  }

  // ---------- bodies ----------
  private resolveBody(s: Section, item: A.InterfaceNode | A.WorldNode): void {
    const owner = this.symOf(item)!;
    if (item.kind === 'interface') { this.resolveInterfaceItems(s, owner, item.items); return; }
    // worlds: types, then imports/exports/includes (uses were bound before)
    for (const wi of item.items) if (A.isTypeDef(wi)) this.resolveTypeDef(s, owner, wi);
    this.checkTypeCycles(s.file, owner);
    for (const wi of item.items) {
      if (wi.kind !== 'import' && wi.kind !== 'export') continue;
      const ex = wi.extern;
      const excluded = owner.excluded || hasUnstable(wi.attrs);
      if (ex.kind === 'func') {
        const f = this.sym(wi.kind, ex.name, wi, s.file, owner);
        f.excluded = excluded;
        this.nodeSym.set(wi, f);
        this.declareParams(s.file, f, ex.func);
        this.resolveFunc(s.file, owner, ex.func, ex.name.name, excluded);
      } else if (ex.kind === 'interface') {
        const inline = this.symOf(ex)!;
        this.resolveInterfaceItems(s, inline, ex.items);
      } else {
        const target = this.lookupPath(s, ex.path, 'interface');
        if (target) {
          this.noteDep(owner, target, s.file, ex.path.kind === 'id' ? ex.path.id : ex.path.name);
          this.checkExcludedRef(s.file, ex.path, target, excluded, 'interface');
        }
        if (ex.kind === 'named-path') {
          const f = this.sym(wi.kind, ex.name, wi, s.file, owner);
          f.aliasOf = target;
          this.nodeSym.set(wi, f);
        }
      }
    }
    for (const wi of item.items) {
      if (wi.kind !== 'include') continue;
      const target = this.lookupPath(s, wi.path, 'world');
      if (target) this.noteDep(owner, target, s.file, wi.path.kind === 'id' ? wi.path.id : wi.path.name);
    }
  }

  private resolveInterfaceItems(s: Section, owner: WitSymbol, items: A.InterfaceItem[]): void {
    for (const it of items) {
      if (it.kind === 'func') this.resolveFunc(s.file, owner, it.func, it.name.name, owner.excluded || hasUnstable(it.attrs));
      else if (it.kind !== 'use') this.resolveTypeDef(s, owner, it);
    }
    this.checkTypeCycles(s.file, owner);
  }

  private resolveUse(s: Section, owner: WitSymbol, u: A.UseNode): void {
    const excluded = owner.excluded || hasUnstable(u.attrs);
    const target = this.lookupPath(s, u.path, 'interface');
    if (target) {
      this.noteDep(owner.container && owner.kind === 'interface' ? owner.container : owner, target, s.file, u.path.kind === 'id' ? u.path.id : u.path.name);
      this.checkExcludedRef(s.file, u.path, target, excluded, 'interface');
    }
    for (const n of u.names) {
      const sym = this.useSyms.get(n)!;
      if (!target) continue;
      const orig = target.members?.get(n.name.name);
      if (!orig) { this.err(s.file, n.name, `name \`${n.name.name}\` does not exist`, 'unknown-name'); continue; }
      if (orig.kind !== 'type' && orig.kind !== 'use') { this.err(s.file, n.name, `cannot import function \`${n.name.name}\``, 'wrong-kind'); continue; }
      this.ref(s.file, n.name, orig);
      sym.aliasOf = orig;
      if (!excluded && orig.excluded && !target.excluded) this.err(s.file, n.name, 'found a reference to a type which is excluded due to its feature not being activated', 'excluded');
    }
  }

  private resolveTypeDef(s: Section, owner: WitSymbol, td: A.TypeDef): void {
    const t = this.symOf(td)!;
    const excluded = t.excluded ?? false;
    const visit = (ty: A.TypeNode) => this.resolveType(s.file, owner, ty, excluded);
    switch (td.kind) {
      case 'alias': visit(td.ty); break;
      case 'record': for (const f of td.fields) visit(f.ty); break;
      case 'variant': for (const c of td.cases) if (c.ty) visit(c.ty); break;
      case 'resource':
        for (const rf of td.funcs ?? []) {
          const fx = excluded || hasUnstable(rf.attrs);
          this.resolveFunc(s.file, owner, rf.func, rf.name.name, fx);
          if (rf.kind === 'constructor' && rf.func.result) {
            const r = rf.func.result;
            if (r.kind !== 'result') this.err(s.file, r, 'if a constructor return type is declared it must be a `result`', 'constructor');
            else if (!(r.ok && r.ok.kind === 'named' && this.lookupType(owner, r.ok.id.name) === t)) this.err(s.file, r.ok ?? r, 'the `ok` type must be the resource being constructed', 'constructor');
          }
        }
        break;
    }
  }

  private resolveFunc(file: SourceFile, owner: WitSymbol, func: A.FuncType, name: string, excluded: boolean): void {
    for (const p of func.params) this.resolveType(file, owner, p.ty, excluded);
    if (func.result) {
      this.resolveType(file, owner, func.result, excluded);
      if (this.containsBorrow(owner, func.result, new Set())) this.err(file, func.result, `function \`${name}\` returns a type which contains a \`borrow<T>\` which is not supported`, 'borrow-result');
    }
  }

  /** Looks a type name up in an interface/world scope; follows nothing. */
  private lookupType(owner: WitSymbol, name: string): WitSymbol | undefined {
    const m = owner.members?.get(name);
    return m && (m.kind === 'type' || m.kind === 'use') ? m : undefined;
  }

  private resolveType(file: SourceFile, owner: WitSymbol, ty: A.TypeNode, excluded: boolean): void {
    switch (ty.kind) {
      case 'named': case 'handle': {
        const m = this.lookupType(owner, ty.id.name);
        if (!m) {
          const other = owner.members?.get(ty.id.name);
          this.err(file, ty.id, other ? `type \`${ty.id.name}\` does not exist` : `name \`${ty.id.name}\` does not exist`, 'unknown-name');
          return;
        }
        this.ref(file, ty.id, m);
        const real = followAlias(m);
        if (!excluded && (m.excluded || real?.excluded) && !(m.kind === 'use' && m.aliasOf === undefined)) {
          this.err(file, ty.id, 'found a reference to a type which is excluded due to its feature not being activated', 'excluded');
        }
        if (ty.kind === 'handle' && real && !this.isResource(real)) this.err(file, ty.id, `type \`${ty.id.name}\` used in a handle must be a resource`, 'handle');
        return;
      }
      case 'list': case 'option': this.resolveType(file, owner, ty.kind === 'list' ? ty.elem : ty.inner, excluded); return;
      case 'result': if (ty.ok) this.resolveType(file, owner, ty.ok, excluded); if (ty.err) this.resolveType(file, owner, ty.err, excluded); return;
      case 'tuple': for (const t of ty.types) this.resolveType(file, owner, t, excluded); return;
      case 'future': case 'stream': if (ty.inner) this.resolveType(file, owner, ty.inner, excluded); return;
      case 'map': this.resolveType(file, owner, ty.key, excluded); this.resolveType(file, owner, ty.value, excluded); return;
    }
  }

  /** Whether a type symbol (after following `use` and aliases) is a resource. */
  private isResource(sym: WitSymbol, seen = new Set<WitSymbol>()): boolean {
    if (seen.has(sym)) return false;
    seen.add(sym);
    const node = sym.node as A.TypeDef;
    if (node.kind === 'resource') return true;
    if (node.kind === 'alias' && node.ty.kind === 'named' && sym.container) {
      const m = this.lookupType(sym.container, node.ty.id.name);
      const real = m && followAlias(m);
      return !!real && this.isResource(real, seen);
    }
    return false;
  }

  private containsBorrow(owner: WitSymbol, ty: A.TypeNode, seen: Set<WitSymbol>): boolean {
    switch (ty.kind) {
      case 'handle': return ty.borrow;
      case 'named': {
        const m = this.lookupType(owner, ty.id.name);
        const real = m && followAlias(m);
        if (!real || seen.has(real) || !real.container) return false;
        seen.add(real);
        const td = real.node as A.TypeDef;
        const sub = (t: A.TypeNode) => this.containsBorrow(real.container!, t, seen);
        if (td.kind === 'alias') return sub(td.ty);
        if (td.kind === 'record') return td.fields.some((f) => sub(f.ty));
        if (td.kind === 'variant') return td.cases.some((c) => c.ty !== undefined && sub(c.ty));
        return false;
      }
      case 'list': return this.containsBorrow(owner, ty.elem, seen);
      case 'option': return this.containsBorrow(owner, ty.inner, seen);
      case 'result': return (!!ty.ok && this.containsBorrow(owner, ty.ok, seen)) || (!!ty.err && this.containsBorrow(owner, ty.err, seen));
      case 'tuple': return ty.types.some((t) => this.containsBorrow(owner, t, seen));
      case 'future': case 'stream': return false;
      case 'map': return this.containsBorrow(owner, ty.key, seen) || this.containsBorrow(owner, ty.value, seen);
      default: return false;
    }
  }

  private checkTypeCycles(file: SourceFile, owner: WitSymbol): void {
    const state = new Map<WitSymbol, 1 | 2>();
    const deps = (t: WitSymbol): { target: WitSymbol; at: A.Span }[] => {
      const out: { target: WitSymbol; at: A.Span }[] = [];
      const walk = (ty: A.TypeNode) => {
        switch (ty.kind) {
          case 'named': { const m = this.lookupType(owner, ty.id.name); if (m && m.kind === 'type') out.push({ target: m, at: ty.id }); return; }
          case 'list': walk(ty.elem); return;
          case 'option': walk(ty.inner); return;
          case 'result': if (ty.ok) walk(ty.ok); if (ty.err) walk(ty.err); return;
          case 'tuple': ty.types.forEach(walk); return;
          case 'future': case 'stream': if (ty.inner) walk(ty.inner); return;
          case 'map': walk(ty.key); walk(ty.value); return;
        }
      };
      const td = t.node as A.TypeDef;
      if (td.kind === 'alias') walk(td.ty);
      else if (td.kind === 'record') td.fields.forEach((f) => walk(f.ty));
      else if (td.kind === 'variant') td.cases.forEach((c) => c.ty && walk(c.ty));
      return out;
    };
    const reported = new Set<WitSymbol>();
    const dfs = (t: WitSymbol): void => {
      state.set(t, 1);
      for (const d of deps(t)) {
        const st = state.get(d.target);
        if (st === 1) {
          if (!reported.has(d.target)) { reported.add(d.target); this.err(file, d.at, `type \`${d.target.name}\` depends on itself`, 'cycle'); }
        } else if (st === undefined) dfs(d.target);
      }
      state.set(t, 2);
    };
    for (const m of owner.members?.values() ?? []) if (m.kind === 'type' && m.file === file && !state.has(m)) dfs(m);
  }

  private checkExcludedRef(file: SourceFile, path: A.UsePath, target: WitSymbol, excluded: boolean, what: string): void {
    if (!excluded && target.excluded) this.err(file, path, `found a reference to a ${what} which is excluded due to its feature not being activated`, 'excluded');
  }

  // ---------- gates ----------
  private checkGates(file: SourceFile, pkg: PackageUnit, attrs: A.Attribute[]): void {
    let since: A.Attribute | undefined;
    let unstable: A.Attribute | undefined;
    let deprecated: A.Attribute | undefined;
    let externalId: A.Attribute | undefined;
    for (const a of attrs) {
      if (a.kind === 'external-id') {
        if (externalId) this.err(file, a, 'cannot specify @external-id twice', 'gate');
        externalId = a;
      }
      if (a.kind === 'since') {
        if (since) this.err(file, a, 'cannot specify @since twice', 'gate');
        since = a;
      } else if (a.kind === 'unstable') {
        if (unstable) this.err(file, a, 'cannot specify @unstable twice', 'gate');
        unstable = a;
      } else if (a.kind === 'deprecated') {
        if (deprecated) this.err(file, a, 'cannot specify @deprecated twice', 'gate');
        deprecated = a;
      }
      if ((a.kind === 'since' || a.kind === 'deprecated') && a.version && !versionProblem(a.version.text)) {
        const pv = pkg.name?.version?.text;
        if (pkg.name && !pv) this.err(file, a, `package [${pkg.id}] contains a feature gate with a version specifier, so it must have a version`, 'gate');
        else if (pv && a.kind === 'since' && !versionProblem(pv) && compareVersions(a.version.text, pv) > 0) {
          this.err(file, a.version, `feature gate cannot reference unreleased version ${a.version.text} of package [${pkg.id}] (current version ${pv})`, 'gate');
        }
      }
    }
    if (since && unstable) this.err(file, unstable, 'cannot specify both @since and @unstable', 'gate');
    if (deprecated && !since && !unstable) this.err(file, deprecated, 'cannot specify @deprecated without @since or @unstable', 'gate');
  }

  // ---------- interface/world dependency cycles ----------
  private noteDep(from: WitSymbol, target: WitSymbol, file: SourceFile, span: A.Span): void {
    const list = this.ifaceDeps.get(from) ?? [];
    list.push({ target, file, span });
    this.ifaceDeps.set(from, list);
  }

  private checkItemCycles(): void {
    const state = new Map<WitSymbol, 1 | 2>();
    const dfs = (n: WitSymbol) => {
      state.set(n, 1);
      for (const d of this.ifaceDeps.get(n) ?? []) {
        const st = state.get(d.target);
        if (st === 1) this.err(d.file, d.span, `interface or world \`${d.target.name}\` depends on itself`, 'cycle');
        else if (st === undefined) dfs(d.target);
      }
      state.set(n, 2);
    };
    for (const n of this.ifaceDeps.keys()) if (!state.has(n)) dfs(n);
  }

  private checkPackageCycles(): void {
    const edges = new Map<PackageUnit, typeof this.pkgDeps>();
    for (const d of this.pkgDeps) edges.set(d.from, [...(edges.get(d.from) ?? []), d]);
    const state = new Map<PackageUnit, 1 | 2>();
    const reported = new Set<PackageUnit>();
    const dfs = (p: PackageUnit) => {
      state.set(p, 1);
      for (const d of edges.get(p) ?? []) {
        const st = state.get(d.to);
        if (st === 1) {
          if (!reported.has(d.to)) { reported.add(d.to); this.err(d.file, d.span, `package \`${d.to.id}\` creates a dependency cycle`, 'cycle'); }
        } else if (st === undefined) dfs(d.to);
      }
      state.set(p, 2);
    };
    for (const p of edges.keys()) if (!state.has(p)) dfs(p);
  }

  // ---------- worlds: imports/exports, includes ----------
  private elaborate(world: WitSymbol): Elaborated | undefined {
    const done = this.worldElab.get(world);
    if (done === 'busy') return undefined;
    if (done) return done;
    this.worldElab.set(world, 'busy');
    const node = world.node as A.WorldNode;
    const file = world.file;
    const s = this.sectionOf.get(world)!;
    const el: Elaborated = { imports: new Map(), exports: new Map(), importIfaces: new Set(), exportIfaces: new Set() };
    const worldTypes = new Map<string, A.Span>();
    for (const wi of node.items) {
      if (A.isTypeDef(wi)) worldTypes.set(wi.name.name, wi.name);
      if (wi.kind === 'use') for (const n of wi.names) worldTypes.set((n.as ?? n.name).name, n.as ?? n.name);
    }
    for (const wi of node.items) {
      if (wi.kind !== 'import' && wi.kind !== 'export') continue;
      const ex = wi.extern;
      const isImport = wi.kind === 'import';
      const names = isImport ? el.imports : el.exports;
      if (ex.kind === 'path') {
        const target = this.pathTarget(s, ex.path);
        if (!target || target.kind !== 'interface') continue;
        const set = isImport ? el.importIfaces : el.exportIfaces;
        if (set.has(target)) this.err(file, ex.path, `interface cannot be ${isImport ? 'imported' : 'exported'} more than once`, 'duplicate');
        set.add(target);
        continue;
      }
      const what = ex.kind === 'func' ? 'func' : 'interface';
      const prev = names.get(ex.name.name);
      const folded = [...names.keys()].find((n) => n !== ex.name.name && n.toLowerCase() === ex.name.name.toLowerCase());
      if (prev) this.err(file, ex.name, `${wi.kind} \`${ex.name.name}\` conflicts with prior ${prev} of same name`, 'duplicate');
      else if (folded) this.err(file, ex.name, `${wi.kind} \`${ex.name.name}\` in world \`${world.name}\` conflicts with ${wi.kind} \`${folded}\` (kebab-case identifiers are case-insensitive)`, 'duplicate');
      else if (isImport && worldTypes.has(ex.name.name)) this.err(file, ex.name, `import \`${ex.name.name}\` conflicts with prior type of same name`, 'duplicate');
      else names.set(ex.name.name, what);
    }
    for (const wi of node.items) {
      if (wi.kind !== 'include') continue;
      const target = this.pathTarget(s, wi.path);
      if (!target || target.kind !== 'world') continue;
      const inc = this.elaborate(target);
      if (!inc) continue;
      const renames = new Map<string, string>();
      for (const w of wi.with) {
        if (!inc.imports.has(w.from.name) && !inc.exports.has(w.from.name)) {
          this.err(file, w.from, `no import or export kebab-name \`${w.from.name}\`. Note that an ID does not support renaming`, 'include');
        }
        renames.set(w.from.name, w.to.name);
      }
      for (const [dir, src, dst, dstSet, srcSet] of [['import', inc.imports, el.imports, el.importIfaces, inc.importIfaces], ['export', inc.exports, el.exports, el.exportIfaces, inc.exportIfaces]] as const) {
        for (const [name, what] of src) {
          const n = renames.get(name) ?? name;
          if (dst.has(n) || (dir === 'import' && worldTypes.has(n))) {
            this.err(file, wi.path, `${dir} of \`${n}\` shadows previously ${dir}ed items`, 'include-conflict');
          } else dst.set(n, what);
        }
        for (const i of srcSet) dstSet.add(i);
      }
    }
    this.worldElab.set(world, el);
    return el;
  }

  /** Resolves a path again without reporting (errors were reported in resolveBody). */
  private pathTarget(s: Section, path: A.UsePath): WitSymbol | undefined {
    if (path.kind === 'id') {
      const f = s.scope.get(path.id.name) ?? s.pkg.items.get(path.id.name);
      return f?.kind === 'toplevel-use' ? f.aliasOf : f;
    }
    const id = `${path.pkg.namespace.name}:${path.pkg.name.name}${path.pkg.version ? '@' + path.pkg.version.text : ''}`;
    return this.packages.get(id)?.items.get(path.name.name);
  }
}

interface Elaborated {
  imports: Map<string, string>;
  exports: Map<string, string>;
  importIfaces: Set<WitSymbol>;
  exportIfaces: Set<WitSymbol>;
}

function hasUnstable(attrs: A.Attribute[]): boolean {
  return attrs.some((a) => a.kind === 'unstable');
}

/** Follows `use` aliases to the defining symbol. */
export function followAlias(sym: WitSymbol): WitSymbol | undefined {
  let s: WitSymbol | undefined = sym;
  const seen = new Set<WitSymbol>();
  while (s && (s.kind === 'use' || s.kind === 'toplevel-use') && !seen.has(s)) { seen.add(s); s = s.aliasOf; }
  return s && (s.kind === 'use' || s.kind === 'toplevel-use') ? undefined : s;
}

function dedupe(diags: Diagnostic[]): void {
  const seen = new Set<string>();
  let w = 0;
  for (const d of diags) {
    const key = `${d.start}:${d.end}:${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diags[w++] = d;
  }
  diags.length = w;
  diags.sort((a, b) => a.start - b.start || a.end - b.end);
}

export type { Reference };
