// Completion by position: item keywords for the body the cursor is in, types in scope in type positions, interface
// and package paths after `use`/`import`/`export`/`include` (including deps/ packages), names after `use x.{`.
import * as lsp from 'vscode-languageserver';
import type * as A from './ast';
import type { Token } from './lexer';
import { spellName } from './names';
import { followAlias } from './resolve';
import type { PackageUnit, WitSymbol } from './symbols';
import type { Analysis } from './workspace';

const PRIMS = ['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'bool', 'string'];
const GENERICS: [string, string][] = [['list', 'list<$1>'], ['option', 'option<$1>'], ['result', 'result<$1, $2>'], ['tuple', 'tuple<$1>'], ['borrow', 'borrow<$1>'], ['own', 'own<$1>'], ['future', 'future<$1>'], ['stream', 'stream<$1>']];
const TYPEDEF_KWS = ['type', 'record', 'variant', 'enum', 'flags', 'resource'];

type Ctx = 'top' | 'interface' | 'world' | 'resource' | 'list' | 'use' | 'with' | 'package';
interface Frame { ctx: Ctx; name?: Token }

export function completion(an: Analysis, offset: number): lsp.CompletionList {
  const toks = an.file.parse.tokens.filter((t) => t.kind !== 'eof');
  let i = 0;
  while (i < toks.length && toks[i].end < offset) i++;
  // a word touching the cursor is the prefix being typed
  if (i < toks.length && toks[i].start < offset && !['id', 'explicit-id', 'keyword', 'integer'].includes(toks[i].kind)) i++;
  const before = toks.slice(0, i).filter((t) => !(t.start < offset && t.end >= offset && ['id', 'explicit-id', 'keyword'].includes(t.kind)));
  const frames: Frame[] = [{ ctx: 'top' }];
  for (let k = 0; k < before.length; k++) {
    const t = before[k];
    if (t.kind === '{') frames.push(frameFor(before, k));
    else if (t.kind === '}' && frames.length > 1) frames.pop();
  }
  const frame = frames[frames.length - 1];
  const p1 = before[before.length - 1];
  const p2 = before[before.length - 2];
  const items: lsp.CompletionItem[] = [];
  const kw = (words: string[]) => { for (const w of words) items.push({ label: w, kind: lsp.CompletionItemKind.Keyword }); };

  if (p1?.kind === '@') { kw(['since', 'unstable', 'deprecated']); return list(items); }
  if (frame.ctx === 'use') { addUseNames(an, before, frames, items); return list(items); }
  if (frame.ctx === 'list' || frame.ctx === 'with') {
    if (p1 && (p1.kind === ':' || p1.kind === '(')) addTypes(scopeOf(an, frames), items);
    return list(items);
  }
  const pathStart = pathKeyword(before);
  if (pathStart) { addPaths(an, before, pathStart, frames, items); return list(items); }
  if (p1 && isTypePosition(before, frame)) { addTypes(scopeOf(an, frames), items); return list(items); }
  if (p1?.kind === ':' && p2 && (p2.kind === 'id' || p2.kind === 'explicit-id')) {
    if (frame.ctx === 'resource') kw(['func', 'static', 'async']);
    else kw(['func', 'async']);
    if (frame.ctx === 'world') { kw(['interface']); addPackageItems(an, frames, items, 'interface'); }
    return list(items);
  }
  if (p1?.kind === 'keyword' && p1.text === 'static') { kw(['func', 'async']); return list(items); }
  if (p1?.kind === 'keyword' && p1.text === 'async') { kw(['func']); return list(items); }
  if (!p1 || [';', '{', '}', ')'].includes(p1.kind) && atItemStart(before)) {
    switch (frame.ctx) {
      case 'top': kw(before.some((t) => t.kind === 'keyword' && t.text === 'package') ? ['interface', 'world', 'use', 'package'] : ['package', 'interface', 'world', 'use']); break;
      case 'package': kw(['interface', 'world', 'use']); break;
      case 'interface': kw(['use', ...TYPEDEF_KWS]); break;
      case 'world': kw(['import', 'export', 'include', 'use', ...TYPEDEF_KWS]); break;
      case 'resource': kw(['constructor']); break;
    }
  }
  return list(items);
}

function list(items: lsp.CompletionItem[]): lsp.CompletionList {
  return { isIncomplete: false, items };
}

function frameFor(toks: Token[], k: number): Frame {
  const prev = toks[k - 1];
  if (prev?.kind === '.') return { ctx: 'use' };
  if (prev?.kind === 'keyword' && prev.text === 'with') return { ctx: 'with' };
  if (prev?.kind === 'keyword' && prev.text === 'interface') return { ctx: 'interface', name: toks[k - 3] };
  const kwTok = toks[k - 2];
  if (kwTok?.kind === 'keyword') {
    switch (kwTok.text) {
      case 'interface': return { ctx: 'interface', name: prev };
      case 'world': return { ctx: 'world', name: prev };
      case 'resource': return { ctx: 'resource', name: prev };
      case 'record': case 'variant': case 'enum': case 'flags': return { ctx: 'list', name: prev };
    }
  }
  for (let j = k - 1; j >= 0 && j > k - 12; j--) if (toks[j].kind === 'keyword' && toks[j].text === 'package') return { ctx: 'package' };
  return { ctx: 'interface' };
}

function atItemStart(before: Token[]): boolean {
  // `)` ends an attribute (`@since(…)`) only when an `@` opened it
  const p1 = before[before.length - 1];
  if (p1?.kind !== ')') return true;
  for (let j = before.length - 2; j >= 0 && j > before.length - 12; j--) {
    if (before[j].kind === '(') return before[j - 2]?.kind === '@';
  }
  return false;
}

/** The keyword that starts the use-path being typed (`use`, `import`, `export`, `include`), if the cursor is in one. */
function pathKeyword(before: Token[]): Token | undefined {
  const PATH_TOKENS = ['id', 'explicit-id', ':', '/', '@', 'integer', '.'];
  for (let j = before.length - 1; j >= 0; j--) {
    const t = before[j];
    if (t.kind === 'keyword' && ['use', 'import', 'export', 'include'].includes(t.text)) {
      const rest = before.slice(j + 1);
      // `import name: …` names a plain import; what follows the `:` is handled as a type of extern, not a path
      const plainName = (t.text === 'import' || t.text === 'export') && rest.length >= 2 && rest[1].kind === ':' && !(rest.length >= 4 && rest[3].kind === '/');
      return plainName ? undefined : t;
    }
    if (!PATH_TOKENS.includes(t.kind)) return undefined;
  }
  return undefined;
}

function isTypePosition(before: Token[], frame: Frame): boolean {
  const p1 = before[before.length - 1];
  const p2 = before[before.length - 2];
  if (p1.kind === '->' || p1.kind === '<') return true;
  if (p1.kind === '=') return p2?.kind !== 'id' || !['version', 'feature'].includes(p2.text) ? before[before.length - 3]?.text === 'type' : false;
  if (p1.kind === ':' && (p2?.kind === 'id' || p2?.kind === 'explicit-id')) {
    // `name: type` inside a parameter list (an open paren before it)
    let depth = 0;
    for (let j = before.length - 1; j >= 0; j--) {
      const t = before[j];
      if (t.kind === ')') depth++;
      else if (t.kind === '(') { if (depth === 0) return true; depth--; } else if (t.kind === ';' || t.kind === '{' || t.kind === '}') return false;
    }
    return frame.ctx === 'list';
  }
  if (p1.kind === ',') {
    let angle = 0;
    for (let j = before.length - 1; j >= 0; j--) {
      const t = before[j];
      if (t.kind === '>') angle++;
      else if (t.kind === '<') { if (angle === 0) return true; angle--; } else if (t.kind === '(' || t.kind === ';' || t.kind === '{') return false;
    }
  }
  return false;
}

/** The interface or world symbol whose body the cursor is in. */
function scopeOf(an: Analysis, frames: Frame[]): WitSymbol | undefined {
  for (let j = frames.length - 1; j >= 0; j--) {
    const f = frames[j];
    if ((f.ctx === 'interface' || f.ctx === 'world') && f.name) {
      const sym = an.file.symbols.find((s) => (s.kind === 'interface' || s.kind === 'world') && s.nameSpan.start === f.name!.start);
      if (sym) return sym;
    }
  }
  return undefined;
}

function addTypes(scope: WitSymbol | undefined, items: lsp.CompletionItem[]): void {
  for (const p of PRIMS) items.push({ label: p, kind: lsp.CompletionItemKind.Keyword, detail: 'built-in type' });
  for (const [label, snippet] of GENERICS) items.push({ label, kind: lsp.CompletionItemKind.Keyword, insertText: snippet, insertTextFormat: lsp.InsertTextFormat.Snippet, detail: 'built-in type' });
  for (const m of scope?.members?.values() ?? []) {
    if (m.kind !== 'type' && m.kind !== 'use') continue;
    const real = followAlias(m) ?? m;
    const td = real.node as A.TypeDef;
    items.push({ label: m.name, insertText: spellName(m.name), kind: td.kind === 'resource' ? lsp.CompletionItemKind.Class : td.kind === 'record' ? lsp.CompletionItemKind.Struct : td.kind === 'alias' ? lsp.CompletionItemKind.TypeParameter : lsp.CompletionItemKind.Enum, detail: td.kind, documentation: real.docs?.text });
  }
}

function packagesOf(an: Analysis): PackageUnit[] {
  return an.res.packages.filter((p) => p.name);
}

function addPackageItems(an: Analysis, frames: Frame[], items: lsp.CompletionItem[], want: 'interface' | 'world' | 'any'): void {
  const pkg = currentPackage(an);
  const seen = new Set<string>();
  for (const [name, s] of an.file.scope) {
    const real = s.kind === 'toplevel-use' ? s.aliasOf : s;
    if (!real || (want !== 'any' && real.kind !== want) || seen.has(name)) continue;
    seen.add(name);
    items.push({ label: name, insertText: spellName(name), kind: real.kind === 'world' ? lsp.CompletionItemKind.Module : lsp.CompletionItemKind.Interface, documentation: real.docs?.text });
  }
  for (const [name, s] of pkg?.items ?? []) {
    if ((want !== 'any' && s.kind !== want) || seen.has(name)) continue;
    seen.add(name);
    items.push({ label: name, insertText: spellName(name), kind: s.kind === 'world' ? lsp.CompletionItemKind.Module : lsp.CompletionItemKind.Interface, documentation: s.docs?.text });
  }
}

function currentPackage(an: Analysis): PackageUnit | undefined {
  return an.file.pkg;
}

function addPaths(an: Analysis, before: Token[], start: Token, frames: Frame[], items: lsp.CompletionItem[]): void {
  const rest = before.slice(before.indexOf(start) + 1);
  const want = start.text === 'include' ? 'world' : start.text === 'use' && frames.length === 1 ? 'any' : 'interface';
  const slash = rest.findIndex((t) => t.kind === '/');
  if (slash >= 0) {
    // `ns:pkg/` typed: the package's interfaces (or worlds)
    const text = rest.slice(0, slash).map((t) => t.text).join('');
    for (const p of packagesOf(an)) {
      if (p.id.replace(/@.*/, '') !== text.replace(/@.*/, '')) continue;
      for (const [name, s] of p.items) {
        if (want !== 'any' && s.kind !== want) continue;
        items.push({ label: name, insertText: spellName(name) + (p.name?.version ? '@' + p.name.version.text : ''), kind: s.kind === 'world' ? lsp.CompletionItemKind.Module : lsp.CompletionItemKind.Interface, detail: p.id, documentation: s.docs?.text });
      }
    }
    return;
  }
  addPackageItems(an, frames, items, want);
  for (const p of packagesOf(an)) {
    if (p === an.file.pkg || !p.name) continue;
    const label = `${p.name.namespace.name}:${p.name.name.name}/`;
    if (items.some((x) => x.label === label)) continue;
    items.push({ label, kind: lsp.CompletionItemKind.Module, detail: p.id, command: { title: 'more', command: 'editor.action.triggerSuggest' } });
  }
}

function addUseNames(an: Analysis, before: Token[], frames: Frame[], items: lsp.CompletionItem[]): void {
  // walk back from `.{` to `use` and rebuild the path
  let j = before.length - 1;
  while (j >= 0 && before[j].kind !== '{') j--;
  let k = j - 2;
  while (k >= 0 && !(before[k].kind === 'keyword' && before[k].text === 'use')) k--;
  if (k < 0) return;
  const path = before.slice(k + 1, j - 1);
  let target: WitSymbol | undefined;
  if (path.length === 1) {
    const s = an.file.scope.get(path[0].text) ?? currentPackage(an)?.items.get(path[0].text);
    target = s?.kind === 'toplevel-use' ? s.aliasOf : s;
  } else {
    const slash = path.findIndex((t) => t.kind === '/');
    if (slash > 0) {
      const pkgText = an.file.text.slice(path[0].start, path[slash - 1].end).replace(/\s/g, '');
      const ifaceName = path[slash + 1]?.text;
      const verAt = path.findIndex((t, x) => x > slash && t.kind === '@');
      const version = verAt > 0 ? an.file.text.slice(path[verAt + 1].start, path[path.length - 1].end) : undefined;
      const pkg = packagesOf(an).find((p) => p.id === pkgText + (version ? '@' + version : ''));
      target = pkg?.items.get(ifaceName ?? '');
    }
  }
  const already = new Set(before.slice(j + 1).filter((t) => t.kind === 'id' || t.kind === 'explicit-id').map((t) => t.text));
  for (const m of target?.members?.values() ?? []) {
    if ((m.kind !== 'type' && m.kind !== 'use') || already.has(m.name)) continue;
    const real = followAlias(m) ?? m;
    items.push({ label: m.name, insertText: spellName(m.name), kind: lsp.CompletionItemKind.TypeParameter, detail: (real.node as A.TypeDef).kind, documentation: real.docs?.text });
  }
}
