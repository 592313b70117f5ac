// Completion reads present keys / list items from one section's lines (section.ts). On every well-formed manifest
// of the corpus, the valid set and 800 mutations, that must equal the whole-document value at every path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest, isRecord } from '../../server/src/manifest/parse';
import { sectionValue } from '../../server/src/manifest/section';
import type { Path } from '../../server/src/manifest/paths';
import { freshUri } from './helpers';
import { prng, mutate } from './mutate';

const root = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'manifests');
const files = ['valid', 'corpus'].flatMap((d) => readdirSync(join(root, d)).map((f) => readFileSync(join(root, d, f), 'utf8')));

/** Every path to a mapping or list (and one missing key under each), up to depth 4. */
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 4) return out;
  if (isRecord(value)) {
    out.push([...prefix, 'no_such_key']);
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  return out;
}

function agree(text: string, where: string): number {
  const doc = parseManifest(text, freshUri());
  if (!doc.wellFormed || !isRecord(doc.value)) return 0;
  let used = 0;
  for (const path of paths(doc.value)) {
    const fast = sectionValue(parseManifest(text, freshUri()), path);
    if (!fast) continue;
    used++;
    let full: unknown = doc.value;
    for (const seg of path) full = full !== null && typeof full === 'object' ? (full as Record<string | number, unknown>)[seg] : undefined;
    assert.deepEqual(fast.value, full, `${where} at ${JSON.stringify(path)}\n${text.slice(0, 1500)}`);
  }
  return used;
}

test('a section parsed alone gives the whole-document value (corpus, valid set, 800 mutations)', () => {
  let used = 0;
  files.forEach((t, i) => { used += agree(t, `file ${i}`); });
  // A list in column 0 under a top-level key still belongs to that key.
  agree('a:\n- b\n- c\nz:\n  k: 1\n', 'column-0 list');
  assert.ok(used > 50, `section values were used for ${used} paths only`);
  const rnd = prng(0x5ec7);
  for (let n = 0; n < 800; n++) {
    let text = files[n % files.length];
    for (let r = 0; r < 1 + Math.floor(rnd() * 3); r++) text = mutate(text, rnd);
    agree(text, `mutation #${n}`);
  }
});
