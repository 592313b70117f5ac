// Rename across files: every definition name and reference of the entity; invalid WIT names are refused.
import * as lsp from 'vscode-languageserver';
import { newNameProblem, spellName } from './names';
import { occurrences, symbolAt } from './lookup';
import type { Analysis } from './workspace';

export class RenameError extends Error {}

export function prepareRename(an: Analysis, offset: number): { range: lsp.Range; placeholder: string } | undefined {
  const hit = symbolAt(an.file, offset);
  if (!hit || hit.symbol.kind === 'package') return undefined;
  if (hit.symbol.file.isDep && hit.symbol.file !== an.file) return undefined;
  const text = an.file.text.slice(hit.span.start, hit.span.end);
  return { range: an.lines.range(hit.span.start, hit.span.end), placeholder: text.replace(/^%/, '') };
}

export function rename(an: Analysis, offset: number, newName: string): lsp.WorkspaceEdit {
  const hit = symbolAt(an.file, offset);
  if (!hit || hit.symbol.kind === 'package') throw new RenameError('nothing to rename here');
  const problem = newNameProblem(newName);
  if (problem) throw new RenameError(`\`${newName}\` is not a valid WIT name: ${problem}`);
  const spelled = newName.startsWith('%') ? newName : spellName(newName);
  const changes: Record<string, lsp.TextEdit[]> = {};
  for (const o of occurrences(an.res, hit.symbol)) {
    const uri = an.uriOf(o.file);
    (changes[uri] ??= []).push(lsp.TextEdit.replace(an.linesOf(o.file).range(o.span.start, o.span.end), spelled));
  }
  return { changes };
}
