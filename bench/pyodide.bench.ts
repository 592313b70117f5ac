// Pyodide in its sandboxed process (host/src/pyodide): cold start without and with the cached interpreter snapshot,
// warm calls (host → process → Python → host) split into the time inside the process and the rest, and the floor of
// the sandbox: a bare Node IPC round trip with the same serialization to an empty child process.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlugin } from '../host/src/plugin';
import type { LoadedPlugin } from '../host/src/plugin';
import { budgetDone, percentiles, sample } from './harness';
import type { Benchmark, BenchResult } from './harness';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'pyodide', 'auth');
const AUTH = { context: { method: 'GET', uri: '/bench', headers: {} }, credentials: { type: 'bearer', token: 'letmein' } };
const UPPER = { function_name: 'uppercase', args: ['bench'], context: { method: 'GET', uri: '/bench', headers: {} } };

async function coldLoad(): Promise<{ ms: number; plugin: LoadedPlugin }> {
  const t0 = performance.now();
  const plugin = await loadPlugin(FIXTURE);
  const r = await plugin.call('authenticate', AUTH, { timeoutMs: 300_000 });
  if (!r.envelope.success) {
    await plugin.dispose();
    throw new Error(`authenticate failed: ${JSON.stringify(r.envelope)}`);
  }
  return { ms: performance.now() - t0, plugin };
}

/** The first start on a machine: no snapshot yet (it is made, sent to the host and cached during this start). */
async function firstStart(): Promise<number> {
  const before = process.env.MOCKFORGE_CACHE_DIR;
  const cache = mkdtempSync(join(tmpdir(), 'mf-pyodide-bench-'));
  process.env.MOCKFORGE_CACHE_DIR = cache;
  try {
    const { ms, plugin } = await coldLoad();
    await plugin.dispose();
    return ms;
  } finally {
    if (before === undefined) delete process.env.MOCKFORGE_CACHE_DIR;
    else process.env.MOCKFORGE_CACHE_DIR = before;
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The sandbox's floor: one message there and back through Node IPC (advanced serialization), no Python. */
async function ipcFloor(quick: boolean): Promise<ReturnType<typeof percentiles>> {
  const dir = mkdtempSync(join(tmpdir(), 'mf-ipc-bench-'));
  const script = join(dir, 'echo.js');
  writeFileSync(script, "process.on('message', (m) => process.send({ type: 'result', id: m.id, text: m.body, callMs: 0, heapBytes: 0 }));");
  const child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  try {
    const body = JSON.stringify(AUTH);
    let id = 0;
    return await sample(() => new Promise<void>((resolve) => {
      child.once('message', () => resolve());
      child.send({ type: 'call', id: ++id, operation: 'authenticate', body });
    }), quick ? { min: 200, max: 2000, ms: 200 } : { min: 1000, max: 20_000, ms: 1000 });
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benchmarks: Benchmark[] = [{
  group: 'pyodide',
  async run(ctx) {
    const out: BenchResult[] = [];
    if (ctx.quick) out.push({ name: 'Pyodide: first start (no snapshot yet)', unit: '', skipped: '--quick (one start takes several seconds)', target: 'cold ≤ 4 s' });
    else {
      const ms = await firstStart();
      out.push({ name: 'Pyodide: first start (no snapshot yet; makes and caches it)', unit: 'ms', value: ms, target: 'cold ≤ 4 s', met: ms <= 4000 });
    }
    // Fill the snapshot cache, then time cold loads that restore it (a new sandboxed process each).
    await (await coldLoad()).plugin.dispose();
    const colds: number[] = [];
    const t0 = performance.now();
    let plugin: LoadedPlugin | undefined;
    const budget = ctx.quick ? { min: 1, max: 1, ms: 0 } : { min: 3, max: 6, ms: 10_000 };
    try {
      for (;;) {
        const loaded = await coldLoad();
        colds.push(loaded.ms);
        if (budgetDone(budget, colds.length, t0)) { plugin = loaded.plugin; break; }
        await loaded.plugin.dispose();
      }
      const cold = percentiles(colds);
      out.push({ name: 'Pyodide: cold load, snapshot cached (loadPlugin → first reply)', unit: 'ms', p50: cold.p50, p95: cold.p95, p99: cold.p99, target: 'cold ≤ 4 s', met: cold.p50 <= 4000 });
      const live = plugin;
      const plan = ctx.quick ? { min: 100, max: 1000, ms: 300 } : { min: 500, max: 10_000, ms: 2000 };
      for (const [what, operation, input] of [['authenticate (logs one line)', 'authenticate', AUTH], ['execute_function uppercase', 'execute_function', UPPER]] as const) {
        const inside: number[] = [];
        const warm = await sample(async () => {
          const r = await live.call(operation, input);
          if (!r.envelope.success) throw new Error(JSON.stringify(r.envelope));
          inside.push(r.timing.callMs);
        }, plan);
        const py = percentiles(inside);
        out.push({ name: `Pyodide: warm ${what}, round trip`, unit: 'µs', p50: warm.p50 * 1000, p95: warm.p95 * 1000, p99: warm.p99 * 1000, target: 'warm ≤ 50 µs', met: warm.p50 * 1000 <= 50 });
        out.push({ name: `Pyodide: warm ${what}, inside the process (SDK dispatch + JSON)`, unit: 'µs', p50: py.p50 * 1000, p95: py.p95 * 1000, p99: py.p99 * 1000 });
      }
    } finally {
      await plugin?.dispose();
    }
    const ipc = await ipcFloor(ctx.quick);
    out.push({ name: 'Pyodide sandbox floor: Node IPC round trip to a child process (same message, no Python)', unit: 'µs', p50: ipc.p50 * 1000, p95: ipc.p95 * 1000, p99: ipc.p99 * 1000 });
    return out;
  },
}];
