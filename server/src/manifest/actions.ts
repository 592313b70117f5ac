// Code actions: the fixes the diagnostics carry (misspelt keys and values, missing keys, migration, https, missing
// capabilities) plus the build command for a module that is not built yet.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { ManifestDiagnostic } from './diagnostic';
import { rangesOverlap } from '../text/lines';

export function manifestCodeActions(uri: string, diagnostics: readonly ManifestDiagnostic[], params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((k) => k === CodeActionKind.QuickFix || k.startsWith(`${CodeActionKind.QuickFix}.`) || CodeActionKind.QuickFix.startsWith(k))) return [];
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    if (!rangesOverlap(d.range, params.range)) continue;
    for (const fix of d.data?.fixes ?? []) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: fix.preferred,
        edit: { changes: { [uri]: fix.edits } },
      });
    }
    if (d.data?.command) {
      actions.push({ title: d.data.command.title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: d.data.command });
    }
  }
  return actions;
}
