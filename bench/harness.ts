// The one benchmark harness: every bench/*.bench.ts exports `benchmarks: Benchmark[]`; bench/run.mjs loads them all,
// runs them (warm-up first), prints one table and writes bench/results.json. Benchmarks measure, they never gate.
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
  /** --quick: fewer iterations, for development (the whole run under 60 s). */
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

/** Runs `fn` `warmup` times untimed, then `iterations` times timed; returns percentiles in milliseconds. */
export async function sample(fn: () => unknown, iterations: number, warmup = Math.ceil(iterations / 10)): Promise<Percentiles> {
  for (let i = 0; i < warmup; i++) await fn();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    times[i] = performance.now() - t0;
  }
  return percentiles(Array.from(times));
}

/** Same as sample() for synchronous functions, without an await per iteration (which would dominate µs-scale calls). */
export function sampleSync(fn: () => unknown, iterations: number, warmup = Math.ceil(iterations / 10)): Percentiles {
  for (let i = 0; i < warmup; i++) fn();
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    fn();
    times[i] = performance.now() - t0;
  }
  return percentiles(Array.from(times));
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
