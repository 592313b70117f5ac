// Recursive-descent WIT parser following wit-parser's grammar (ast.rs). It never throws: a syntax error becomes a
// diagnostic, the parser skips to the next item boundary and goes on, and partially parsed items stay in the tree
// (so one typo does not turn every later reference into "unknown name").
import type * as A from './ast';
import type { Diagnostic } from './diagnostics';
import { lex, type Comment, type Token } from './lexer';
import { identifierProblem } from './names';
import { versionProblem } from './version';

export interface ParseResult {
  file: A.WitFile;
  tokens: Token[];
  comments: Comment[];
  diagnostics: Diagnostic[];
}

class SyntaxError_ extends Error {
  constructor(readonly start: number, readonly end: number, message: string) { super(message); }
}

const TOP_STARTS = new Set(['interface', 'world', 'use', 'package']);
const ITEM_STARTS = new Set(['use', 'type', 'record', 'variant', 'enum', 'flags', 'resource', 'import', 'export', 'include', 'interface', 'world', 'package', 'constructor']);
const PRIMS = new Set(['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'bool', 'string']);

export function parse(text: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const { tokens, comments } = lex(text, diagnostics);
  const p = new Parser(text, tokens.filter((t) => t.kind !== 'error'), comments, diagnostics);
  const file = p.parseFile();
  return { file, tokens, comments, diagnostics };
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof': return 'eof';
    case 'id': return `an identifier \`${t.text}\``;
    case 'explicit-id': return `an identifier \`%${t.text}\``;
    case 'keyword': return `keyword \`${t.text}\``;
    case 'integer': return 'an integer';
    case 'string': return 'a string';
    default: return `'${t.text}'`;
  }
}

class Parser {
  private pos = 0;
  /** Index into `comments` of the first comment not yet consumed as docs. */
  private partial: unknown;

  constructor(private readonly text: string, private readonly toks: Token[], private readonly comments: Comment[], private readonly diags: Diagnostic[]) {}

  // ---- token helpers ----
  private peek(k = 0): Token { return this.toks[Math.min(this.pos + k, this.toks.length - 1)]; }
  private next(): Token { const t = this.peek(); if (t.kind !== 'eof') this.pos++; return t; }
  private prevEnd(): number { return this.pos > 0 ? this.toks[this.pos - 1].end : 0; }
  private is(kind: string, text?: string, k = 0): boolean {
    const t = this.peek(k);
    if (kind === 'keyword') return t.kind === 'keyword' && (text === undefined || t.text === text);
    return t.kind === kind;
  }
  private kw(text: string, k = 0): boolean { return this.is('keyword', text, k); }
  private eat(kind: string, text?: string): Token | undefined {
    if (this.is(kind, text)) return this.next();
    return undefined;
  }
  private fail(expected: string, t = this.peek()): never {
    throw new SyntaxError_(t.start, Math.max(t.end, t.start + (t.kind === 'eof' ? 0 : 1)), `expected ${expected}, found ${describe(t)}`);
  }
  private expect(kind: string, text?: string): Token {
    const t = this.eat(kind, text);
    if (t) return t;
    return this.fail(text ? `\`${text}\`` : kind.length <= 2 ? `'${kind}'` : kind);
  }
  private expectSemi(): void {
    if (this.eat(';')) return;
    const t = this.peek();
    // Point at the end of the previous token, where the `;` is missing (what a user wants to see).
    const at = this.prevEnd();
    throw new SyntaxError_(at, at, `expected ';', found ${describe(t)}`);
  }
  private report(e: unknown): void {
    if (e instanceof SyntaxError_) this.diags.push({ start: e.start, end: e.end, message: e.message, severity: 'error', code: 'syntax' });
    else throw e;
  }

  // ---- docs ----
  private docsBefore(offset: number): A.Docs | undefined {
    // Doc comments directly before `offset` (only whitespace and other comments between them and the token).
    let idx = lowerBound(this.comments, offset) - 1;
    const picked: Comment[] = [];
    let limit = offset;
    const prevTokEnd = this.prevEnd();
    while (idx >= 0) {
      const c = this.comments[idx];
      if (c.end > limit || c.start < prevTokEnd) break;
      if (!/^\s*$/.test(this.text.slice(c.end, limit))) break;
      if (c.doc) picked.unshift(c);
      limit = c.start;
      idx--;
    }
    if (picked.length === 0) return undefined;
    const lines = picked.map((c) => c.block ? c.text.slice(3, -2).split('\n').map((l) => l.replace(/^\s*\*? ?/, '')).join('\n').trim() : c.text.slice(3).replace(/^ /, ''));
    return { text: lines.join('\n'), spans: picked.map((c) => ({ start: c.start, end: c.end })) };
  }

  // ---- names, versions ----
  private parseId(): A.Ident {
    const t = this.peek();
    if (t.kind === 'id' || t.kind === 'explicit-id') {
      this.next();
      const problem = identifierProblem(t.text);
      if (problem) this.diags.push({ start: t.start, end: t.end, message: problem, severity: 'error', code: 'identifier' });
      return { start: t.start, end: t.end, name: t.text, explicit: t.kind === 'explicit-id' };
    }
    return this.fail('an identifier');
  }

  private parseVersion(): A.VersionNode {
    const start = this.expect('integer').start;
    this.expect('.'); this.expect('integer'); this.expect('.');
    let end = this.expect('integer').end;
    const eatIds = (prefix: string) => {
      if (!this.eat(prefix)) return;
      for (;;) {
        // Like wit-parser, a `-`/`+` with nothing after it is consumed and ignored (`1.0.0-;` reads as 1.0.0).
        const t = this.peek();
        if (t.kind === 'integer' || t.kind === 'id' || t.kind === 'keyword') { this.next(); end = t.end; } else break;
        if (this.is('.') && ['integer', 'id', 'keyword'].includes(this.peek(1).kind)) this.next(); else break;
      }
    };
    eatIds('-');
    eatIds('+');
    const text = this.text.slice(start, end);
    const problem = versionProblem(text);
    if (problem) this.diags.push({ start, end, message: problem, severity: 'error', code: 'version' });
    return { start, end, text };
  }

  private parseOptVersion(): A.VersionNode | undefined {
    if (!this.eat('@')) return undefined;
    return this.parseVersion();
  }

  private parsePackageName(): A.PackageName {
    const namespace = this.parseId();
    this.expect(':');
    const name = this.parseId();
    const version = this.parseOptVersion();
    return { start: namespace.start, end: this.prevEnd(), namespace, name, version };
  }

  private parseUsePath(): A.UsePath {
    const id = this.parseId();
    if (this.eat(':')) {
      const pkgName = this.parseId();
      const pkg: A.PackageName = { start: id.start, end: pkgName.end, namespace: id, name: pkgName };
      this.expect('/');
      const name = this.parseId();
      pkg.version = this.parseOptVersion();
      return { kind: 'package', start: id.start, end: this.prevEnd(), pkg, name };
    }
    return { kind: 'id', start: id.start, end: id.end, id };
  }

  private parseAttributes(): A.Attribute[] {
    const attrs: A.Attribute[] = [];
    while (this.is('@')) {
      const at = this.next();
      const nameTok = this.peek();
      if (nameTok.kind !== 'id' && nameTok.kind !== 'keyword') this.fail('an identifier');
      this.next();
      let name = nameTok.text;
      // `external-id` lexes as one identifier; accept it.
      if (name === 'since' || name === 'deprecated') {
        this.expect('(');
        const field = this.peek();
        if (!(field.kind === 'id' && field.text === 'version')) this.fail('`version`');
        this.next();
        this.expect('=');
        const version = this.parseVersion();
        this.expect(')');
        attrs.push({ kind: name, start: at.start, end: this.prevEnd(), version } as A.Attribute);
      } else if (name === 'unstable') {
        this.expect('(');
        const field = this.peek();
        if (!(field.kind === 'id' && field.text === 'feature')) this.fail('`feature`');
        this.next();
        this.expect('=');
        const feature = this.parseId();
        this.expect(')');
        attrs.push({ kind: 'unstable', start: at.start, end: this.prevEnd(), feature });
      } else if (name === 'external-id') {
        this.expect('(');
        const s = this.expect('string');
        this.expect(')');
        attrs.push({ kind: 'external-id', start: at.start, end: this.prevEnd(), value: s.text });
      } else {
        name = nameTok.text;
        throw new SyntaxError_(nameTok.start, nameTok.end, `unknown attribute \`${name}\``);
      }
    }
    return attrs;
  }

  // ---- recovery ----
  /**
   * Skips to the end of the broken item: first out of any `{` the item opened and did not close (so a typo inside a
   * record does not end the enclosing interface), then to just after the next `;`, or to the next item start /
   * closing `}` of the current body.
   */
  private sync(startPos: number): void {
    let depth = 0;
    for (let k = startPos; k < this.pos; k++) {
      if (this.toks[k].kind === '{') depth++;
      else if (this.toks[k].kind === '}' && depth > 0) depth--;
    }
    // Always make progress, or a stray token would be reported forever.
    if (this.pos === startPos && this.peek().kind !== 'eof') {
      const t = this.next();
      if (t.kind === '{') depth++;
    }
    const opened = depth;
    while (!this.is('eof')) {
      const t = this.peek();
      if (t.kind === '{') depth++;
      else if (t.kind === '}') {
        if (depth === 0) return;
        depth--;
        if (depth === 0) { this.next(); if (opened > 0 || this.startsLine(this.pos)) return; continue; }
      } else if (t.kind === ';' && depth === 0) { this.next(); return; }
      else if (depth === 0 && (t.kind === '@' || (t.kind === 'keyword' && ITEM_STARTS.has(t.text))) && this.startsLine(this.pos)) return;
      this.next();
    }
  }
  private startsLine(idx: number): boolean {
    const t = this.toks[idx];
    if (!t || idx === 0) return true;
    return this.text.slice(this.toks[idx - 1].end, t.start).includes('\n');
  }

  // ---- file ----
  parseFile(): A.WitFile {
    const file: A.WitFile = { start: 0, end: this.text.length, items: [], nested: [] };
    // `package a:b;` header (but `package a:b { … }` is a nested package)
    if (this.kw('package')) {
      const save = this.pos;
      const docs = this.docsBefore(this.peek().start);
      this.next();
      try {
        const name = this.parsePackageName();
        if (this.eat(';')) file.packageDecl = { ...name, docs };
        else if (this.is('{')) this.pos = save;
        else this.expectSemi();
      } catch (e) {
        this.report(e);
        file.headerBroken = true;
        this.sync(save);
      }
    }
    while (!this.is('eof')) {
      const startPos = this.pos;
      this.partial = undefined;
      try {
        if (this.is('}')) this.fail('`world`, `interface` or `use`');
        const docs = this.docsBefore(this.peek().start);
        const attrStart = this.peek().start;
        const attrs = this.parseAttributes();
        if (this.kw('package')) {
          if (attrs.length) throw new SyntaxError_(attrStart, this.prevEnd(), 'cannot place attributes on nested packages');
          file.nested.push(this.parseNested(docs));
        } else {
          file.items.push(this.parseTopItem(docs, attrs, attrStart));
        }
      } catch (e) {
        this.report(e);
        this.keepPartial(file.items);
        this.sync(startPos);
      }
    }
    return file;
  }

  private keepPartial<T>(into: T[]): void {
    if (this.partial) { into.push(this.partial as T); this.partial = undefined; }
  }

  private parseNested(docs: A.Docs | undefined): A.NestedPackage {
    const start = this.expect('keyword', 'package').start;
    const name = this.parsePackageName();
    this.expect('{');
    const nested: A.NestedPackage = { start, end: start, name, docs, items: [] };
    while (!this.is('}') && !this.is('eof')) {
      const startPos = this.pos;
      this.partial = undefined;
      try {
        const d = this.docsBefore(this.peek().start);
        const attrStart = this.peek().start;
        const attrs = this.parseAttributes();
        if (this.kw('package')) this.fail('`world`, `interface` or `use`');
        nested.items.push(this.parseTopItem(d, attrs, attrStart));
      } catch (e) {
        this.report(e);
        this.keepPartial(nested.items);
        this.sync(startPos);
      }
    }
    this.expect('}');
    nested.end = this.prevEnd();
    return nested;
  }

  private parseTopItem(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.TopItem {
    if (this.kw('interface')) return this.parseInterface(docs, attrs, start);
    if (this.kw('world')) return this.parseWorld(docs, attrs, start);
    if (this.kw('use')) {
      this.next();
      const path = this.parseUsePath();
      const as = this.eat('keyword', 'as') ? this.parseId() : undefined;
      this.expectSemi();
      return { kind: 'toplevel-use', start, end: this.prevEnd(), docs, attrs, path, as };
    }
    return this.fail('`world`, `interface` or `use`');
  }

  private parseInterface(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.InterfaceNode {
    this.expect('keyword', 'interface');
    const name = this.parseId();
    const node: A.InterfaceNode = { kind: 'interface', start, end: name.end, docs, attrs, name, items: [], body: { start: name.end, end: name.end } };
    this.parseBody(node, (d, a, s) => this.parseInterfaceItem(d, a, s));
    return node;
  }

  private parseWorld(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.WorldNode {
    this.expect('keyword', 'world');
    const name = this.parseId();
    const node: A.WorldNode = { kind: 'world', start, end: name.end, docs, attrs, name, items: [], body: { start: name.end, end: name.end } };
    this.parseBody(node, (d, a, s) => this.parseWorldItem(d, a, s));
    return node;
  }

  /** `{ item* }` with per-item recovery; the node stays usable (as a partial) if the body is cut short. */
  private parseBody<T>(node: { items: T[]; body: A.Span; end: number }, item: (docs: A.Docs | undefined, attrs: A.Attribute[], start: number) => T): void {
    this.partial = node;
    const open = this.expect('{');
    node.body.start = open.start;
    while (!this.is('}') && !this.is('eof')) {
      const startPos = this.pos;
      this.partial = undefined;
      try {
        const docs = this.docsBefore(this.peek().start);
        const start = this.peek().start;
        const attrs = this.parseAttributes();
        node.items.push(item(docs, attrs, start));
      } catch (e) {
        this.report(e);
        this.keepPartial(node.items);
        this.sync(startPos);
        if (this.is('keyword') && TOP_STARTS.has(this.peek().text) && this.peek().text !== 'use' && this.startsLine(this.pos)) break;
      }
    }
    this.partial = node;
    node.end = node.body.end = this.prevEnd(); // a body cut short still covers what was parsed
    const close = this.expect('}');
    this.partial = undefined;
    node.body.end = close.end;
    node.end = close.end;
  }

  private parseInterfaceItem(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.InterfaceItem {
    if (this.kw('use')) return this.parseUse(docs, attrs, start);
    const td = this.tryTypeDef(docs, attrs, start);
    if (td) return td;
    if (this.is('id') || this.is('explicit-id')) {
      const name = this.parseId();
      this.expect(':');
      const func = this.parseFuncType();
      this.expectSemi();
      return { kind: 'func', start, end: this.prevEnd(), docs, attrs, name, func };
    }
    return this.fail('`type`, `resource` or `func`');
  }

  private parseWorldItem(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.WorldItem {
    if (this.kw('use')) return this.parseUse(docs, attrs, start);
    if (this.kw('import') || this.kw('export')) {
      const kind = this.next().text as 'import' | 'export';
      const extern = this.parseExtern();
      return { kind, start, end: this.prevEnd(), docs, attrs, extern };
    }
    if (this.kw('include')) {
      this.next();
      const path = this.parseUsePath();
      const withNames: A.IncludeName[] = [];
      if (this.eat('keyword', 'with')) {
        this.parseList('{', '}', () => {
          const from = this.parseId();
          this.expect('keyword', 'as');
          const to = this.parseId();
          withNames.push({ start: from.start, end: to.end, from, to });
        });
      } else this.expectSemi();
      return { kind: 'include', start, end: this.prevEnd(), docs, attrs, path, with: withNames };
    }
    const td = this.tryTypeDef(docs, attrs, start);
    if (td) return td;
    return this.fail('`import`, `export`, `include`, `use`, or type definition');
  }

  private parseExtern(): A.ExternKind {
    const start = this.peek().start;
    const idAt = (k: number) => this.is('id', undefined, k) || this.is('explicit-id', undefined, k);
    // `import x:y/z;` is a package path; `import x: y;` / `import x: func…` a plain name.
    if (idAt(0) && this.is(':', undefined, 1) && !(idAt(2) && this.is('/', undefined, 3))) {
      const name = this.parseId();
      this.expect(':');
      if (this.kw('func') || this.kw('async')) {
        const func = this.parseFuncType();
        this.expectSemi();
        return { kind: 'func', start, end: this.prevEnd(), name, func };
      }
      if (this.kw('interface')) {
        this.next();
        const node = { kind: 'interface' as const, start, end: start, name, items: [] as A.InterfaceItem[], body: { start, end: start } };
        try {
          this.parseBody(node, (d, a, s) => this.parseInterfaceItem(d, a, s));
        } catch (e) {
          this.partial = undefined; // an ExternKind is not a world item; the enclosing import is dropped
          throw e;
        }
        return node;
      }
      if (this.is('id') || this.is('explicit-id')) {
        const path = this.parseUsePath();
        this.expectSemi();
        return { kind: 'named-path', start, end: this.prevEnd(), name, path };
      }
      // `import a:b;` — a package is not importable; report like wit-parser (as a missing interface path).
      this.fail('`func`, `interface` or an interface path');
    }
    const path = this.parseUsePath();
    this.expectSemi();
    return { kind: 'path', start, end: this.prevEnd(), path };
  }

  private parseUse(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.UseNode {
    this.expect('keyword', 'use');
    const path = this.parseUsePath();
    const node: A.UseNode = { kind: 'use', start, end: this.prevEnd(), docs, attrs, path, names: [] };
    this.partial = node;
    this.expect('.');
    this.parseList('{', '}', () => {
      const name = this.parseId();
      const as = this.eat('keyword', 'as') ? this.parseId() : undefined;
      node.names.push({ start: name.start, end: this.prevEnd(), name, as });
    });
    this.expectSemi();
    this.partial = undefined;
    node.end = this.prevEnd();
    return node;
  }

  /** `open item (, item)* ,? close` — wit-parser's parse_list (empty lists allowed). */
  private parseList(open: string, close: string, item: () => void): A.Span {
    const o = this.expect(open);
    for (;;) {
      if (this.eat(close)) break;
      item();
      if (!this.eat(',')) { this.expect(close); break; }
    }
    return { start: o.start, end: this.prevEnd() };
  }

  private tryTypeDef(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.TypeDef | undefined {
    const t = this.peek();
    if (t.kind !== 'keyword') return undefined;
    switch (t.text) {
      case 'type': {
        this.next();
        const name = this.parseId();
        const node = { kind: 'alias' as const, start, end: name.end, docs, attrs, name, ty: { kind: 'missing' as const, start: name.end, end: name.end } as A.TypeNode };
        this.partial = node;
        this.expect('=');
        node.ty = this.parseType();
        this.expectSemi();
        this.partial = undefined;
        node.end = this.prevEnd();
        return node;
      }
      case 'record': case 'variant': case 'enum': case 'flags': {
        this.next();
        const name = this.parseId();
        const cases: A.Case[] = [];
        const fields: A.Field[] = [];
        const node = (t.text === 'record'
          ? { kind: 'record', start, end: name.end, docs, attrs, name, fields, body: { start: name.end, end: name.end } }
          : { kind: t.text, start, end: name.end, docs, attrs, name, cases, body: { start: name.end, end: name.end } }) as A.TypeDef & { body: A.Span };
        this.partial = node;
        const body = this.parseList('{', '}', () => {
          const d = this.docsBefore(this.peek().start);
          const n = this.parseId();
          if (t.text === 'record') {
            this.expect(':');
            const ty = this.parseType();
            fields.push({ start: n.start, end: ty.end, docs: d, name: n, ty });
          } else if (t.text === 'variant' && this.eat('(')) {
            const ty = this.parseType();
            this.expect(')');
            cases.push({ start: n.start, end: this.prevEnd(), docs: d, name: n, ty });
          } else cases.push({ start: n.start, end: n.end, docs: d, name: n });
        });
        this.partial = undefined;
        node.body = body;
        node.end = body.end;
        return node;
      }
      case 'resource': {
        this.next();
        const name = this.parseId();
        const node: A.TypeDef & { kind: 'resource' } = { kind: 'resource', start, end: name.end, docs, attrs, name };
        if (this.eat(';')) { node.end = this.prevEnd(); return node; }
        node.funcs = [];
        const body = { start: this.peek().start, end: this.peek().start };
        node.body = body;
        this.partial = node;
        this.expect('{');
        while (!this.is('}') && !this.is('eof')) {
          const startPos = this.pos;
          try {
            const d = this.docsBefore(this.peek().start);
            const s = this.peek().start;
            const a = this.parseAttributes();
            node.funcs.push(this.parseResourceFunc(d, a, s));
          } catch (e) {
            this.report(e);
            this.sync(startPos);
            if (this.is('keyword') && ITEM_STARTS.has(this.peek().text) && this.peek().text !== 'constructor' && this.startsLine(this.pos)) break;
          }
        }
        this.partial = node;
        this.expect('}');
        this.partial = undefined;
        body.end = this.prevEnd();
        node.end = body.end;
        return node;
      }
    }
    return undefined;
  }

  private parseResourceFunc(docs: A.Docs | undefined, attrs: A.Attribute[], start: number): A.ResourceFunc {
    if (this.kw('constructor')) {
      const k = this.next();
      const name: A.Ident = { start: k.start, end: k.end, name: 'constructor', explicit: false };
      const fstart = this.peek().start;
      const { params, span } = this.parseParams();
      const result = this.eat('->') ? this.parseType() : undefined;
      const func: A.FuncType = { start: fstart, end: this.prevEnd(), async: false, params, paramsSpan: span, result };
      this.expectSemi();
      return { kind: 'constructor', start, end: this.prevEnd(), docs, attrs, name, func };
    }
    if (this.is('id') || this.is('explicit-id')) {
      const name = this.parseId();
      this.expect(':');
      const isStatic = !!this.eat('keyword', 'static');
      const func = this.parseFuncType();
      this.expectSemi();
      return { kind: isStatic ? 'static' : 'method', start, end: this.prevEnd(), docs, attrs, name, func };
    }
    return this.fail('`constructor` or identifier');
  }

  private parseParams(): { params: A.Param[]; span: A.Span } {
    const params: A.Param[] = [];
    const span = this.parseList('(', ')', () => {
      const name = this.parseId();
      this.expect(':');
      const ty = this.parseType();
      params.push({ start: name.start, end: ty.end, name, ty });
    });
    return { params, span };
  }

  private parseFuncType(): A.FuncType {
    const start = this.peek().start;
    const isAsync = !!this.eat('keyword', 'async');
    this.expect('keyword', 'func');
    const { params, span } = this.parseParams();
    const result = this.eat('->') ? this.parseType() : undefined;
    return { start, end: this.prevEnd(), async: isAsync, params, paramsSpan: span, result };
  }

  parseType(): A.TypeNode {
    const t = this.peek();
    const start = t.start;
    if (t.kind === 'id' || t.kind === 'explicit-id') {
      const id = this.parseId();
      return { kind: 'named', start, end: id.end, id };
    }
    if (t.kind !== 'keyword') return this.fail('a type');
    if (PRIMS.has(t.text)) { this.next(); return { kind: 'prim', start, end: t.end, name: t.text }; }
    const inner = (): A.TypeNode => { this.expect('<'); const ty = this.parseType(); this.expect('>'); return ty; };
    switch (t.text) {
      case 'list': {
        this.next();
        this.expect('<');
        const elem = this.parseType();
        let size: (A.Span & { value: string }) | undefined;
        if (this.eat(',')) {
          const n = this.expect('integer');
          size = { start: n.start, end: n.end, value: n.text };
          if (BigInt(n.text) > 0xffffffffn) this.diags.push({ start: n.start, end: n.end, message: 'invalid list size: number too large to fit in target type', severity: 'error', code: 'list-size' });
        }
        this.expect('>');
        return { kind: 'list', start, end: this.prevEnd(), elem, size };
      }
      case 'option': this.next(); return { kind: 'option', start, inner: inner(), end: this.prevEnd() };
      case 'future': case 'stream': {
        this.next();
        const ty = this.is('<') ? inner() : undefined;
        return { kind: t.text, start, end: this.prevEnd(), inner: ty };
      }
      case 'own': case 'borrow': {
        this.next();
        this.expect('<');
        const id = this.parseId();
        this.expect('>');
        return { kind: 'handle', start, end: this.prevEnd(), borrow: t.text === 'borrow', id };
      }
      case 'result': {
        this.next();
        if (!this.eat('<')) return { kind: 'result', start, end: t.end };
        let ok: A.TypeNode | undefined;
        let err: A.TypeNode | undefined;
        if (this.eat('keyword', '_')) { this.expect(','); err = this.parseType(); } else { ok = this.parseType(); if (this.eat(',')) err = this.parseType(); }
        this.expect('>');
        return { kind: 'result', start, end: this.prevEnd(), ok, err };
      }
      case 'tuple': {
        this.next();
        const types: A.TypeNode[] = [];
        this.parseList('<', '>', () => { types.push(this.parseType()); });
        return { kind: 'tuple', start, end: this.prevEnd(), types };
      }
      case 'map': {
        this.next();
        this.expect('<');
        const key = this.parseType();
        this.expect(',');
        const value = this.parseType();
        this.expect('>');
        return { kind: 'map', start, end: this.prevEnd(), key, value };
      }
      case 'error-context': this.next(); return { kind: 'error-context', start, end: t.end };
    }
    return this.fail('a type');
  }
}

function lowerBound(comments: Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (comments[mid].start < offset) lo = mid + 1; else hi = mid; }
  return lo;
}
