// WIT through the real language server (node dist/server.js --stdio), as an editor drives it.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidSaveTextDocumentNotification, PublishDiagnosticsNotification,
  HoverRequest, DefinitionRequest, ConfigurationRequest, ShutdownRequest, ExitNotification,
  type ProtocolConnection, type PublishDiagnosticsParams, type Hover, type Location,
} from 'vscode-languageserver/node';
import { ROOT } from './helpers';

let proc: ChildProcess;
let conn: ProtocolConnection;
let dir: string;
const published: PublishDiagnosticsParams[] = [];
const waiters: { pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

function diagnostics(pred: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
  const seen = published.find(pred);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => waiters.push({ pred, resolve }));
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wit-lsp-'));
  proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of [...waiters]) if (w.pred(p)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(p); }
  });
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  conn.listen();
  const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, workspaceFolders: null, capabilities: {} });
  assert.ok(init.capabilities.semanticTokensProvider, 'WIT semantic tokens advertised');
  assert.ok(init.capabilities.renameProvider, 'WIT rename advertised');
  await conn.sendNotification(InitializedNotification.type, {});
});

after(async () => {
  await conn.sendRequest(ShutdownRequest.type);
  await conn.sendNotification(ExitNotification.type);
  await new Promise((r) => proc.once('exit', r));
  conn.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test('a .wit document gets located diagnostics, hover and definition from the server', { timeout: 60_000 }, async () => {
  const types = path.join(dir, 'types.wit');
  const api = path.join(dir, 'api.wit');
  writeFileSync(types, 'package local:demo;\n\ninterface types {\n    /// Where.\n    record point { x: u32 }\n}\n');
  const text = 'interface api {\n    use types.{point};\n    f: func(p: point) -> strin;\n}\n';
  writeFileSync(api, text);
  const uri = pathToFileURL(api).href;
  await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'wit', version: 1, text } });
  const p = await diagnostics((x) => x.uri === uri && x.diagnostics.length > 0);
  assert.deepEqual(p.diagnostics.map((d) => [d.source, d.code, d.range.start.line, d.range.start.character, d.message]), [['wit', 'unknown-name', 2, 25, 'name `strin` does not exist']]);

  const hover = (await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 16 } })) as Hover;
  assert.match((hover.contents as { value: string }).value, /record point/);
  const def = (await conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: { line: 2, character: 16 } })) as Location[];
  assert.equal(def[0].uri, pathToFileURL(types).href);
  assert.equal(def[0].range.start.line, 4);

  const fixed = text.replace('strin', 'string');
  await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await diagnostics((x) => x.uri === uri && x.version === 2 && x.diagnostics.length === 0);
  // On save the reference parser is asked too; both accept, so nothing new is published for this version.
  writeFileSync(api, fixed);
  const before = published.length;
  await conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  const afterSave = await diagnostics((x) => x.uri === uri && published.indexOf(x) >= before);
  assert.deepEqual(afterSave.diagnostics, []);
});
