// Finding what is under the cursor: a reference, or the name of a definition; and all references of a symbol.
import type { Resolution } from './resolve';
import type { Reference, SourceFile, WitSymbol } from './symbols';
import { followAlias } from './resolve';

export interface Hit {
  symbol: WitSymbol;
  /** The span under the cursor (a reference or a definition name). */
  span: { start: number; end: number };
  isReference: boolean;
}

/** The symbol at `offset` (a cursor right after a name still counts). */
export function symbolAt(file: SourceFile, offset: number): Hit | undefined {
  const inside = (s: { start: number; end: number }) => offset >= s.start && offset <= s.end;
  for (const r of file.references) if (inside(r.span)) return { symbol: r.target, span: r.span, isReference: true };
  let best: WitSymbol | undefined;
  for (const s of file.symbols) {
    if (s.kind === 'package') continue;
    if (inside(s.nameSpan) && (!best || s.nameSpan.end - s.nameSpan.start <= best.nameSpan.end - best.nameSpan.start)) best = s;
  }
  return best ? { symbol: best, span: best.nameSpan, isReference: false } : undefined;
}

/** The definition a symbol stands for: `use` names lead to the type they import. */
export function definitionOf(sym: WitSymbol): WitSymbol {
  if (sym.kind === 'use' || sym.kind === 'toplevel-use') return followAlias(sym) ?? sym;
  return sym;
}

/** Symbols that are the same entity as `sym` for navigation and rename: it, and `use` names that import it unrenamed. */
export function sameEntity(res: Resolution, sym: WitSymbol): Set<WitSymbol> {
  const root = definitionOf(sym);
  const out = new Set<WitSymbol>([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of res.files) for (const s of f.symbols) {
      if (!out.has(s) && (s.kind === 'use' || s.kind === 'toplevel-use') && !s.renamed && s.aliasOf && out.has(s.aliasOf)) { out.add(s); grew = true; }
    }
  }
  return out;
}

export interface Occurrence { file: SourceFile; span: { start: number; end: number }; isDefinition: boolean }

/** Every place an entity is written: definition names and references, deduplicated. */
export function occurrences(res: Resolution, sym: WitSymbol): Occurrence[] {
  const set = sameEntity(res, sym);
  const out: Occurrence[] = [];
  const seen = new Set<string>();
  const add = (file: SourceFile, span: { start: number; end: number }, isDefinition: boolean) => {
    const k = `${file.path}:${span.start}:${span.end}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ file, span, isDefinition });
  };
  for (const s of set) add(s.file, s.nameSpan, s === definitionOf(sym));
  for (const f of res.files) for (const r of f.references as Reference[]) if (set.has(r.target)) add(f, r.span, false);
  return out;
}
