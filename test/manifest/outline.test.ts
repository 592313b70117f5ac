// The light outline (outline.ts) must give exactly the yaml CST's nodes and ranges wherever it is used: node by node
// on the corpus, the valid manifests, edge cases and 2,500 mutated manifests, and diagnostic by diagnostic (ranges,
// messages and fixes) with the outline on and off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, isScalar, isPair, isNode } from 'yaml';
import { parseManifest } from '../../server/src/manifest/parse';
import { manifestDiagnostics } from '../../server/src/manifest/validate';
import { outlineSettings, isOpaque, sectionOutline } from '../../server/src/manifest/outline';
import { keyText } from '../../server/src/manifest/paths';
import { freshUri } from './helpers';
import { prng, mutate } from './mutate';

const root = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'manifests');
const files = ['valid', 'corpus'].flatMap((d) => readdirSync(join(root, d)).map((f) => ({ name: `${d}/${f}`, text: readFileSync(join(root, d, f), 'utf8') })));

const EDGES = [
  'a:\n  - y\n  # c\n\nz: 1\n',
  'a:\n  b: 1\n    # c\n  # d\nz:  # e\n',
  'a:\n  b:\n    c: 1\n\n\n',
  "a: [1]\nb: {x: 1}  \nc: \"q\\\"x\" \nd: 'it''s'\ne:\n",
  '- a: 1\n  b: 2\n-\n  c: 3\n- d\n',
  'plugin:\n  # the id\n  id: x   # trailing\n\n  # before version\n  version: 1.0\n# end\n',
  'plugin:\n  types: ["auth", "x"]\n  name: ~\n  author:\n    name: null\n',
  'a:\n- b\n- c\n',
  'a: b\n  # deeper\n\n  # deeper after blank\nc: d\n',
  'a:\n  -   x\n  - "y"  # q\n  - [1, {b: 2}]\n',
  'k: v\n',
  'k:',
  'k: v',
  '"q k": 1\n\'s k\': 2\n',
];

/** Node-by-node comparison of the outline against the CST (start and end of every node; kinds, keys, flow, nulls). */
function same(a: unknown, b: unknown, where: string): void {
  if (isPair(a) || isPair(b)) {
    assert.ok(isPair(a) && isPair(b), `${where}: pair`);
    assert.equal(keyText(a), keyText(b), `${where}: key`);
    same(a.key, b.key, `${where}.key`);
    same(a.value, b.value, `${where}:${keyText(a)}`);
    return;
  }
  if (!isNode(a) || !isNode(b)) {
    assert.equal(a ?? null, b ?? null, `${where}: missing node`);
    return;
  }
  assert.deepEqual([a.range?.[0], a.range?.[1]], [b.range?.[0], b.range?.[1]], `${where}: range`);
  if (isScalar(a)) {
    assert.ok(isScalar(b), `${where}: scalar`);
    assert.equal(a.type, b.type, `${where}: scalar style`);
    assert.equal(a.value === null, b.value === null, `${where}: empty`);
    if (a.type !== 'PLAIN') assert.equal(a.value, b.value, `${where}: quoted value`);
    return;
  }
  assert.equal(isMap(a), isMap(b), `${where}: map`);
  assert.equal(isSeq(a), isSeq(b), `${where}: list`);
  if (!isMap(a) && !isSeq(a)) return;
  const bc = b as typeof a;
  assert.equal(Boolean(a.flow), Boolean(bc.flow), `${where}: flow`);
  if (isOpaque(a)) return;
  assert.equal(a.items.length, bc.items.length, `${where}: items`);
  a.items.forEach((item, i) => same(item, (bc.items as unknown[])[i], `${where}[${i}]`));
}

const show = (ds: ReturnType<typeof manifestDiagnostics>) => ds.map((d) => ({ range: d.range, code: d.code, message: d.message, fixes: d.data?.fixes }));

/** Returns whether the outline covered the text. */
function agree(text: string, where: string): boolean {
  const fast = parseManifest(text, freshUri());
  const outline = fast.outline;
  if (outline) same(outline, fast.yaml.contents, where);
  // Each top-level section built from its own lines must be that section of the whole tree.
  const contents = fast.yaml.contents;
  if (fast.wellFormed && isMap(contents)) {
    for (const pair of contents.items) {
      const section = sectionOutline(text, fast.lines, keyText(pair));
      if (section && isMap(section)) same(section.items[0], pair, `${where} section ${keyText(pair)}`);
    }
  }
  const withOutline = show(manifestDiagnostics(parseManifest(text, freshUri())));
  outlineSettings.enabled = false;
  try {
    const withCst = show(manifestDiagnostics(parseManifest(text, freshUri())));
    assert.deepEqual(withOutline, withCst, `${where}: diagnostics differ\n${text.slice(0, 1500)}`);
  } finally {
    outlineSettings.enabled = true;
  }
  return outline !== undefined;
}

test('the outline agrees with the CST on the corpus, the valid manifests and edge cases', () => {
  let covered = 0;
  for (const f of files) if (agree(f.text, f.name)) covered++;
  EDGES.forEach((t, i) => agree(t, `edge ${i}`));
  // The point of the outline: ordinary manifests do not need the CST.
  assert.ok(covered >= files.length - 2, `the outline covered only ${covered} of ${files.length} manifests`);
});

test('the outline agrees with the CST on 2,500 mutated manifests', () => {
  const rnd = prng(Number(process.env.MF_FUZZ_SEED ?? 0x0b71));
  let covered = 0;
  for (let n = 0; n < 2500; n++) {
    let text = files[n % files.length].text;
    const rounds = 1 + Math.floor(rnd() * 4);
    for (let r = 0; r < rounds; r++) text = mutate(text, rnd);
    if (agree(text, `mutation #${n}`)) covered++;
  }
  assert.ok(covered > 250, `the outline was used on ${covered} mutated manifests only`);
});
