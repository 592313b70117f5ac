// The thin LSP layer: documents in, requests routed to the LanguageFeatures that handle each document, diagnostics
// published (debounced per document while typing, the slower on-save checks on save). It logs any request that
// takes longer than 100 ms: the server watches its own latency.
import { performance } from 'node:perf_hooks';
import {
  TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic, type InitializeResult, type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageFeatures } from './features';
import { Settings } from './settings';
import { VALIDATION_STATUS, type ValidationStatusParams } from './protocol';

export const SLOW_MS = 100;
/** Quiet time after the last keystroke before a document is re-validated. */
export const DEBOUNCE_MS = 150;

type Awaitable<T> = T | null | undefined | Promise<T | null | undefined>;

function mergeCapabilities(features: LanguageFeatures[]): ServerCapabilities {
  const caps: ServerCapabilities = { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } } };
  const record = caps as Record<string, unknown>;
  for (const f of features) {
    for (const [key, value] of Object.entries(f.capabilities ?? {})) {
      const existing = record[key];
      if (key === 'completionProvider' && existing && typeof existing === 'object' && value && typeof value === 'object') {
        const a = existing as { triggerCharacters?: string[] };
        const b = value as { triggerCharacters?: string[] };
        record[key] = { ...a, ...b, triggerCharacters: [...new Set([...(a.triggerCharacters ?? []), ...(b.triggerCharacters ?? [])])] };
      } else if (existing && typeof existing === 'object' && value && typeof value === 'object' && !Array.isArray(value)) {
        record[key] = { ...existing, ...value };
      } else if (existing === undefined || existing === false) {
        record[key] = value;
      }
    }
  }
  return caps;
}

export function startServer(connection: Connection, features: LanguageFeatures[]): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new Settings();
  let pullConfiguration = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const typing = new Map<string, Diagnostic[]>();
  const onSave = new Map<string, Diagnostic[]>();

  const active = (d: TextDocument) => features.filter((f) => settings.enabled(f.id) && f.handles(d));

  async function timed<T>(name: string, uri: string, run: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      const ms = performance.now() - t0;
      if (ms > SLOW_MS) connection.console.warn(`slow ${name} (${ms.toFixed(0)} ms) for ${uri}`);
    }
  }

  /** Runs one method on every feature that handles the document; a throwing feature is logged, never fatal. */
  async function collect<R>(name: string, d: TextDocument, call: (f: LanguageFeatures) => Awaitable<R> | undefined): Promise<R[]> {
    const out: R[] = [];
    for (const f of active(d)) {
      try {
        const r = await call(f);
        if (r !== null && r !== undefined) out.push(r);
      } catch (err) {
        connection.console.error(`${f.id} ${name} failed for ${d.uri}: ${(err as Error).stack ?? String(err)}`);
      }
    }
    return out;
  }

  function publish(d: TextDocument): void {
    const diagnostics = [...(typing.get(d.uri) ?? []), ...(onSave.get(d.uri) ?? [])];
    void connection.sendDiagnostics({ uri: d.uri, version: d.version, diagnostics });
  }

  async function validate(d: TextDocument): Promise<void> {
    const t0 = performance.now();
    const all = await timed('diagnostics', d.uri, async () => {
      const out: Diagnostic[] = [];
      for (const f of active(d)) {
        try {
          out.push(...settings.apply(f.id, (await f.diagnostics?.(d)) ?? []));
        } catch (err) {
          connection.console.error(`${f.id} diagnostics failed for ${d.uri}: ${(err as Error).stack ?? String(err)}`);
        }
      }
      return out;
    });
    // A newer version arrived meanwhile: its own validation will publish.
    if (documents.get(d.uri)?.version !== d.version) return;
    typing.set(d.uri, all);
    publish(d);
    const status: ValidationStatusParams = {
      uri: d.uri,
      validationTimeMs: performance.now() - t0,
      errors: all.filter((x) => x.severity === 1).length,
      warnings: all.filter((x) => x.severity === 2).length,
    };
    void connection.sendNotification(VALIDATION_STATUS, status);
  }

  function schedule(d: TextDocument, delay: number): void {
    clearTimeout(timers.get(d.uri));
    if (delay === 0) {
      timers.delete(d.uri);
      void validate(d);
      return;
    }
    timers.set(d.uri, setTimeout(() => {
      timers.delete(d.uri);
      const latest = documents.get(d.uri);
      if (latest) void validate(latest);
    }, delay));
  }

  async function validateOnSave(d: TextDocument): Promise<void> {
    const out: Diagnostic[] = [];
    await timed('diagnosticsOnSave', d.uri, async () => {
      for (const f of active(d)) {
        if (!f.diagnosticsOnSave) continue;
        try {
          out.push(...settings.apply(f.id, (await f.diagnosticsOnSave(d)) ?? []));
        } catch (err) {
          connection.console.error(`${f.id} diagnosticsOnSave failed for ${d.uri}: ${(err as Error).stack ?? String(err)}`);
        }
      }
    });
    onSave.set(d.uri, out);
    publish(d);
  }

  const revalidateAll = () => documents.all().forEach((d) => schedule(d, 0));

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = params.capabilities.workspace?.configuration === true;
    const init = params.initializationOptions as { settings?: unknown } | undefined;
    if (init?.settings && typeof init.settings === 'object') settings.set(init.settings as Record<string, never>);
    return { capabilities: mergeCapabilities(features), serverInfo: { name: 'mockforge-language-server' } };
  });
  connection.onInitialized(() => {
    if (pullConfiguration) void settings.reload(connection, true).then(revalidateAll);
  });
  connection.onDidChangeConfiguration(async (params) => {
    await settings.reload(connection, pullConfiguration, params.settings);
    for (const d of documents.all()) if (active(d).length === 0) void connection.sendDiagnostics({ uri: d.uri, diagnostics: [] });
    revalidateAll();
  });
  // Files changed on disk (a build wrote the .wasm, a WIT dependency changed): cross-file results may differ.
  connection.onDidChangeWatchedFiles(revalidateAll);

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, DEBOUNCE_MS));
  documents.onDidSave((e) => void validateOnSave(e.document));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    typing.delete(e.document.uri);
    onSave.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const doc = (uri: string) => documents.get(uri);
  const first = async <R>(name: string, uri: string, call: (f: LanguageFeatures, d: TextDocument) => Awaitable<R> | undefined): Promise<R | null> => {
    const d = doc(uri);
    if (!d) return null;
    return timed(name, uri, async () => (await collect(name, d, (f) => call(f, d)))[0] ?? null);
  };
  const concat = async <R>(name: string, uri: string, call: (f: LanguageFeatures, d: TextDocument) => Awaitable<R[]> | undefined): Promise<R[] | null> => {
    const d = doc(uri);
    if (!d) return null;
    return timed(name, uri, async () => (await collect(name, d, (f) => call(f, d))).flat());
  };

  connection.onCompletion(async (p) => {
    const d = doc(p.textDocument.uri);
    if (!d) return null;
    return timed('completion', d.uri, async () => {
      const results = await collect('completion', d, (f) => f.completion?.(d, p.position, p.context));
      if (results.length === 0) return null;
      const items = results.flatMap((r) => (Array.isArray(r) ? r : r.items));
      return { isIncomplete: results.some((r) => !Array.isArray(r) && r.isIncomplete), items };
    });
  });
  connection.onHover((p) => first('hover', p.textDocument.uri, (f, d) => f.hover?.(d, p.position)));
  connection.onCodeAction((p) => concat('codeActions', p.textDocument.uri, (f, d) => f.codeActions?.(d, p)));
  connection.onDocumentSymbol((p) => concat('documentSymbols', p.textDocument.uri, (f, d) => f.documentSymbols?.(d)));
  connection.onFoldingRanges((p) => concat('foldingRanges', p.textDocument.uri, (f, d) => f.foldingRanges?.(d)));
  connection.onSelectionRanges((p) => concat('selectionRanges', p.textDocument.uri, (f, d) => f.selectionRanges?.(d, p.positions)));
  connection.onDefinition((p) => concat('definition', p.textDocument.uri, (f, d) => f.definition?.(d, p.position)));
  connection.onReferences((p) => concat('references', p.textDocument.uri, (f, d) => f.references?.(d, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename((p) => first('prepareRename', p.textDocument.uri, (f, d) => f.prepareRename?.(d, p.position)));
  connection.onRenameRequest((p) => first('rename', p.textDocument.uri, (f, d) => f.rename?.(d, p.position, p.newName)));
  connection.onDocumentFormatting((p) => concat('formatting', p.textDocument.uri, (f, d) => f.formatting?.(d, p.options)));
  connection.languages.semanticTokens.on(async (p) => (await first('semanticTokens', p.textDocument.uri, (f, d) => f.semanticTokens?.(d))) ?? { data: [] });
  connection.onWorkspaceSymbol(async (p) => {
    const t0 = performance.now();
    const lists = await Promise.all(features.filter((f) => settings.enabled(f.id) && f.workspaceSymbols).map(async (f) => {
      try {
        return (await f.workspaceSymbols?.(p.query)) ?? [];
      } catch (err) {
        connection.console.error(`${f.id} workspaceSymbols failed: ${String(err)}`);
        return [];
      }
    }));
    const ms = performance.now() - t0;
    if (ms > SLOW_MS) connection.console.warn(`slow workspaceSymbols (${ms.toFixed(0)} ms)`);
    return lists.flat();
  });

  documents.listen(connection);
  connection.listen();
}
