// Agreement with the reference: our front end and jco's wit-parser must both accept or both reject every corpus
// item — hand-written cases (WIT.md examples, rules probed one by one), WASI 0.2-style packages with deps/, this
// product's wit/, and deterministic broken variants of every valid case.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { combineForReference } from '../../server/src/wit/combine';
import { loadPackageDir } from '../../server/src/wit/loader';
import { analyze, analyzeSource } from '../../server/src/wit/program';
import { FIXTURES, ROOT, prng, referenceVerdict } from './helpers';

interface Item { name: string; source: string; ours: boolean }

/**
 * Known disagreements, each with the reason it is not fixed. The test fails if one of these starts to agree
 * (so the list stays accurate) or if any other item disagrees.
 */
const KNOWN_DISAGREEMENTS = new Map<string, string>([
  // none at the moment; an entry is `['valid/<file>.wit', 'why we keep a different reading']`
]);

function errorsIn(res: ReturnType<typeof analyze>): number {
  return res.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === 'error').length, 0);
}

function caseItems(): Item[] {
  const items: Item[] = [];
  for (const kind of ['valid', 'invalid']) {
    const dir = path.join(FIXTURES, 'cases', kind);
    for (const f of readdirSync(dir).sort()) {
      const source = readFileSync(path.join(dir, f), 'utf8');
      items.push({ name: `${kind}/${f}`, source, ours: errorsIn(analyzeSource(source)) === 0 });
    }
  }
  return items;
}

async function packageItems(): Promise<Item[]> {
  const dirs = readdirSync(path.join(FIXTURES, 'packages')).map((d) => path.join(FIXTURES, 'packages', d));
  if (existsSync(path.join(ROOT, 'wit'))) dirs.push(path.join(ROOT, 'wit'));
  const items: Item[] = [];
  for (const dir of dirs) {
    const res = analyze(await loadPackageDir(dir));
    items.push({ name: path.relative(ROOT, dir), source: combineForReference(res), ours: errorsIn(res) === 0 });
  }
  return items;
}

/** Broken variants of a valid source: drop a token, misspell a name, duplicate an item, swap punctuation. */
function mutants(name: string, source: string, rnd: () => number): Item[] {
  const out: Item[] = [];
  const words = [...source.matchAll(/[a-z][a-z0-9-]*/g)].filter((m) => !['package'].includes(m[0]));
  const puncts = [...source.matchAll(/[;,:{}()<>=]/g)];
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const add = (tag: string, text: string) => { if (text !== source) out.push({ name: `${name}~${tag}`, source: text, ours: errorsIn(analyzeSource(text)) === 0 }); };
  if (puncts.length) { const m = pick(puncts); add(`drop@${m.index}`, source.slice(0, m.index) + source.slice(m.index! + 1)); }
  if (words.length) { const m = pick(words); add(`typo@${m.index}`, source.slice(0, m.index) + m[0] + 'x' + source.slice(m.index! + m[0].length)); }
  const item = /\n(interface|world) [a-z-]+ \{[\s\S]*?\n\}/.exec(source);
  if (item) add('dup-item', source + item[0]);
  if (puncts.length) { const m = pick(puncts); add(`swap@${m.index}`, source.slice(0, m.index) + (m[0] === ';' ? ',' : ';') + source.slice(m.index! + 1)); }
  return out;
}

test('our WIT front end agrees with wit-parser (jco) on the whole corpus', async () => {
  const base = [...caseItems(), ...(await packageItems())];
  const rnd = prng(20261125);
  const broken = base.filter((i) => !KNOWN_DISAGREEMENTS.has(i.name) && (i.name.startsWith('valid/') || i.name.startsWith('test/') || i.name === 'wit')).flatMap((i) => [0, 1, 2].flatMap((round) => mutants(`${i.name}#${round}`, i.source, rnd)));
  const corpus = [...base, ...broken];
  const disagreements: string[] = [];
  const stillKnown = new Set<string>();
  let agree = 0;
  let accepted = 0;
  for (const item of corpus) {
    const ref = await referenceVerdict(item.source);
    if (ref === null) accepted++;
    if ((ref === null) === item.ours) { agree++; continue; }
    if (KNOWN_DISAGREEMENTS.has(item.name)) { stillKnown.add(item.name); continue; }
    const ours = item.ours ? 'accepts' : `rejects (${analyzeSource(item.source).files.flatMap((f) => f.diagnostics).map((d) => d.message).slice(0, 2).join('; ')})`;
    disagreements.push(`${item.name}: wit-parser ${ref === null ? 'accepts' : `rejects (${ref})`}, we ${ours}`);
  }
  const rate = (100 * agree / corpus.length).toFixed(2);
  console.log(`WIT differential: ${agree}/${corpus.length} agree (${rate}%), ${accepted} accepted by wit-parser, ${corpus.length - accepted} rejected; ${base.length} corpus items + ${broken.length} broken variants; ${stillKnown.size} known disagreements`);
  for (const d of disagreements) console.log(`  DISAGREE ${d}`);
  for (const [name, why] of KNOWN_DISAGREEMENTS) assert.ok(stillKnown.has(name), `known disagreement ${name} (${why}) no longer disagrees: remove it from the list`);
  assert.deepEqual(disagreements, []);
  assert.ok(corpus.length > 500, `corpus too small: ${corpus.length}`);
});
