// Components and Pyodide beside the AssemblyScript core module, all through loadPlugin in worker isolation:
// cold load (loadPlugin → first reply, transpile already cached) and warm per-call latency of `authenticate`.
import { performance } from 'node:perf_hooks';
import { loadPlugin } from '../host/src/plugin';
import { buildJsComponent, buildPyComponent, componentizePyAvailable } from '../test/component/build';
import { buildFixture } from '../test/plugins/build';
import { join } from 'node:path';
import { percentiles, sample, skipped } from './harness';
import type { Benchmark, BenchResult } from './harness';

const BODY = { context: { method: 'GET', uri: '/bench', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } };

interface Subject {
  name: string;
  dir: () => string;
  coldRuns: number;
  coldTarget?: { ms: number; text: string };
  warmTarget?: { ms: number; text: string };
  /** Skipped by --quick, with this reason. */
  slow?: string;
}

async function coldLoad(dir: string): Promise<number> {
  const t0 = performance.now();
  const plugin = await loadPlugin(dir, { isolation: 'worker' });
  try {
    const r = await plugin.call('authenticate', BODY, { timeoutMs: 120_000 });
    if (!r.envelope.success) throw new Error(`authenticate failed: ${JSON.stringify(r.envelope)}`);
    return performance.now() - t0;
  } finally {
    await plugin.dispose();
  }
}

async function measure(s: Subject, quick: boolean): Promise<BenchResult[]> {
  let dir: string;
  try {
    dir = s.dir();
  } catch (err) {
    return [skipped(`${s.name}: cold load`, (err as Error).message.split('\n')[0])];
  }
  await coldLoad(dir); // fills the transpile / compile caches: cold below means a new worker and instance
  const colds: number[] = [];
  for (let i = 0; i < (quick ? 1 : s.coldRuns); i++) colds.push(await coldLoad(dir));
  const cold = percentiles(colds);
  const plugin = await loadPlugin(dir, { isolation: 'worker' });
  try {
    await plugin.call('authenticate', BODY, { timeoutMs: 120_000 });
    const warm = await sample(async () => {
      const r = await plugin.call('authenticate', BODY);
      if (!r.envelope.success) throw new Error(JSON.stringify(r.envelope));
    }, quick ? 100 : 1000);
    return [
      { name: `${s.name}: cold load (loadPlugin → first reply)`, unit: 'ms', p50: cold.p50, p95: cold.p95, p99: cold.p99,
        target: s.coldTarget?.text, met: s.coldTarget ? cold.p50 <= s.coldTarget.ms : undefined },
      { name: `${s.name}: warm authenticate`, unit: 'ms', p50: warm.p50, p95: warm.p95, p99: warm.p99,
        target: s.warmTarget?.text, met: s.warmTarget ? warm.p50 <= s.warmTarget.ms : undefined },
    ];
  } finally {
    await plugin.dispose();
  }
}

const subjects: Subject[] = [
  { name: 'AS core module', dir: () => buildFixture('as-auth').dir, coldRuns: 10 },
  { name: 'JS component (ComponentizeJS)', dir: buildJsComponent, coldRuns: 5, coldTarget: { ms: 150, text: 'cold ≤ 150 ms (cached transpile)' } },
  {
    name: 'Python component (componentize-py)',
    dir: () => {
      if (!componentizePyAvailable()) throw new Error('componentize-py is not installed');
      return buildPyComponent();
    },
    coldRuns: 5,
    coldTarget: { ms: 150, text: 'cold ≤ 150 ms (cached transpile)' },
  },
  {
    name: 'Pyodide',
    dir: () => join(__dirname, '..', '..', 'test', 'fixtures', 'pyodide', 'auth'),
    coldRuns: 2,
    slow: 'a Pyodide cold start takes seconds',
    coldTarget: { ms: 4000, text: 'cold ≤ 4 s' },
    warmTarget: { ms: 0.05, text: 'warm ≤ 50 µs' },
  },
];

export const benchmarks: Benchmark[] = [{
  group: 'component',
  async run(ctx) {
    const out: BenchResult[] = [];
    let base: BenchResult[] = [];
    for (const s of subjects) {
      if (ctx.quick && s.slow) {
        out.push(skipped(`${s.name}: cold load and warm authenticate`, `--quick (${s.slow})`, s.coldTarget?.text));
        continue;
      }
      try {
        const rows = await measure(s, ctx.quick);
        // The AS core module, measured first in the same run, is the peer every other subject is read against.
        if (s === subjects[0]) base = rows;
        else rows.forEach((r, i) => { if (base[i]?.p50) Object.assign(r, { peer: 'AS core module, same run', peer_value: base[i].p50, ratio: (r.p50 ?? NaN) / (base[i].p50 as number) }); });
        out.push(...rows);
      } catch (err) {
        out.push(skipped(`${s.name}`, `error: ${(err as Error).message.slice(0, 200)}`));
      }
    }
    return out;
  },
}];
