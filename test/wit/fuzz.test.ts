// 10,000 mutated WIT documents (seeded) through every feature of the service: no exception, every range inside its
// document. Mutations: deletions, duplicated slices, inserted tokens / keywords / junk characters, swapped chars.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type * as lsp from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { createWitFeatures } from '../../server/src/wit/features';
import { FIXTURES, ROOT, doc, prng } from './helpers';

const DOCS = 10000;
const VOCAB = ['{', '}', '(', ')', '<', '>', ';', ',', ':', '.', '/', '@', '=', '->', '%', '"', 'package', 'interface', 'world', 'use', 'import', 'export', 'include', 'with', 'as', 'type', 'record', 'variant', 'enum', 'flags', 'resource', 'func', 'static', 'async', 'constructor', 'borrow<', 'own<', 'list<u8, 4>', 'result<_, ', 'option<', 'tuple<', 'stream', 'future', '@since(version = 1.0.0)', '@unstable(feature = x)', '@deprecated(version = 0.1.0)', 'a:b/c@1.0.0', '///doc\n', '/*', '*/', '//', '\n', ' ', 'x', 'X-Y', '%record', '1.0', '\u0000', '\u202e', 'é', '😀', '\r\n', '\t'];

function corpus(): string[] {
  const out: string[] = [];
  for (const kind of ['valid', 'invalid']) for (const f of readdirSync(path.join(FIXTURES, 'cases', kind))) out.push(readFileSync(path.join(FIXTURES, 'cases', kind, f), 'utf8'));
  for (const f of readdirSync(path.join(ROOT, 'wit'))) if (f.endsWith('.wit')) out.push(readFileSync(path.join(ROOT, 'wit', f), 'utf8'));
  return out;
}

function mutate(src: string, rnd: () => number): string {
  let s = src;
  const n = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < n; k++) {
    const at = Math.floor(rnd() * (s.length + 1));
    const len = Math.floor(rnd() * 12);
    switch (Math.floor(rnd() * 5)) {
      case 0: s = s.slice(0, at) + s.slice(at + len); break;
      case 1: s = s.slice(0, at) + VOCAB[Math.floor(rnd() * VOCAB.length)] + s.slice(at); break;
      case 2: { const from = Math.floor(rnd() * s.length); s = s.slice(0, at) + s.slice(from, from + len * 4) + s.slice(at); break; }
      case 3: if (at + 1 < s.length) s = s.slice(0, at) + s[at + 1] + s[at] + s.slice(at + 2); break;
      default: s = s.slice(0, at) + s.slice(at, at + len).toUpperCase() + s.slice(at + len);
    }
  }
  return s;
}

function checkRange(d: TextDocument, r: lsp.Range, what: string): void {
  const lines = d.getText().split(/\r\n|\r|\n/);
  for (const p of [r.start, r.end]) {
    assert.ok(p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside ${lines.length} lines`);
    assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} outside line ${p.line}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

test(`${DOCS} mutated documents through every feature: no exception, every range inside its document`, async () => {
  const wit = createWitFeatures();
  const base = corpus();
  const rnd = prng(4242);
  let diagnostics = 0;
  for (let i = 0; i < DOCS; i++) {
    const text = mutate(base[Math.floor(rnd() * base.length)], rnd);
    const d = doc(text);
    const ctx = (what: string) => `doc ${i} ${what}: ${JSON.stringify(text.slice(0, 200))}`;
    try {
      for (const x of (await wit.diagnostics!(d))!) { checkRange(d, x.range, ctx('diagnostic')); diagnostics++; }
      for (const s of (await wit.documentSymbols!(d))!) { checkRange(d, s.range, ctx('symbol')); checkRange(d, s.selectionRange, ctx('symbol')); }
      for (const f of (await wit.foldingRanges!(d))!) assert.ok(f.startLine <= f.endLine && f.endLine < d.lineCount, ctx('folding'));
      const tokens = (await wit.semanticTokens!(d))!;
      assert.equal(tokens.data.length % 5, 0);
      for (let k = 0; k < 3; k++) {
        const p = d.positionAt(Math.floor(rnd() * (text.length + 1)));
        const h = await wit.hover!(d, p);
        if (h?.range) checkRange(d, h.range, ctx('hover'));
        for (const l of (await wit.definition!(d, p)) ?? []) if (l.uri === d.uri) checkRange(d, l.range, ctx('definition'));
        for (const l of (await wit.references!(d, p, true)) ?? []) if (l.uri === d.uri) checkRange(d, l.range, ctx('references'));
        await wit.completion!(d, p);
        const prep = await wit.prepareRename!(d, p);
        if (prep && 'range' in prep) checkRange(d, prep.range, ctx('prepareRename'));
        for (const s of (await wit.selectionRanges!(d, [p]))!) for (let r: lsp.SelectionRange | undefined = s; r; r = r.parent) checkRange(d, r.range, ctx('selection'));
      }
      const edits = (await wit.formatting!(d, { tabSize: 2, insertSpaces: true }))!;
      for (const e of edits) checkRange(d, e.range, ctx('formatting'));
    } catch (e) {
      assert.fail(`${ctx('threw')}\n${(e as Error).stack}`);
    }
  }
  console.log(`WIT fuzz: ${DOCS} mutated documents, ${diagnostics} diagnostics, all ranges inside their documents`);
});
