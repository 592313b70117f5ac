// Editing features through the LanguageFeatures interface, the way the server calls them (caret `|` = cursor).
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as lsp from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createWitFeatures } from '../../server/src/wit/features';
import { formatWit } from '../../server/src/wit/format';
import { analyzeSource } from '../../server/src/wit/program';
import { FIXTURES, ROOT, caret, doc } from './helpers';

const wit = createWitFeatures();
after(() => wit.reference.close());

const pos = (d: TextDocument, offset: number) => d.positionAt(offset);

// A package directory: two root files and a deps/ package.
const dir = mkdtempSync(path.join(tmpdir(), 'wit-features-'));
after(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, 'deps', 'io'), { recursive: true });
const FILES: Record<string, string> = {
  'types.wit': 'package local:demo;\n\ninterface types {\n    /// A point in space.\n    record point {\n        x: u32,\n        y: u32,\n    }\n}\n',
  'api.wit': 'interface api {\n    use types.{point};\n    use wasi:io/poll@0.2.0.{pollable};\n    move: func(p: point) -> point;\n    wait: func() -> pollable;\n}\n\nworld app {\n    import api;\n    export types;\n}\n',
  'deps/io/poll.wit': 'package wasi:io@0.2.0;\n\ninterface poll {\n    /// Something to wait for.\n    resource pollable;\n}\n',
};
for (const [f, t] of Object.entries(FILES)) writeFileSync(path.join(dir, f), t);
const fileDoc = (f: string, text = FILES[f]) => TextDocument.create(pathToFileURL(path.join(dir, f)).toString(), 'wit', 1, text);
const offsetOf = (f: string, needle: string, nth = 0) => { let i = -1; for (let k = 0; k <= nth; k++) i = FILES[f].indexOf(needle, i + 1); return i; };

test('diagnostics: located, with codes, for an unsaved document', async () => {
  const d = doc('package a:b;\ninterface i { f: func(x: strin); }\n');
  const diags = (await wit.diagnostics!(d))!;
  assert.equal(diags.length, 1);
  assert.equal(diags[0].code, 'unknown-name');
  assert.deepEqual(diags[0].range, { start: { line: 1, character: 25 }, end: { line: 1, character: 30 } });
});

test('diagnostics of a package directory see the other files and deps/', async () => {
  assert.deepEqual(await wit.diagnostics!(fileDoc('api.wit')), []);
  const broken = fileDoc('api.wit', FILES['api.wit'].replace('use types.{point}', 'use types.{pointy}'));
  const diags = (await wit.diagnostics!(broken))!;
  assert.deepEqual(diags.map((x) => x.code), ['unknown-name', 'unknown-name', 'unknown-name']);
});

test('hover shows the doc comment and the definition', async () => {
  const h = (await wit.hover!(fileDoc('api.wit'), pos(fileDoc('api.wit'), offsetOf('api.wit', 'point', 1) + 2)))!;
  const value = (h.contents as lsp.MarkupContent).value;
  assert.match(value, /record point \{/);
  assert.match(value, /A point in space\./);
  assert.match(value, /local:demo\/types\.point/);
});

test('go to definition across files and into deps/', async () => {
  const api = fileDoc('api.wit');
  const def = (await wit.definition!(api, pos(api, offsetOf('api.wit', 'point', 2) + 1)))!;
  assert.equal(def.length, 1);
  assert.ok(def[0].uri.endsWith('/types.wit'));
  assert.deepEqual(def[0].range.start, { line: 4, character: 11 });
  const dep = (await wit.definition!(api, pos(api, offsetOf('api.wit', 'pollable', 1) + 1)))!;
  assert.ok(dep[0].uri.endsWith('/deps/io/poll.wit'), dep[0].uri);
  const iface = (await wit.definition!(api, pos(api, offsetOf('api.wit', 'import api') + 8)))!;
  assert.deepEqual(iface[0].range.start, { line: 0, character: 10 });
});

test('references across files', async () => {
  const types = fileDoc('types.wit');
  const refs = (await wit.references!(types, pos(types, offsetOf('types.wit', 'record point') + 8), true))!;
  const where = refs.map((r) => `${path.basename(r.uri)}:${r.range.start.line}:${r.range.start.character}`).sort();
  assert.deepEqual(where, ['api.wit:1:15', 'api.wit:3:18', 'api.wit:3:28', 'types.wit:4:11']);
  const noDecl = (await wit.references!(types, pos(types, offsetOf('types.wit', 'record point') + 8), false))!;
  assert.equal(noDecl.length, 3);
});

test('rename across files, refusing invalid names', async () => {
  const types = fileDoc('types.wit');
  const p = pos(types, offsetOf('types.wit', 'record point') + 8);
  const prep = (await wit.prepareRename!(types, p)) as { placeholder: string };
  assert.equal(prep.placeholder, 'point');
  const edit = (await wit.rename!(types, p, 'vec2'))!;
  const uris = Object.keys(edit.changes!).map((u) => path.basename(u)).sort();
  assert.deepEqual(uris, ['api.wit', 'types.wit']);
  assert.equal(Object.values(edit.changes!).flat().length, 4);
  assert.ok(Object.values(edit.changes!).flat().every((e) => e.newText === 'vec2'));
  await assert.rejects(async () => wit.rename!(types, p, 'Not-Kebab'), /not a valid WIT name/);
  await assert.rejects(async () => wit.rename!(types, p, 'a--b'), /not a valid WIT name/);
  await assert.rejects(async () => wit.rename!(types, p, 'record'), /keyword; write `%record`/);
  const kw = (await wit.rename!(types, p, '%record'))!;
  assert.ok(Object.values(kw.changes!).flat().every((e) => e.newText === '%record'), 'a keyword is written with %');
});

async function labels(src: string, d?: TextDocument): Promise<string[]> {
  const { text, offset } = caret(src);
  const document = d ? TextDocument.create(d.uri, 'wit', 2, text) : doc(text);
  const list = (await wit.completion!(document, document.positionAt(offset))) as lsp.CompletionList;
  return list.items.map((i) => i.label);
}

test('completion: keywords by position', async () => {
  assert.deepEqual(await labels('|'), ['package', 'interface', 'world', 'use']);
  assert.deepEqual(await labels('package a:b;\ninterface i {\n  |\n}\n'), ['use', 'type', 'record', 'variant', 'enum', 'flags', 'resource']);
  assert.deepEqual(await labels('package a:b;\nworld w {\n  imp|\n}\n'), ['import', 'export', 'include', 'use', 'type', 'record', 'variant', 'enum', 'flags', 'resource']);
  assert.deepEqual(await labels('package a:b;\ninterface i {\n  resource r {\n    |\n  }\n}\n'), ['constructor']);
  assert.deepEqual(await labels('package a:b;\ninterface i {\n  f: |\n}\n'), ['func', 'async']);
  assert.deepEqual(await labels('package a:b;\ninterface i {\n  @|\n}\n'), ['since', 'unstable', 'deprecated']);
});

test('completion: types in scope in type positions', async () => {
  const src = 'package a:b;\ninterface i {\n  record r { a: u32 }\n  resource res;\n  f: func(x: |\n}\n';
  const got = await labels(src);
  for (const l of ['u32', 'string', 'list', 'option', 'result', 'borrow', 'r', 'res']) assert.ok(got.includes(l), `${l} in ${got}`);
  assert.ok(!got.includes('f'), 'functions are not types');
  const inGeneric = await labels('package a:b;\ninterface i {\n  record r { a: u32 }\n  type t = list<|>;\n}\n');
  assert.ok(inGeneric.includes('r') && inGeneric.includes('u8'));
  const inRecord = await labels('package a:b;\ninterface i {\n  type t = u32;\n  record r { a: | }\n}\n');
  assert.ok(inRecord.includes('t'));
});

test('completion: use paths, deps packages, names after `.{`', async () => {
  const api = fileDoc('api.wit');
  const afterUse = await labels('interface api {\n    use |\n}\n', api);
  assert.ok(afterUse.includes('types') && afterUse.includes('wasi:io/'), afterUse.join(','));
  const inPkg = await labels('interface api {\n    use wasi:io/|\n}\n', api);
  assert.deepEqual(inPkg, ['poll']);
  const names = await labels('interface api {\n    use types.{|};\n}\n', api);
  assert.deepEqual(names, ['point']);
  const worldImport = await labels('interface api {}\nworld app {\n    import |\n}\n', api);
  assert.ok(worldImport.includes('types') && worldImport.includes('api'));
});

test('document symbols and workspace symbols', async () => {
  const d = doc('package a:b;\ninterface i {\n  record r { a: u32 }\n  f: func(x: r);\n}\nworld w { export run: func(); }\n');
  const syms = (await wit.documentSymbols!(d))!;
  assert.deepEqual(syms.map((s) => s.name), ['a:b', 'i', 'w']);
  const i = syms[1];
  assert.deepEqual(i.children!.map((c) => c.name), ['r', 'f']);
  assert.deepEqual(i.children![0].children!.map((c) => c.name), ['a']);
  await wit.diagnostics!(fileDoc('types.wit'));
  const ws = (await wit.workspaceSymbols!('poi'))!;
  assert.ok(ws.some((s) => s.name === 'point' && s.location.uri.endsWith('types.wit')));
});

test('folding and selection ranges', async () => {
  const text = 'package a:b;\n// one\n// two\ninterface i {\n  record r {\n    a: u32,\n  }\n}\n';
  const d = doc(text);
  const folds = (await wit.foldingRanges!(d))!;
  assert.deepEqual(folds.map((f) => `${f.startLine}-${f.endLine}:${f.kind}`), ['1-2:comment', '3-6:region', '4-5:region']);
  const sel = (await wit.selectionRanges!(d, [d.positionAt(text.indexOf('u32') + 1)]))![0];
  const chain: string[] = [];
  for (let s: lsp.SelectionRange | undefined = sel; s; s = s.parent) chain.push(text.slice(d.offsetAt(s.range.start), d.offsetAt(s.range.end)));
  assert.equal(chain[0], 'u32');
  assert.equal(chain[1], 'a: u32');
  assert.equal(chain[chain.length - 1], text);
});

test('semantic tokens classify names by what they resolve to', async () => {
  const text = 'package a:b;\ninterface i {\n  record r { a: u32 }\n  f: func(x: r);\n}\n';
  const d = doc(text);
  const { data } = (await wit.semanticTokens!(d))!;
  const legend = (wit.capabilities!.semanticTokensProvider as lsp.SemanticTokensOptions).legend.tokenTypes;
  let line = 0;
  let char = 0;
  const toks: string[] = [];
  for (let k = 0; k < data.length; k += 5) {
    line += data[k];
    char = data[k] === 0 ? char + data[k + 1] : data[k + 1];
    const off = d.offsetAt({ line, character: char });
    toks.push(`${text.slice(off, off + data[k + 2])}:${legend[data[k + 3]]}`);
  }
  assert.ok(toks.includes('r:struct'), toks.join(' '));
  assert.ok(toks.includes('f:function') && toks.includes('x:parameter') && toks.includes('a:property') && toks.includes('u32:type') && toks.includes('interface:keyword') && toks.includes('i:interface'), toks.join(' '));
});

test('formatting: canonical layout, comments kept, idempotent on the whole corpus', async () => {
  const ugly = 'package   a:b@1.0.0 ;\ninterface i{ use j . { x , y as z } ;\n record r { a : u32 , b : list < u8 , 4 > // why\n }\n @since ( version = 1.0.0 ) f : func ( a : borrow < r > ) -> result < _ , string > ;\n}\nworld w { import i; include v with { a as b } }\n';
  const d = doc(ugly);
  const edits = (await wit.formatting!(d, { tabSize: 4, insertSpaces: true }))!;
  const out = edits[0].newText;
  assert.equal(out, 'package a:b@1.0.0;\n\ninterface i {\n    use j.{x, y as z};\n\n    record r {\n        a: u32,\n        b: list<u8, 4>, // why\n    }\n\n    @since(version = 1.0.0)\n    f: func(a: borrow<r>) -> result<_, string>;\n}\n\nworld w {\n    import i;\n    include v with { a as b }\n}\n');
  assert.deepEqual(await wit.formatting!(doc(out), { tabSize: 4, insertSpaces: true }), [], 'formatted text is a fixed point');
  const files: string[] = [];
  for (const kind of ['valid', 'invalid']) for (const f of readdirSync(path.join(FIXTURES, 'cases', kind))) files.push(path.join(FIXTURES, 'cases', kind, f));
  for (const f of readdirSync(path.join(ROOT, 'wit'))) if (f.endsWith('.wit')) files.push(path.join(ROOT, 'wit', f));
  let formatted = 0;
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const once = formatWit(src);
    if (once === undefined) continue; // syntax errors: left alone
    formatted++;
    assert.equal(formatWit(once), once, `not idempotent: ${f}`);
    const before = analyzeSource(src).files[0].diagnostics.map((x) => x.code);
    const afterFmt = analyzeSource(once).files[0].diagnostics.map((x) => x.code);
    assert.deepEqual(afterFmt, before, `formatting changed the meaning of ${f}`);
  }
  assert.ok(formatted > 150);
});

test('on save: the reference parser runs in a worker and reports what it rejects', async () => {
  assert.deepEqual(await wit.diagnosticsOnSave!(fileDoc('api.wit')), [], 'a package both accept');
  const verdict = await wit.reference.check('package a:b;\ninterface i { f: func(x: strin); }\n');
  assert.deepEqual(verdict, { ok: false, message: 'name `strin` does not exist' });
  assert.deepEqual(await wit.reference.check('package a:b;\nworld w {}\n'), { ok: true });
});
