// What a language (plugin.yaml, WIT) plugs into the server. The LSP layer (server/src/main.ts) routes each request
// to the features whose `handles` accepts the document; the features themselves are pure functions over documents.
import type * as lsp from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

type Maybe<T> = T | null | undefined | Promise<T | null | undefined>;

export interface LanguageFeatures {
  readonly id: string;
  handles(document: TextDocument): boolean;
  /** Capabilities this language needs (merged into the server's initialize result). */
  readonly capabilities?: Partial<lsp.ServerCapabilities>;
  diagnostics?(document: TextDocument): Maybe<lsp.Diagnostic[]>;
  /** Slower checks run on save, off the typing path (e.g. the reference WIT parser). */
  diagnosticsOnSave?(document: TextDocument): Maybe<lsp.Diagnostic[]>;
  completion?(document: TextDocument, position: lsp.Position, context?: lsp.CompletionContext): Maybe<lsp.CompletionList | lsp.CompletionItem[]>;
  hover?(document: TextDocument, position: lsp.Position): Maybe<lsp.Hover>;
  codeActions?(document: TextDocument, params: lsp.CodeActionParams): Maybe<lsp.CodeAction[]>;
  documentSymbols?(document: TextDocument): Maybe<lsp.DocumentSymbol[]>;
  foldingRanges?(document: TextDocument): Maybe<lsp.FoldingRange[]>;
  selectionRanges?(document: TextDocument, positions: lsp.Position[]): Maybe<lsp.SelectionRange[]>;
  definition?(document: TextDocument, position: lsp.Position): Maybe<lsp.Location[]>;
  references?(document: TextDocument, position: lsp.Position, includeDeclaration: boolean): Maybe<lsp.Location[]>;
  prepareRename?(document: TextDocument, position: lsp.Position): Maybe<lsp.Range | { range: lsp.Range; placeholder: string }>;
  rename?(document: TextDocument, position: lsp.Position, newName: string): Maybe<lsp.WorkspaceEdit>;
  workspaceSymbols?(query: string): Maybe<lsp.SymbolInformation[]>;
  semanticTokens?(document: TextDocument): Maybe<lsp.SemanticTokens>;
  formatting?(document: TextDocument, options: lsp.FormattingOptions): Maybe<lsp.TextEdit[]>;
}
