// Go to definition and find references, across the files of a package and its deps/.
import type * as lsp from 'vscode-languageserver';
import { definitionOf, occurrences, symbolAt } from './lookup';
import type { Analysis } from './workspace';

export function definition(an: Analysis, offset: number): lsp.Location[] {
  const hit = symbolAt(an.file, offset);
  if (!hit) return [];
  const sym = definitionOf(hit.symbol);
  return [{ uri: an.uriOf(sym.file), range: an.linesOf(sym.file).range(sym.nameSpan.start, sym.nameSpan.end) }];
}

export function references(an: Analysis, offset: number, includeDeclaration: boolean): lsp.Location[] {
  const hit = symbolAt(an.file, offset);
  if (!hit) return [];
  return occurrences(an.res, hit.symbol)
    .filter((o) => includeDeclaration || !o.isDefinition)
    .map((o) => ({ uri: an.uriOf(o.file), range: an.linesOf(o.file).range(o.span.start, o.span.end) }));
}
