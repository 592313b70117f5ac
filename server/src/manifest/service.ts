// The plugin.yaml language service: pure functions over documents, packaged as the LanguageFeatures the LSP layer
// routes to and as plain functions the CLI calls.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeActionParams, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageFeatures } from '../lsp/features';
import { parseManifest, type ManifestDocument } from './parse';
import { manifestDiagnostics, manifestDiagnosticsAsync } from './validate';
import { manifestCompletion } from './completion';
import { manifestHover } from './hover';
import { manifestCodeActions } from './actions';
import { manifestSymbols, manifestFolding } from './symbols';
import { nodeFileSystem, type ManifestFileSystem } from './fs';
import type { ManifestDiagnostic } from './diagnostic';

export interface ManifestServiceOptions {
  fs?: ManifestFileSystem;
}

/** plugin.yaml / plugin.yml, by file name (the client keeps the `yaml` language id for them). */
export function isManifestUri(uri: string): boolean {
  return /(^|[/\\])plugin\.ya?ml$/i.test(decodeURIComponent(uri.split(/[?#]/)[0]));
}

/** Directory of a file: URI (cross-file checks need it); undefined for untitled and other schemes. */
export function directoryOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return dirname(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export interface ManifestService extends LanguageFeatures {
  /** Parse (cached per uri + text) — every feature below reuses it. */
  parse(text: string, uri: string): ManifestDocument;
  validate(text: string, uri: string): ManifestDiagnostic[];
  /** validate after loading the world of a built component (what the editor and `check` use). */
  validateAsync(text: string, uri: string): Promise<ManifestDiagnostic[]>;
}

export function createManifestService(options: ManifestServiceOptions = {}): ManifestService {
  const fs = options.fs ?? nodeFileSystem;
  const parse = (d: TextDocument) => parseManifest(d.getText(), d.uri);
  const validate = (text: string, uri: string) => manifestDiagnostics(parseManifest(text, uri), { dir: directoryOf(uri), fs });
  const validateAsync = (text: string, uri: string) => manifestDiagnosticsAsync(parseManifest(text, uri), { dir: directoryOf(uri), fs });
  return {
    id: 'manifest',
    handles: (d) => d.languageId === 'mockforge-manifest' || isManifestUri(d.uri),
    capabilities: {
      completionProvider: { triggerCharacters: [' ', ':', '-', '['], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    },
    parse: (text, uri) => parseManifest(text, uri),
    validate,
    validateAsync,
    diagnostics: (d) => validateAsync(d.getText(), d.uri),
    completion: (d, position: Position) => manifestCompletion(parse(d), position, { dir: directoryOf(d.uri), fs }),
    hover: (d, position: Position) => manifestHover(parse(d), position),
    codeActions: (d, params: CodeActionParams) => manifestCodeActions(d.uri, validate(d.getText(), d.uri), params),
    documentSymbols: (d) => manifestSymbols(parse(d)),
    foldingRanges: (d) => manifestFolding(parse(d)),
  };
}
