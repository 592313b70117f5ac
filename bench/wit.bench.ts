// WIT front end: parse + resolve of a WASI 0.2-style package set (with deps/) and of this product's wit/, beside
// jco's wit-parser validating the same text in the same run; completion and hover latency while editing.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Benchmark, BenchResult, Budget } from './harness';
import { sample, sampleSync, skipped } from './harness';
import { combineForReference } from '../server/src/wit/combine';
import { createWitFeatures } from '../server/src/wit/features';
import { loadPackageDir } from '../server/src/wit/loader';
import { analyze, type WitInput } from '../server/src/wit/program';

const ROOT = path.resolve(__dirname, '..', '..');
type Embed = (o: { dummy: boolean; witSource: string }) => unknown;

async function jco(): Promise<Embed | undefined> {
  try {
    const url = pathToFileURL(require.resolve('@bytecodealliance/jco')).toString();
    return ((await import(url)) as { componentEmbed: Embed }).componentEmbed;
  } catch {
    return undefined;
  }
}

async function parseResolve(name: string, dir: string, quick: boolean, embed: Embed | undefined, target: string): Promise<BenchResult> {
  const inputs: WitInput[] = await loadPackageDir(dir);
  const lines = inputs.reduce((n, i) => n + i.text.split('\n').length, 0);
  const source = combineForReference(analyze(inputs));
  const n: Budget = quick ? { min: 50, max: 1000, ms: 200 } : { min: 100, max: 5000, ms: 1000 };
  const ours = sampleSync(() => analyze(inputs), n);
  const result: BenchResult = { name: `${name} parse+resolve (${inputs.length} files, ${lines} lines)`, unit: 'ms', p50: ours.p50, p95: ours.p95, p99: ours.p99, target };
  if (embed) {
    const ref = await sample(async () => { try { await embed({ dummy: true, witSource: source }); } catch { /* world selection */ } }, n);
    result.peer = 'jco 1.35 componentEmbed (wit-parser 0.259)';
    result.peer_value = ref.p50;
    result.ratio = ours.p50 / ref.p50;
    result.met = ours.p95 <= 30 && ours.p50 <= ref.p50;
  } else result.met = ours.p95 <= 30;
  return result;
}

export const benchmarks: Benchmark[] = [{
  group: 'wit',
  async run({ quick }) {
    const embed = await jco();
    const out: BenchResult[] = [];
    const wasi = path.join(ROOT, 'test', 'fixtures', 'wit', 'packages', 'wasi-cli');
    out.push(await parseResolve('WASI 0.2-style set', wasi, quick, embed, 'p95 ≤ 30 ms and no slower than jco'));
    out.push(await parseResolve('product wit/', path.join(ROOT, 'wit'), quick, embed, 'p95 ≤ 30 ms and no slower than jco'));
    if (!embed) out.push(skipped('jco validation', '@bytecodealliance/jco not installed'));

    // Editing: every request sees a new document version, so the package is re-parsed and re-resolved each time.
    const features = createWitFeatures();
    const file = path.join(wasi, 'deps', 'filesystem', 'types.wit');
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).toString();
    const at = text.indexOf('result<input-stream') + 'result<'.length;
    let version = 0;
    const edited = () => {
      version++;
      return TextDocument.create(uri, 'wit', version, text.slice(0, at) + `/*${version}*/` + text.slice(at));
    };
    const n: Budget = quick ? { min: 50, max: 1000, ms: 200 } : { min: 100, max: 5000, ms: 1000 };
    const comp = await sample(async () => { const d = edited(); await features.completion!(d, d.positionAt(at + `/*${version}*/`.length)); }, n);
    out.push({ name: 'completion in a type position (WASI set, edited each time)', unit: 'ms', p50: comp.p50, p95: comp.p95, p99: comp.p99, target: 'p95 ≤ 10 ms', met: comp.p95 <= 10 });
    const hov = await sample(async () => { const d = edited(); await features.hover!(d, d.positionAt(text.indexOf('error-code>') + 2 + `/*${version}*/`.length)); }, n);
    out.push({ name: 'hover (WASI set, edited each time)', unit: 'ms', p50: hov.p50, p95: hov.p95, p99: hov.p99 });
    await features.reference.close();
    return out;
  },
}];
