// The WIT language for the server: routes LSP requests to the front end (see server/src/lsp/features.ts).
import * as lsp from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageFeatures } from '../lsp/features';
import { combineForReference } from './combine';
import { completion } from './completion';
import { definition, references } from './definition';
import type { Diagnostic } from './diagnostics';
import { documentSymbols, workspaceSymbols } from './document-symbols';
import { foldingRanges } from './folding';
import { formatWit } from './format';
import { hover } from './hover';
import { ReferenceChecker } from './reference-check';
import { prepareRename, rename, RenameError } from './rename';
import { selectionRanges } from './selection';
import { LEGEND, semanticTokens } from './semantic-tokens';
import { WitWorkspace, type Analysis } from './workspace';

const SEVERITY: Record<Diagnostic['severity'], lsp.DiagnosticSeverity> = { error: 1, warning: 2, information: 3 };

export function toLspDiagnostics(an: Analysis, diags: Diagnostic[]): lsp.Diagnostic[] {
  return diags.map((d) => ({ range: an.lines.range(d.start, d.end), message: d.message, severity: SEVERITY[d.severity], source: 'wit', code: d.code }));
}

export function createWitFeatures(workspace = new WitWorkspace(), reference = new ReferenceChecker()): LanguageFeatures & { workspace: WitWorkspace; reference: ReferenceChecker } {
  const at = async (d: TextDocument, p: lsp.Position) => {
    const an = await workspace.analysisFor(d);
    return { an, offset: an.lines.offsetAt(p) };
  };
  return {
    id: 'wit',
    workspace,
    reference,
    handles: (d) => d.languageId === 'wit' || d.uri.endsWith('.wit'),
    capabilities: {
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      documentFormattingProvider: true,
      completionProvider: { triggerCharacters: [':', '/', '.', '{', '@', '<', ' '] },
      semanticTokensProvider: { legend: LEGEND, full: true },
    },
    async diagnostics(d) {
      const an = await workspace.analysisFor(d);
      return toLspDiagnostics(an, an.file.diagnostics);
    },
    async diagnosticsOnSave(d) {
      // Only when we accept the whole package: then wit-parser must agree, or its message is shown anyway.
      const an = await workspace.analysisFor(d);
      if (an.res.files.some((f) => f.diagnostics.some((x) => x.severity === 'error'))) return [];
      const verdict = await reference.check(combineForReference(an.res));
      if (!('ok' in verdict) || verdict.ok) return [];
      const header = an.file.parse.file.packageDecl ?? an.file.parse.file.items[0] ?? { start: 0, end: 0 };
      return [{ range: an.lines.range(header.start, header.end), severity: lsp.DiagnosticSeverity.Error, source: 'wit-parser', code: 'reference', message: `wit-parser (jco) rejects this package: ${verdict.message}` }];
    },
    async hover(d, p) { const { an, offset } = await at(d, p); return hover(an, offset); },
    async definition(d, p) { const { an, offset } = await at(d, p); return definition(an, offset); },
    async references(d, p, incl) { const { an, offset } = await at(d, p); return references(an, offset, incl); },
    async prepareRename(d, p) { const { an, offset } = await at(d, p); return prepareRename(an, offset); },
    async rename(d, p, newName) {
      const { an, offset } = await at(d, p);
      try {
        return rename(an, offset, newName);
      } catch (e) {
        if (e instanceof RenameError) throw new lsp.ResponseError(lsp.ErrorCodes.InvalidRequest, e.message);
        throw e;
      }
    },
    async completion(d, p) { const { an, offset } = await at(d, p); return completion(an, offset); },
    async documentSymbols(d) { return documentSymbols(await workspace.analysisFor(d)); },
    workspaceSymbols(query) {
      return workspaceSymbols(workspace.all(), query, (s) => workspace.uriOf(s.file), (s) => workspace.linesOf(s.file).range(s.nameSpan.start, s.nameSpan.end));
    },
    async foldingRanges(d) { return foldingRanges(await workspace.analysisFor(d)); },
    async selectionRanges(d, ps) { const an = await workspace.analysisFor(d); return selectionRanges(an, ps.map((p) => an.lines.offsetAt(p))); },
    async semanticTokens(d) { return semanticTokens(await workspace.analysisFor(d)); },
    formatting(d, options) {
      const text = d.getText();
      const out = formatWit(text, { indent: options.insertSpaces === false ? '\t' : ' '.repeat(options.tabSize || 4) });
      if (out === undefined || out === text) return [];
      return [lsp.TextEdit.replace({ start: d.positionAt(0), end: d.positionAt(text.length) }, out)];
    },
  };
}

export const witFeatures: LanguageFeatures = createWitFeatures();
