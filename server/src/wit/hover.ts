// Hover: the doc comment and the definition as written (doc comments stripped), qualified by package and interface.
import type * as lsp from 'vscode-languageserver';
import type * as A from './ast';
import { definitionOf, symbolAt } from './lookup';
import type { WitSymbol } from './symbols';
import type { Analysis } from './workspace';

const MAX_LINES = 24;

export function hover(an: Analysis, offset: number): lsp.Hover | undefined {
  const hit = symbolAt(an.file, offset);
  if (!hit) return undefined;
  const sym = definitionOf(hit.symbol);
  const parts: string[] = [];
  parts.push('```wit\n' + renderDefinition(sym) + '\n```');
  const where = qualifiedName(sym);
  if (where) parts.push(`*${where}*`);
  if (sym !== hit.symbol && hit.symbol.kind === 'use' && hit.symbol.renamed) parts.push(`imported as \`${hit.symbol.name}\``);
  if (sym.docs?.text) parts.push(sym.docs.text);
  return { contents: { kind: 'markdown', value: parts.join('\n\n') }, range: an.lines.range(hit.span.start, hit.span.end) };
}

export function qualifiedName(sym: WitSymbol): string | undefined {
  const chain: string[] = [];
  let s: WitSymbol | undefined = sym;
  let pkg: string | undefined;
  while (s) {
    if (s.kind === 'interface' || s.kind === 'world') pkg = s.pkg?.id ?? s.file.pkg?.id;
    chain.unshift(s.name);
    s = s.container;
  }
  if (sym.kind === 'package') return undefined;
  return pkg ? `${pkg.replace(/@.*/, '')}/${chain.join('.')}${pkg.includes('@') ? '@' + pkg.split('@')[1] : ''}` : chain.join('.');
}

/** The source text of a definition without its doc comments; long bodies are cut to a header. */
export function renderDefinition(sym: WitSymbol): string {
  const text = sym.file.text;
  const node = sym.node as { docs?: A.Docs; attrs?: A.Attribute[]; kind?: string } & A.Span;
  let start = sym.span.start;
  if (node?.docs) for (const d of node.docs.spans) if (d.end <= sym.nameSpan.start && d.end > start) start = d.end;
  let src = text.slice(start, sym.span.end).replace(/^\s+/, '');
  src = src.split('\n').filter((l) => !/^\s*\/\/\//.test(l)).join('\n');
  if (sym.kind === 'package') return `package ${sym.name}`;
  if (sym.kind === 'param' || sym.kind === 'field') return src;
  const lines = src.split('\n');
  if (lines.length > MAX_LINES) return lines.slice(0, MAX_LINES).join('\n') + '\n    …\n}';
  return dedent(lines).join('\n');
}

function dedent(lines: string[]): string[] {
  if (lines.length < 2) return lines;
  const indents = lines.slice(1).filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length);
  const cut = Math.max(0, Math.min(...indents) - 4);
  return [lines[0], ...lines.slice(1).map((l) => l.slice(Math.min(cut, /^\s*/.exec(l)![0].length)))];
}
