// Pyodide in its sandboxed process (host/src/pyodide): cold start without and with the cached interpreter snapshot,
// warm calls (host → process → Python → host) split into the time inside the process and the rest, read against the
// AS core module in-process (same run, same authenticate), and the floors of the sandbox: a round trip of the same
// message through the frames transport the runtime uses (fds 3/4, a synchronous loop in a child under the same
// permission flags, no Python), and through Node IPC (what the runtime used before).
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPlugin } from '../host/src/plugin';
import type { LoadedPlugin } from '../host/src/plugin';
import { CALL, FrameReader, RESULT, frame } from '../host/src/pyodide/frames';
import { permissionFlag } from '../host/src/pyodide/sandbox';
import { buildFixture } from '../test/plugins/build';
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

/** The frames floor: the runtime's transport (frames.ts) to a sandboxed child that echoes in a blocking loop. */
async function framesFloor(quick: boolean): Promise<ReturnType<typeof percentiles>> {
  const dir = mkdtempSync(join(tmpdir(), 'mf-frames-bench-'));
  const script = join(dir, 'echo.js');
  const framesJs = require.resolve('../host/src/pyodide/frames');
  writeFileSync(script, `const f = require(${JSON.stringify(framesJs)}); const r = new f.SyncFrameReader(3);
for (let m = r.next(); m; m = r.next()) f.writeFrame(4, f.RESULT, f.encodeResult({ id: 1, callMs: 0, heapBytes: 0, text: m.text }));`);
  const child = spawn(process.execPath, [permissionFlag(), `--allow-fs-read=${dir}`, `--allow-fs-read=${framesJs}`, '--disable-warning=ExperimentalWarning', script],
    { stdio: ['ignore', 'ignore', 'inherit', 'pipe', 'pipe'], env: {} });
  try {
    const body = JSON.stringify(AUTH);
    let answered: () => void = () => undefined;
    const reader = new FrameReader(1 << 20, (kind) => { if (kind === RESULT) answered(); }, () => undefined);
    (child.stdio[4] as NodeJS.ReadableStream).on('data', (c: Buffer) => reader.push(c));
    const calls = child.stdio[3] as NodeJS.WritableStream;
    let id = 0;
    return await sample(() => new Promise<void>((resolve) => {
      answered = resolve;
      calls.write(frame(CALL, `${++id}\nauthenticate\n${body}`));
    }), quick ? { min: 200, max: 2000, ms: 200 } : { min: 1000, max: 20_000, ms: 1000 });
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The peer: the AS core module's authenticate in-process, p50 in µs. */
async function asPeer(quick: boolean): Promise<number> {
  const plugin = await loadPlugin(buildFixture('as-auth').dir, { isolation: 'in-process' });
  try {
    const w = await sample(async () => {
      const r = await plugin.call('authenticate', AUTH);
      if (!r.envelope.success) throw new Error(JSON.stringify(r.envelope));
    }, quick ? { min: 200, max: 2000, ms: 200 } : { min: 1000, max: 20_000, ms: 1000 });
    return w.p50 * 1000;
  } finally {
    await plugin.dispose();
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
      const peer = await asPeer(ctx.quick);
      const plan = ctx.quick ? { min: 100, max: 1000, ms: 300 } : { min: 500, max: 10_000, ms: 2000 };
      for (const [what, operation, input] of [['authenticate (logs one line)', 'authenticate', AUTH], ['execute_function uppercase', 'execute_function', UPPER]] as const) {
        const inside: number[] = [];
        const warm = await sample(async () => {
          const r = await live.call(operation, input);
          if (!r.envelope.success) throw new Error(JSON.stringify(r.envelope));
          inside.push(r.timing.callMs);
        }, plan);
        const py = percentiles(inside);
        out.push({ name: `Pyodide: warm ${what}, round trip`, unit: 'µs', p50: warm.p50 * 1000, p95: warm.p95 * 1000, p99: warm.p99 * 1000, target: 'warm ≤ 50 µs', met: warm.p50 * 1000 <= 50,
          peer: 'AS core module in-process, authenticate, same run', peer_value: peer, ratio: (warm.p50 * 1000) / peer });
        out.push({ name: `Pyodide: warm ${what}, inside the process (SDK dispatch + JSON)`, unit: 'µs', p50: py.p50 * 1000, p95: py.p95 * 1000, p99: py.p99 * 1000 });
      }
    } finally {
      await plugin?.dispose();
    }
    const framed = await framesFloor(ctx.quick);
    out.push({ name: 'Pyodide sandbox floor: frames on fds 3/4 to a sandboxed child in a blocking loop (the transport; same message, no Python)', unit: 'µs', p50: framed.p50 * 1000, p95: framed.p95 * 1000, p99: framed.p99 * 1000 });
    const ipc = await ipcFloor(ctx.quick);
    out.push({ name: 'Pyodide sandbox floor before: Node IPC round trip to a child process (same message, no Python)', unit: 'µs', p50: ipc.p50 * 1000, p95: ipc.p95 * 1000, p99: ipc.p99 * 1000,
      peer: 'frames floor, same run', peer_value: framed.p50 * 1000, ratio: ipc.p50 / framed.p50 });
    return out;
  },
}];
