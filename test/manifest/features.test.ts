// Completion, hover, code actions, symbols and folding over documents with a caret (`|`) at the position.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeActionKind } from 'vscode-languageserver';
import { createManifestService } from '../../server/src/manifest/service';
import { parseManifest } from '../../server/src/manifest/parse';
import { manifestCompletion } from '../../server/src/manifest/completion';
import { manifestHover } from '../../server/src/manifest/hover';
import { manifestSymbols, manifestFolding } from '../../server/src/manifest/symbols';
import { applyEdits, caret, freshUri, memoryFs, textDocument } from './helpers';

function complete(src: string, options = {}) {
  const { text, position } = caret(src);
  return { text, list: manifestCompletion(parseManifest(text, freshUri()), position, options) };
}
const labels = (src: string, options = {}) => complete(src, options).list.items.map((i) => i.label);
function accept(src: string, label: string): string {
  const { text, list } = complete(src);
  const item = list.items.find((i) => i.label === label);
  assert.ok(item, `${label} offered (got ${list.items.map((i) => i.label).join(', ')})`);
  const edit = item.textEdit as { range: never; newText: string };
  // Snippet placeholders ${1:x} / ${1|a,b|} become their first value, as an editor would insert them.
  const plain = edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d/g, '');
  // insertTextMode adjustIndentation: continuation lines get the current line's indentation, as VS Code does.
  const indent = /^\s*/.exec(text.split('\n')[(edit.range as { start: { line: number } }).start.line])![0];
  return applyEdits(text, [{ range: edit.range, newText: plain.replace(/\n/g, `\n${indent}`) }]);
}

test('completion: top-level keys, without the ones already present', () => {
  const l = labels('plugin:\n  id: x\nremote:\n  protocol: http\n|');
  assert.ok(l.includes('capabilities') && l.includes('wasm') && l.includes('environment'));
  assert.ok(!l.includes('plugin') && !l.includes('remote'));
});

test('completion: keys by path, nested and in sequences of mappings', () => {
  assert.deepEqual(labels('remote:\n  auth:\n    type: bearer\n    |').sort(), ['header', 'token_env']);
  assert.deepEqual(labels('capabilities:\n  network:\n    allow|').sort(), ['allow_http_outbound', 'allow_outbound', 'allowed_hosts']);
  assert.deepEqual(labels('environment:\n  - name: A\n    |').sort(), ['default', 'description', 'required']);
  assert.deepEqual(labels('plugin:\n  id: a\n  author:\n    |').sort(), ['email', 'homepage', 'name']);
});

test('completion: a whole section as a snippet with its required keys', () => {
  const out = accept('plugin:\n  id: a\nrem|', 'remote');
  assert.equal(out, 'plugin:\n  id: a\nremote:\n  protocol: http\n  endpoint: "http://localhost:8080"');
  const auth = accept('remote:\n  au|', 'auth');
  assert.equal(auth, 'remote:\n  auth:\n    type: bearer\n    token_env: "PLUGIN_TOKEN"');
});

test('completion: enum values, booleans, types items and toolchains', () => {
  assert.deepEqual(labels('plugin:\n  runtime: |'), ['wasm', 'remote', 'pyodide']);
  assert.deepEqual(labels('plugin:\n  runtime: re|'), ['wasm', 'remote', 'pyodide']);
  assert.deepEqual(labels('capabilities:\n  network:\n    allow_outbound: |'), ['true', 'false']);
  assert.deepEqual(labels('plugin:\n  types:\n    - auth\n    - |'), ['template', 'response', 'datasource']);
  assert.deepEqual(labels('plugin:\n  types: [auth, |]'), ['template', 'response', 'datasource']);
  assert.deepEqual(labels('plugin:\n  types: |'), ['[auth]', '[template]', '[response]', '[datasource]']);
  assert.ok(labels('wasm:\n  build:\n    toolchain: |').includes('tinygo'));
  assert.equal(accept('remote:\n  protocol: gr|', 'grpc'), 'remote:\n  protocol: grpc');
});

test('completion: file paths for wasm.path and pyodide.entry', () => {
  const fs = memoryFs({ '/p/build/plugin.wasm': '', '/p/src/a.py': '', '/p/node_modules/x/y.wasm': '', '/p/README.md': '' });
  assert.deepEqual(labels('wasm:\n  path: |', { dir: '/p', fs }), ['build/plugin.wasm']);
  assert.deepEqual(labels('pyodide:\n  entry: |', { dir: '/p', fs }), ['src/a.py']);
});

test('hover: description, type, default and example of a key and of a value', () => {
  const { text, position } = caret('remote:\n  time|out_ms: 100\n');
  const h = manifestHover(parseManifest(text, freshUri()), position);
  const value = (h?.contents as { value: string }).value;
  assert.match(value, /\*\*`remote\.timeout_ms`\*\* · `integer`/);
  assert.match(value, /Timeout of one attempt/);
  assert.match(value, /Default: `5000`/);
  assert.deepEqual(h?.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 12 } });
  const v = caret('plugin:\n  runtime: rem|ote\n');
  const hv = manifestHover(parseManifest(v.text, freshUri()), v.position);
  assert.match((hv?.contents as { value: string }).value, /`"wasm" \| "remote" \| "pyodide"`/);
});

test('hover: a types item lists the operations it requires', () => {
  const { text, position } = caret('plugin:\n  types: [auth, temp|late]\n');
  const h = manifestHover(parseManifest(text, freshUri()), position);
  const value = (h?.contents as { value: string }).value;
  assert.match(value, /`list-functions` \(WIT\) · core-ABI export `list_functions` · HTTP `POST \{endpoint\}\/plugin\/template\/list`/);
  assert.match(value, /`execute_function`/);
});

test('hover: nothing on comments or unknown keys', () => {
  for (const src of ['# a comm|ent\nplugin: {}\n', 'bog|us: 1\n']) {
    const { text, position } = caret(src);
    assert.equal(manifestHover(parseManifest(text, freshUri()), position), null, src);
  }
});

test('code actions: quick fixes for diagnostics in range, the build command, the migration', () => {
  const service = createManifestService({ fs: memoryFs({}) });
  const doc = textDocument('plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [authentication]\n');
  const range = { start: { line: 4, character: 10 }, end: { line: 4, character: 10 } };
  const actions = service.codeActions!(doc, { textDocument: { uri: doc.uri }, range, context: { diagnostics: [] } }) as { title: string; kind?: string; edit?: { changes: Record<string, never[]> } }[];
  assert.deepEqual(actions.map((a) => a.title), ['Change to `auth`']);
  assert.equal(actions[0].kind, CodeActionKind.QuickFix);
  assert.equal(applyEdits(doc.getText(), actions[0].edit!.changes[doc.uri]), 'plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [auth]\n');
  const none = service.codeActions!(doc, { textDocument: { uri: doc.uri }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } }) as unknown[];
  assert.equal(none.length, 0);

  const built = createManifestService({ fs: memoryFs({ '/p/src/index.ts': '' }) });
  const wasmDoc = textDocument('plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [auth]\nwasm:\n  path: build/p.wasm\n', 'file:///p/plugin.yaml');
  const cmd = built.codeActions!(wasmDoc, { textDocument: { uri: wasmDoc.uri }, range: { start: { line: 6, character: 9 }, end: { line: 6, character: 9 } }, context: { diagnostics: [] } }) as { title: string; command?: { command: string; arguments: unknown[] } }[];
  assert.deepEqual(cmd.map((a) => a.title), ['Build plugin']);
  assert.equal(cmd[0].command?.command, 'mockforge.buildPlugin');
  assert.deepEqual(cmd[0].command?.arguments, [{ plugin: '/p' }]);
});

test('document symbols: the outline follows the sections, keys and named list items', () => {
  const text = 'plugin:\n  id: demo\n  types: [auth]\nenvironment:\n  - name: TOKEN\n    required: true\n';
  const symbols = manifestSymbols(parseManifest(text, freshUri()));
  assert.deepEqual(symbols.map((s) => s.name), ['plugin', 'environment']);
  assert.deepEqual(symbols[0].children?.map((s) => [s.name, s.detail]), [['id', 'demo'], ['types', 'auth']]);
  assert.equal(symbols[1].children?.[0].name, 'TOKEN');
  assert.deepEqual(symbols[0].selectionRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
});

test('folding: every multi-line section and list item', () => {
  const text = 'plugin:\n  id: demo\n  author:\n    name: A\n    email: a@b.c\nenvironment:\n  - name: A\n    required: true\n\n';
  assert.deepEqual(manifestFolding(parseManifest(text, freshUri())), [
    { startLine: 0, endLine: 4 }, { startLine: 2, endLine: 4 }, { startLine: 5, endLine: 7 }, { startLine: 6, endLine: 7 },
  ]);
});

test('the service handles plugin.yaml / plugin.yml by name, whatever the language id', () => {
  const service = createManifestService();
  assert.ok(service.handles(textDocument('', 'file:///w/a/plugin.yaml')));
  assert.ok(service.handles(textDocument('', 'file:///w/a/plugin.yml')));
  assert.ok(service.handles(textDocument('', 'untitled:Untitled-1/plugin.yaml')));
  assert.ok(!service.handles(textDocument('', 'file:///w/a/docker-compose.yaml')));
  assert.ok(!service.handles(textDocument('', 'file:///w/a/my-plugin.yaml')));
});
