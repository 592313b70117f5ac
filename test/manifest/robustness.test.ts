// 10,000 randomly mutated manifests (seeded): no feature throws and every range stays inside its document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Range } from 'vscode-languageserver';
import { createManifestService } from '../../server/src/manifest/service';
import { LineIndex } from '../../server/src/text/lines';
import { applyEdits, memoryFs, textDocument } from './helpers';
import { prng, mutate } from './mutate';

const ITERATIONS = Number(process.env.MF_FUZZ_ITERATIONS ?? 10_000);
/**
 * Huge values, deep nesting and alias bombs cost 10–100× a plain document to parse: at 1 mutation in 25 they still
 * reach ~900 documents of the 10,000 (more than the 2,500-document run with uniform mutations met) while the run
 * stays about as long as that one was.
 */
const HEAVY_RATE = 0.04;
const root = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'manifests');
const seeds = ['valid', 'corpus'].flatMap((d) => readdirSync(join(root, d)).map((f) => readFileSync(join(root, d, f), 'utf8')));

test(`${ITERATIONS} mutated manifests: no exception, every range inside the document`, () => {
  const rnd = prng(Number(process.env.MF_FUZZ_SEED ?? 0x5eed));
  const fs = memoryFs({ '/p/build/plugin.wasm': 'garbage', '/p/assembly/index.ts': '' });
  const service = createManifestService({ fs });
  let withDiagnostics = 0;
  let heavy = 0;
  for (let n = 0; n < ITERATIONS; n++) {
    let text = seeds[n % seeds.length];
    const rounds = 1 + Math.floor(rnd() * 4);
    for (let r = 0; r < rounds; r++) text = mutate(text, rnd, HEAVY_RATE);
    if (text.length > 20_000 || /\n {40}k\d|\[{50}|&c \[/.test(text)) heavy++;
    const doc = textDocument(text, n % 3 === 0 ? `file:///p/plugin.yaml` : `untitled:fuzz-${n}/plugin.yaml`);
    const lines = new LineIndex(text);
    const inside = (range: Range, what: string) => {
      for (const p of [range.start, range.end]) {
        const ok = p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
        assert.ok(ok, `#${n} ${what}: ${JSON.stringify(range)} outside the document (${lines.lineCount} lines)\n${text.slice(0, 2000)}`);
      }
      assert.ok(range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character), `#${n} ${what}: reversed range`);
    };
    try {
      const diagnostics = service.validate(text, doc.uri);
      if (diagnostics.length) withDiagnostics++;
      for (const d of diagnostics) {
        inside(d.range, `diagnostic ${d.code}`);
        for (const fix of d.data?.fixes ?? []) {
          for (const e of fix.edits) inside(e.range, `fix ${fix.title}`);
          applyEdits(text, fix.edits);
        }
      }
      const pos = lines.positionAt(Math.floor(rnd() * (text.length + 1)));
      const completion = service.completion!(doc, pos) as { items: { textEdit?: { range: Range } }[] };
      for (const item of completion.items) if (item.textEdit) inside(item.textEdit.range, 'completion');
      const hover = service.hover!(doc, pos) as { range?: Range } | null;
      if (hover?.range) inside(hover.range, 'hover');
      const all = { start: { line: 0, character: 0 }, end: lines.positionAt(text.length) };
      service.codeActions!(doc, { textDocument: { uri: doc.uri }, range: all, context: { diagnostics: [] } });
      const walk = (symbols: { range: Range; selectionRange: Range; children?: unknown[] }[]) => {
        for (const s of symbols) {
          inside(s.range, 'symbol');
          inside(s.selectionRange, 'symbol selection');
          walk((s.children ?? []) as never);
        }
      };
      walk(service.documentSymbols!(doc) as never);
      for (const f of service.foldingRanges!(doc) as { startLine: number; endLine: number }[]) {
        assert.ok(f.startLine >= 0 && f.endLine < lines.lineCount && f.startLine <= f.endLine, `#${n} folding ${JSON.stringify(f)}`);
      }
    } catch (err) {
      if (err instanceof assert.AssertionError) throw err;
      assert.fail(`#${n} threw ${(err as Error).stack}\n--- document ---\n${text.slice(0, 3000)}`);
    }
  }
  assert.ok(withDiagnostics > ITERATIONS / 2, 'the mutations do produce problems to report');
  assert.ok(heavy > ITERATIONS / 20, `only ${heavy} documents met a huge value, deep nesting or an alias bomb`);
});
