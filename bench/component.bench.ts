// Components and Pyodide beside the AssemblyScript core module, all through loadPlugin in worker isolation:
// cold load (loadPlugin → first reply, transpile already cached) and warm per-call latency of `authenticate`.
import { performance } from 'node:perf_hooks';
import { loadPlugin } from '../host/src/plugin';
import type { LoadedPlugin } from '../host/src/plugin';
import { buildCComponent, buildJsComponent, buildPyComponent, componentizePyAvailable } from '../test/component/build';
import { buildFixture } from '../test/plugins/build';
import { join } from 'node:path';
import { budgetDone, percentiles, sample, skipped } from './harness';
import type { Benchmark, BenchResult, Budget } from './harness';

const BODY = { context: { method: 'GET', uri: '/bench', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } };

interface Subject {
  name: string;
  dir: () => string;
  /** Cold loads to time, quick and full (each a new worker/process and instance; caches already filled). */
  cold: { quick: Budget; full: Budget };
  coldTarget?: { ms: number; text: string };
  warmTarget?: { ms: number; text: string };
  /** Skipped by --quick, with this reason. */
  slow?: string;
  /** The plugin runs in a child process (Pyodide): no CPU-time line. */
  childProcess?: boolean;
}

/**
 * loadPlugin → first successful reply: the time, the CPU time of the whole process meanwhile (every thread: the
 * host, the plugin's worker and the next spare worker starting; it does not grow with other processes' load the way
 * wall time does on a shared machine) and the loaded plugin.
 */
async function coldLoad(dir: string): Promise<{ ms: number; cpuMs: number; plugin: LoadedPlugin }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const plugin = await loadPlugin(dir, { isolation: 'worker' });
  try {
    const r = await plugin.call('authenticate', BODY, { timeoutMs: 120_000 });
    if (!r.envelope.success) throw new Error(`authenticate failed: ${JSON.stringify(r.envelope)}`);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    return { ms, cpuMs: (cpu.user + cpu.system) / 1000, plugin };
  } catch (err) {
    await plugin.dispose();
    throw err;
  }
}

async function measure(s: Subject, quick: boolean): Promise<BenchResult[]> {
  let dir: string;
  try {
    dir = s.dir();
  } catch (err) {
    return [skipped(`${s.name}: cold load`, (err as Error).message.split('\n')[0])];
  }
  // The first load fills the transpile / compile / snapshot caches: cold below means a new worker and instance.
  await (await coldLoad(dir)).plugin.dispose();
  const budget = quick ? s.cold.quick : s.cold.full;
  const colds: number[] = [];
  const cpus: number[] = [];
  const start = performance.now();
  let plugin: LoadedPlugin | undefined;
  try {
    for (;;) {
      const loaded = await coldLoad(dir);
      colds.push(loaded.ms);
      cpus.push(loaded.cpuMs);
      // The last cold load stays up for the warm calls (a Pyodide start costs seconds).
      if (budgetDone(budget, colds.length, start)) {
        plugin = loaded.plugin;
        break;
      }
      await loaded.plugin.dispose();
    }
    const cold = percentiles(colds);
    const cpu = percentiles(cpus);
    const live = plugin;
    const warm = await sample(async () => {
      const r = await live.call('authenticate', BODY);
      if (!r.envelope.success) throw new Error(JSON.stringify(r.envelope));
    }, quick ? { min: 100, max: 1000, ms: 200 } : { min: 500, max: 10_000, ms: 1000 });
    return [
      { name: `${s.name}: cold load (loadPlugin → first reply)`, unit: 'ms', p50: cold.p50, p95: cold.p95, p99: cold.p99,
        target: s.coldTarget?.text, met: s.coldTarget ? cold.p50 <= s.coldTarget.ms : undefined },
      s.childProcess
        ? skipped(`${s.name}: cold load CPU time, all threads`, 'it runs in a child process, whose CPU time this process does not see')
        : { name: `${s.name}: cold load CPU time, all threads`, unit: 'ms', p50: cpu.p50, p95: cpu.p95, p99: cpu.p99 },
      { name: `${s.name}: warm authenticate`, unit: 'ms', p50: warm.p50, p95: warm.p95, p99: warm.p99,
        target: s.warmTarget?.text, met: s.warmTarget ? warm.p50 <= s.warmTarget.ms : undefined },
    ];
  } finally {
    await plugin?.dispose();
  }
}

// Component cold loads take 0.2–1.5 s, a Pyodide start several seconds: each subject has its own budget.
const COMPONENT_COLD = { quick: { min: 1, max: 3, ms: 300 }, full: { min: 3, max: 10, ms: 3000 } };

const subjects: Subject[] = [
  { name: 'AS core module', dir: () => buildFixture('as-auth').dir, cold: { quick: { min: 2, max: 5, ms: 300 }, full: { min: 5, max: 20, ms: 1500 } } },
  { name: 'JS component (ComponentizeJS)', dir: buildJsComponent, cold: COMPONENT_COLD, coldTarget: { ms: 150, text: 'cold ≤ 150 ms (cached transpile)' } },
  {
    name: 'Python component (componentize-py)',
    dir: () => {
      if (!componentizePyAvailable()) throw new Error('componentize-py is not installed');
      return buildPyComponent();
    },
    cold: COMPONENT_COLD,
    coldTarget: { ms: 150, text: 'cold ≤ 150 ms (cached transpile)' },
  },
  // A small component (clang + jco new): the host's own per-component cost, without a 12 MB language runtime.
  { name: 'C component (clang + jco new)', dir: buildCComponent, cold: COMPONENT_COLD, coldTarget: { ms: 150, text: 'cold ≤ 150 ms (cached transpile)' } },
  {
    name: 'Pyodide',
    dir: () => join(__dirname, '..', '..', 'test', 'fixtures', 'pyodide', 'auth'),
    cold: { quick: { min: 1, max: 1, ms: 0 }, full: { min: 2, max: 2, ms: 0 } },
    slow: 'a Pyodide cold start takes seconds',
    childProcess: true,
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
