// Document symbols (outline) from the syntax tree, and workspace symbols from every analysed package.
import * as lsp from 'vscode-languageserver';
import type * as A from './ast';
import type { Resolution } from './resolve';
import type { SymbolKind as WitKind, WitSymbol } from './symbols';
import type { Analysis } from './workspace';
import { qualifiedName } from './hover';

const KIND: Record<WitKind, lsp.SymbolKind> = {
  package: lsp.SymbolKind.Package, interface: lsp.SymbolKind.Interface, world: lsp.SymbolKind.Module,
  type: lsp.SymbolKind.Struct, func: lsp.SymbolKind.Function, 'resource-func': lsp.SymbolKind.Method,
  field: lsp.SymbolKind.Field, case: lsp.SymbolKind.EnumMember, param: lsp.SymbolKind.Variable,
  import: lsp.SymbolKind.Function, export: lsp.SymbolKind.Function, use: lsp.SymbolKind.TypeParameter,
  'toplevel-use': lsp.SymbolKind.Namespace,
};

function kindOf(sym: WitSymbol): lsp.SymbolKind {
  const node = sym.node as A.TypeDef;
  if (sym.kind === 'type') {
    if (node.kind === 'enum' || node.kind === 'flags' || node.kind === 'variant') return lsp.SymbolKind.Enum;
    if (node.kind === 'resource') return lsp.SymbolKind.Class;
    if (node.kind === 'alias') return lsp.SymbolKind.TypeParameter;
  }
  if (sym.kind === 'resource-func' && (sym.node as A.ResourceFunc).kind === 'constructor') return lsp.SymbolKind.Constructor;
  return KIND[sym.kind];
}

export function documentSymbols(an: Analysis): lsp.DocumentSymbol[] {
  const byContainer = new Map<WitSymbol | undefined, WitSymbol[]>();
  for (const s of an.file.symbols) {
    if (s.kind === 'param') continue;
    const list = byContainer.get(s.container) ?? [];
    list.push(s);
    byContainer.set(s.container, list);
  }
  const build = (s: WitSymbol): lsp.DocumentSymbol => {
    const range = an.lines.range(Math.min(s.span.start, s.nameSpan.start), Math.max(s.span.end, s.nameSpan.end));
    const children = (byContainer.get(s) ?? []).map(build);
    return { name: s.name || '?', kind: kindOf(s), range, selectionRange: an.lines.range(s.nameSpan.start, s.nameSpan.end), children, detail: detailOf(s) };
  };
  return (byContainer.get(undefined) ?? []).sort((a, b) => a.span.start - b.span.start).map(build);
}

function detailOf(s: WitSymbol): string | undefined {
  if (s.kind === 'type') return (s.node as A.TypeDef).kind;
  if (s.kind === 'package') return 'package';
  return undefined;
}

export function workspaceSymbols(all: Resolution[], query: string, uriOf: (s: WitSymbol) => string, rangeOf: (s: WitSymbol) => lsp.Range): lsp.SymbolInformation[] {
  const q = query.toLowerCase();
  const out: lsp.SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const res of all) for (const f of res.files) for (const s of f.symbols) {
    if (s.kind === 'param' || s.kind === 'use' || !s.name.toLowerCase().includes(q)) continue;
    const key = `${f.path}:${s.nameSpan.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: s.name, kind: kindOf(s), location: { uri: uriOf(s), range: rangeOf(s) }, containerName: s.container ? qualifiedName(s.container) : s.pkg?.id });
    if (out.length >= 500) return out;
  }
  return out;
}
