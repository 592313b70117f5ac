// The one benchmark harness: every bench/*.bench.ts exports `benchmarks: Benchmark[]`; bench/run.mjs loads them all,
// runs them (warm-up first), prints one table and writes bench/results.json. Benchmarks measure, they never gate.
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  /** 'ms' | 'µs' | 'ops/s' | 's' | 'MB' ... */
  unit: string;
  p50?: number;
  p95?: number;
  p99?: number;
  /** A single value when percentiles make no sense (throughput, size, one cold start). */
  value?: number;
  /** The peer measured in the same run (e.g. "yaml-language-server 1.25", "@extism/extism 1.0.3"). */
  peer?: string;
  peer_value?: number;
  /** value (or p50) divided by peer_value. */
  ratio?: number;
  /** Human-readable target, e.g. "p95 ≤ 5 ms and ≥ 3× faster than peer". */
  target?: string;
  met?: boolean;
  /** Set when the line could not be measured here (missing toolchain …): the reason. */
  skipped?: string;
}

export interface BenchContext {
  /** --quick: smaller sample budgets and the slowest lines skipped, for development (the whole run under 60 s). */
  quick: boolean;
}

export interface Benchmark {
  /** Group name used by --filter (e.g. "host", "manifest", "wit", "remote"). */
  group: string;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  samples: number;
}

/**
 * How many timed samples a line draws: at least `min` (so its percentiles mean something on a loaded machine), then
 * more until `ms` of wall time is spent, at most `max`. A fixed count would make the run as slow as the machine is
 * busy; a budget alone would leave a slow line with too few samples.
 */
export interface Budget {
  min: number;
  max: number;
  ms: number;
  /** Untimed calls first (JIT, caches): default a tenth of `max`, cut short after a fifth of `ms` (at least one). */
  warmup?: number;
}

/** A plain number is a fixed count of timed samples (warm-up a tenth of it unless given). */
function budgetOf(plan: Budget | number, warmup?: number): Budget {
  return typeof plan === 'number' ? { min: plan, max: plan, ms: 0, warmup: warmup ?? Math.ceil(plan / 10) } : plan;
}

/** The warm-up: `n` untimed calls (default a tenth of `max`), cut short after a fifth of the budget's time. */
function warmupPlan(b: Budget): { n: number; limitMs: number } {
  return { n: b.warmup ?? Math.max(1, Math.ceil(b.max / 10)), limitMs: b.ms > 0 ? b.ms / 5 : Infinity };
}

/** Whether a sampler holding `n` samples, started at `t0`, should stop (for loops that cannot use sample()). */
export function budgetDone(b: Budget, n: number, t0: number): boolean {
  return n >= b.max || (n >= b.min && performance.now() - t0 >= b.ms);
}

/** Warm-up, then timed calls of `fn` within the budget (or a fixed count); percentiles in milliseconds. */
export async function sample(fn: () => unknown, plan: Budget | number, warmup?: number): Promise<Percentiles> {
  const b = budgetOf(plan, warmup);
  const w = warmupPlan(b);
  for (let i = 0, w0 = performance.now(); i < w.n && (i === 0 || performance.now() - w0 < w.limitMs); i++) await fn();
  const times: number[] = [];
  const start = performance.now();
  while (!budgetDone(b, times.length, start)) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

/** Same as sample() for synchronous functions, without an await per iteration (which would dominate µs-scale calls). */
export function sampleSync(fn: () => unknown, plan: Budget | number, warmup?: number): Percentiles {
  const b = budgetOf(plan, warmup);
  const w = warmupPlan(b);
  for (let i = 0, w0 = performance.now(); i < w.n && (i === 0 || performance.now() - w0 < w.limitMs); i++) fn();
  const times: number[] = [];
  const start = performance.now();
  while (!budgetDone(b, times.length, start)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return percentiles(times);
}

/**
 * Timed calls with `concurrency` in flight within the budget (each call's latency is a sample); `errors` counts calls
 * that returned false or threw. Pass `times` to pool samples across interleaved rounds.
 */
export async function sampleConcurrent(call: () => Promise<boolean>, concurrency: number, b: Budget, times: number[] = []): Promise<Percentiles & { errors: number }> {
  let started = 0;
  let errors = 0;
  const start = performance.now();
  const worker = async () => {
    while (!budgetDone(b, started, start)) {
      started++;
      const t0 = performance.now();
      const ok = await call().catch(() => false);
      times.push(performance.now() - t0);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ...percentiles(times), errors };
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const mean = sorted.reduce((s, v) => s + v, 0) / (sorted.length || 1);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, samples: sorted.length };
}

/** A line that could not be measured on this machine, reported with its reason instead of being dropped. */
export function skipped(name: string, reason: string, target?: string): BenchResult {
  return { name, unit: '', skipped: reason, target };
}

// ---- The runner shared by `npm run bench` (bench/run.mjs) and `mockforge-plugin bench` -------------------------

export interface RunOptions extends BenchContext {
  /** Only groups (or bench files) whose name contains this text. */
  filter?: string;
  /** The compiled benchmarks: out/bench/*.bench.js. */
  benchDir: string;
  /** Progress lines ("[bench] host …") go here, not to stdout, so stdout is the table alone. */
  progress?: (line: string) => void;
}

/** One row of bench/results.json: every key present, null where it does not apply. */
export interface ResultRow {
  name: string;
  unit: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  value: number | null;
  peer: string | null;
  peer_value: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
  skipped: string | null;
}

/** Every group name the compiled benchmarks offer (for --filter errors). */
export function benchFiles(benchDir: string): string[] {
  return readdirSync(benchDir).filter((f) => f.endsWith('.bench.js')).sort();
}

/** Loads every compiled bench file and runs the matching groups in turn; a group that throws becomes a skipped line. */
export async function runAll(opts: RunOptions): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const progress = opts.progress ?? (() => undefined);
  for (const file of benchFiles(opts.benchDir)) {
    let benchmarks: Benchmark[];
    try {
      // Loaded by path at run time: the CLI bundle must not pull the benchmarks (and their peers) into dist/cli.js.
      benchmarks = (loadModule(join(opts.benchDir, file)) as { benchmarks?: Benchmark[] }).benchmarks ?? [];
    } catch (err) {
      if (!opts.filter || file.includes(opts.filter)) results.push(skipped(`${file}: cannot load`, `error: ${firstLine(err)}`));
      continue;
    }
    for (const b of benchmarks) {
      if (opts.filter && !b.group.includes(opts.filter) && !file.includes(opts.filter)) continue;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      progress(`[bench] ${b.group} (${file}) …`);
      try {
        results.push(...await b.run({ quick: opts.quick }));
      } catch (err) {
        results.push(skipped(`${b.group}: failed`, `error: ${firstLine(err)}`));
      }
      // CPU time of this process only (servers and compilers it starts are not counted): wall ≫ CPU means a busy machine.
      const cpu = process.cpuUsage(cpu0);
      progress(`[bench] ${b.group} done in ${((performance.now() - t0) / 1000).toFixed(1)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s in this process)`);
    }
  }
  return results;
}

// Compiled CommonJS benchmarks, loaded at run time by path.
const loadModule = createRequire(__filename);

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300);
}

export function toRows(results: BenchResult[]): ResultRow[] {
  const num = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return results.map((r) => ({
    name: r.name,
    unit: r.unit,
    p50: num(r.p50),
    p95: num(r.p95),
    p99: num(r.p99),
    value: num(r.value),
    peer: r.peer ?? null,
    peer_value: num(r.peer_value),
    ratio: num(r.ratio),
    target: r.target ?? null,
    met: r.skipped ? null : r.met ?? null,
    skipped: r.skipped ?? null,
  }));
}

/** The line under which the table is quoted: ratios only mean something with the machine beside them. */
export function machineLine(quick: boolean): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  return `Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
    `Node ${process.version}, ${os.platform()} ${os.arch()}, load average ${load}${quick ? ' (quick run: fewer iterations)' : ''}`;
}

function fmt(v: number | null): string {
  if (v === null) return '';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2) : a === 0 ? '0' : v.toPrecision(3);
}

/** One Markdown table: measure, value, peer, peer value, ratio, target, met. */
export function formatTable(rows: ResultRow[], quick: boolean): string {
  const cells = rows.map((r) => [
    r.name,
    r.skipped !== null ? `skipped: ${r.skipped}`
      : r.p50 !== null ? `${fmt(r.p50)} / ${fmt(r.p95)} / ${fmt(r.p99)} ${r.unit}` : `${fmt(r.value)} ${r.unit}`,
    r.peer ?? '',
    r.peer_value !== null ? `${fmt(r.peer_value)} ${r.unit}` : '',
    r.ratio !== null ? `${fmt(r.ratio)}×` : '',
    r.target ?? '',
    r.skipped !== null ? 'skipped' : r.met === null ? '' : r.met ? 'met' : 'not met',
  ]);
  const header = ['measure', 'value (p50 / p95 / p99, or value)', 'peer', 'peer value (p50)', 'ratio', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => '| ' + c.map((s, i) => s.replace(/\|/g, '\\|').padEnd(widths[i])).join(' | ') + ' |';
  const met = rows.filter((r) => r.met === true).length;
  const notMet = rows.filter((r) => r.met === false).length;
  const skippedCount = rows.filter((r) => r.skipped !== null).length;
  return [
    machineLine(quick),
    '',
    line(header),
    '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|',
    ...cells.map(line),
    '',
    `${rows.length} lines: ${met} targets met, ${notMet} not met, ${skippedCount} skipped.`,
  ].join('\n');
}

/** Runs, prints the table on stdout, writes the JSON rows. Returns the rows. */
export async function runAndReport(opts: RunOptions & { resultsFile: string; out: (text: string) => void }): Promise<ResultRow[]> {
  const rows = toRows(await runAll(opts));
  opts.out(formatTable(rows, opts.quick) + '\n');
  writeFileSync(opts.resultsFile, JSON.stringify(rows, null, 2) + '\n');
  return rows;
}

/** The groups the compiled benchmarks offer, with their file (to check --filter before running anything). */
export function listGroups(benchDir: string): { file: string; group: string }[] {
  const groups: { file: string; group: string }[] = [];
  for (const file of benchFiles(benchDir)) {
    try {
      for (const b of (loadModule(join(benchDir, file)) as { benchmarks?: Benchmark[] }).benchmarks ?? []) groups.push({ file, group: b.group });
    } catch {
      groups.push({ file, group: file.replace(/\.bench\.js$/, '') });
    }
  }
  return groups;
}

/** Whether --filter selects anything; the runner and the CLI say so (exit 2) instead of printing an empty table. */
export function filterMatches(benchDir: string, filter: string | undefined): { ok: boolean; groups: string[] } {
  const all = listGroups(benchDir);
  return { ok: !filter || all.some((g) => g.group.includes(filter) || g.file.includes(filter)), groups: all.map((g) => g.group) };
}
