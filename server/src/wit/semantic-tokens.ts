// Semantic tokens: keywords, built-in types, and every name coloured by what it resolves to.
import type * as lsp from 'vscode-languageserver';
import type * as A from './ast';
import { definitionOf } from './lookup';
import type { WitSymbol } from './symbols';
import type { Analysis } from './workspace';

export const TOKEN_TYPES = ['namespace', 'interface', 'class', 'type', 'enum', 'struct', 'function', 'method', 'parameter', 'property', 'enumMember', 'keyword', 'comment', 'number', 'string', 'decorator', 'operator', 'typeParameter'];
export const TOKEN_MODIFIERS = ['declaration', 'documentation', 'defaultLibrary'];
export const LEGEND: lsp.SemanticTokensLegend = { tokenTypes: TOKEN_TYPES, tokenModifiers: TOKEN_MODIFIERS };

const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<string, number>;
const PRIMS = new Set(['u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64', 'f32', 'f64', 'char', 'bool', 'string', 'list', 'option', 'result', 'tuple', 'future', 'stream', 'own', 'borrow', 'map', 'error-context']);

function typeOf(sym: WitSymbol): number {
  const s = definitionOf(sym);
  switch (s.kind) {
    case 'package': return T.namespace;
    case 'interface': return T.interface;
    case 'world': return T.class;
    case 'func': case 'import': case 'export': return T.function;
    case 'resource-func': return T.method;
    case 'param': return T.parameter;
    case 'field': return T.property;
    case 'case': return T.enumMember;
    case 'type': {
      const k = (s.node as A.TypeDef).kind;
      return k === 'enum' || k === 'variant' || k === 'flags' ? T.enum : k === 'record' ? T.struct : k === 'resource' ? T.class : T.type;
    }
    default: return T.type;
  }
}

export function semanticTokens(an: Analysis): lsp.SemanticTokens {
  const spans: { start: number; end: number; type: number; mods: number }[] = [];
  const named = new Map<number, { end: number; type: number; mods: number }>();
  for (const s of an.file.symbols) if (s.kind !== 'package') named.set(s.nameSpan.start, { end: s.nameSpan.end, type: typeOf(s), mods: 1 });
  for (const r of an.file.references) if (!named.has(r.span.start)) named.set(r.span.start, { end: r.span.end, type: typeOf(r.target), mods: 0 });
  for (const t of an.file.parse.tokens) {
    if (t.kind === 'keyword') spans.push({ start: t.start, end: t.end, type: PRIMS.has(t.text) ? T.type : T.keyword, mods: PRIMS.has(t.text) ? 4 : 0 });
    else if (t.kind === 'integer') spans.push({ start: t.start, end: t.end, type: T.number, mods: 0 });
    else if (t.kind === 'string') spans.push({ start: t.start, end: t.end, type: T.string, mods: 0 });
    else if (t.kind === 'id' || t.kind === 'explicit-id') {
      const n = named.get(t.start);
      if (n) spans.push({ start: t.start, end: Math.min(n.end, t.end), type: n.type, mods: n.mods });
    }
  }
  for (const c of an.file.parse.comments) spans.push({ start: c.start, end: c.end, type: T.comment, mods: c.doc ? 2 : 0 });
  spans.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const s of spans) {
    // tokens may not span lines: split multi-line block comments
    const startPos = an.lines.positionAt(s.start);
    const endPos = an.lines.positionAt(s.end);
    for (let line = startPos.line; line <= endPos.line; line++) {
      const from = line === startPos.line ? startPos.character : 0;
      const to = line === endPos.line ? endPos.character : an.lines.lineEnd(line) - an.lines.lineStart(line);
      if (to <= from) continue;
      data.push(line - prevLine, line === prevLine ? from - prevChar : from, to - from, s.type, s.mods);
      prevLine = line;
      prevChar = from;
    }
  }
  return { data };
}
