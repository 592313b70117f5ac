// The formatter against the reference printer: `wasm-tools component wit` is wit-parser's printer, which jco exposes
// as componentWit (of a component made with componentEmbed({dummy, witSource}) + componentNew). For every interface
// and world of the corpus (test/fixtures/wit and wit/), the reference printout is taken, its layout thrown away (all
// code on one line, single spaces) and our formatter must lay it out again exactly as the reference did: spacing,
// indentation, trailing commas and blank lines. What the reference changes beyond layout (dropping plain comments,
// ordering types before functions and imports before exports, dropping unused items, elaborating `include`) is what
// our formatter deliberately does not do: it keeps comments and source order (server/src/wit/README.md).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { formatWit } from '../../server/src/wit/format';
import { parse } from '../../server/src/wit/parser';
import { FIXTURES, ROOT } from './helpers';

interface Jco {
  componentEmbed(o: { dummy: boolean; witSource: string; world: string }): Promise<Uint8Array>;
  componentNew(b: Uint8Array): Promise<Uint8Array>;
  componentWit(b: Uint8Array): Promise<string>;
}

function witFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) witFiles(p, out);
    else if (n.endsWith('.wit')) out.push(p);
  }
  return out;
}

/** The printout's layout thrown away: code on one line with single spaces; comment lines kept (they end at a newline). */
function mangle(printed: string): string {
  return printed.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => (l.startsWith('//') ? `\n${l}\n` : `${l} `)).join('').replace(/ +/g, ' ');
}

test('the formatter lays out every reference printout of the corpus exactly as wasm-tools prints it', async () => {
  const spec = '@bytecodealliance/jco';
  const jco = await (import(spec) as Promise<Jco>);
  const print = async (witSource: string, world: string) => jco.componentWit(await jco.componentNew(await jco.componentEmbed({ dummy: true, witSource, world })));
  const printouts = new Map<string, string>();
  const files = [...witFiles(path.join(FIXTURES, 'cases', 'valid')), ...witFiles(path.join(FIXTURES, 'format')), ...witFiles(path.join(FIXTURES, 'packages')), ...witFiles(path.join(ROOT, 'wit'))];
  let rejected = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const pr = parse(text);
    if (pr.diagnostics.some((d) => d.severity === 'error')) continue;
    for (const item of pr.file.items) {
      // An interface on its own: inlined into a world's import (so the printout shows its body); a world as it is.
      let source: string | undefined;
      let world = 'root';
      const label = item.kind === 'toplevel-use' ? '' : item.name.name;
      if (item.kind === 'interface' && !item.items.some((i) => i.kind === 'use')) {
        source = `package root:component;\n\nworld root {\n  import ${item.name.name}: interface {${text.slice(item.body.start + 1, item.body.end - 1)}}\n}\n`;
      } else if (item.kind === 'world' && pr.file.packageDecl) {
        source = text;
        world = item.name.name;
      }
      if (source === undefined) continue;
      try {
        const printed = await print(source, world);
        if (!printouts.has(printed)) printouts.set(printed, `${path.relative(ROOT, file)} ${label}`);
      } catch {
        rejected++; // needs the rest of its package (foreign uses, deps): not printable on its own
      }
    }
  }
  assert.ok(printouts.size >= 60, `only ${printouts.size} distinct printouts (${rejected} items not printable alone)`);
  const bodies = [...printouts.keys()].join('\n');
  for (const shape of ['record', 'variant', 'enum', 'flags', 'resource', 'constructor', 'static', 'import', 'export', 'use ', 'async func', 'result<', 'future<']) {
    assert.ok(bodies.includes(shape), `the printouts exercise ${shape}`);
  }
  const mismatches: string[] = [];
  for (const [printed, where] of printouts) {
    const ours = formatWit(mangle(printed), { indent: '  ' });
    if (ours !== printed) mismatches.push(`${where}\n--- wasm-tools\n${printed}--- ours\n${ours ?? '(not formatted)\n'}`);
  }
  assert.deepEqual(mismatches, [], `${mismatches.length} of ${printouts.size} layouts differ`);
});
