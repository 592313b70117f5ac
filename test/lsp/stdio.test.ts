// The language server as an editor sees it: node dist/server.js --stdio, driven by a real LSP client connection.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidChangeConfigurationNotification,
  PublishDiagnosticsNotification, CompletionRequest, HoverRequest, CodeActionRequest, DocumentSymbolRequest,
  FoldingRangeRequest, ConfigurationRequest, ShutdownRequest, ExitNotification, NotificationType,
  type ProtocolConnection, type PublishDiagnosticsParams, type CompletionList, type Hover, type CodeAction,
} from 'vscode-languageserver/node';
import { VALIDATION_STATUS, type ValidationStatusParams } from '../../server/src/lsp/protocol';

const SERVER = join(resolve(__dirname, '..', '..', '..'), 'dist', 'server.js');
let proc: ChildProcess;
let conn: ProtocolConnection;
let dir: string;
let settings: unknown = { manifest: { enable: true, severity: {} } };
const published: PublishDiagnosticsParams[] = [];
const waiters: { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
const statuses: ValidationStatusParams[] = [];
let statusArrived: () => void = () => undefined;

/** Resolves with the first diagnostics for `uri` (already received or future) that satisfy `pred`. */
function diagnosticsFor(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
  const seen = published.slice(since).find((p) => p.uri === uri && pred(p));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ uri, pred, resolve }));
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mf-lsp-'));
  proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.pred(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  conn.onNotification(new NotificationType<ValidationStatusParams>(VALIDATION_STATUS), (p) => {
    statuses.push(p);
    statusArrived();
  });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, {
    processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: null,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } },
  });
  assert.ok(init.capabilities.completionProvider, 'completion advertised');
  assert.equal(init.capabilities.hoverProvider, true);
  await conn.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const TEXT = 'plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [authentication]\n  runtime: remote\nremote:\n  protocol: http\n  endpoint: http://localhost:8080\n  \n';

test('diagnostics are published on open, located and coded', { timeout: 60_000 }, async () => {
  const file = join(dir, 'plugin.yaml');
  writeFileSync(file, TEXT);
  const uri = pathToFileURL(file).href;
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
  const p = await diagnosticsFor(uri, (x) => x.diagnostics.length > 0);
  assert.deepEqual(p.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]), [['schema/enum', 1, 4, 10]]);
  assert.equal(p.diagnostics[0].source, 'mockforge');
  while (!statuses.some((s) => s.uri === uri && s.errors === 1)) await new Promise<void>((r) => { statusArrived = r; });
  assert.ok(statuses.find((s) => s.uri === uri)!.validationTimeMs >= 0, 'validation status notification');
});

test('completion, hover, code actions, symbols and folding over the connection', { timeout: 60_000 }, async () => {
  const uri = pathToFileURL(join(dir, 'plugin.yaml')).href;
  const completion = await conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 9, character: 2 } }) as CompletionList;
  const labels = completion.items.map((i) => i.label);
  assert.ok(labels.includes('timeout_ms') && labels.includes('auth'), labels.join(','));
  assert.ok(!labels.includes('endpoint'), 'present keys are not offered');
  const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 8, character: 4 } }) as Hover;
  assert.match((hover.contents as { value: string }).value, /remote\.endpoint/);
  const actions = await conn.sendRequest(CodeActionRequest.type, {
    textDocument: { uri }, range: { start: { line: 4, character: 12 }, end: { line: 4, character: 12 } }, context: { diagnostics: [] },
  }) as CodeAction[];
  assert.deepEqual(actions.map((a) => a.title), ['Change to `auth`']);
  const symbols = await conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }) as { name: string }[];
  assert.deepEqual(symbols.map((s) => s.name), ['plugin', 'remote']);
  const folds = await conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  assert.ok(folds && folds.length >= 2);
});

test('edits re-validate (debounced) and settings apply live', { timeout: 60_000 }, async () => {
  const uri = pathToFileURL(join(dir, 'plugin.yaml')).href;
  const mark = published.length;
  await conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 4, character: 10 }, end: { line: 4, character: 24 } }, text: 'auth' }],
  });
  const fixed = await diagnosticsFor(uri, (p) => p.version === 2, mark);
  assert.deepEqual(fixed.diagnostics, []);

  const mark2 = published.length;
  await conn.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 8, character: 12 }, end: { line: 8, character: 28 } }, text: 'http://plugins.example.com' }],
  });
  const warned = await diagnosticsFor(uri, (p) => p.version === 3, mark2);
  assert.deepEqual(warned.diagnostics.map((d) => [d.code, d.severity]), [['manifest/insecure-http', 2]]);

  const mark3 = published.length;
  settings = { manifest: { enable: true, severity: { 'manifest/insecure-http': 'error' } } };
  await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { mockforge: settings } });
  const escalated = await diagnosticsFor(uri, (p) => p.diagnostics.some((d) => d.severity === 1), mark3);
  assert.deepEqual(escalated.diagnostics.map((d) => [d.code, d.severity]), [['manifest/insecure-http', 1]]);

  const mark4 = published.length;
  settings = { manifest: { enable: false } };
  await conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { mockforge: settings } });
  const off = await diagnosticsFor(uri, (p) => p.diagnostics.length === 0, mark4);
  assert.deepEqual(off.diagnostics, []);
  const none = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 8, character: 4 } });
  assert.equal(none, null, 'a disabled language answers nothing');
  settings = { manifest: { enable: true, severity: {} } };
});
