// The contract: validateRequest per sample request beside ajv with the generated JSON Schema (the peer), ajv's
// compile cost, and jco resolving the whole WIT package (what a WIT check costs).
import { performance } from 'node:perf_hooks';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { requestJsonSchema } from '../host/src/contract/json-schema';
import { OPERATIONS } from '../host/src/contract/operations';
import { SAMPLE_REQUESTS } from '../host/src/contract/samples';
import { validateRequest } from '../host/src/contract/validate';
import { sample, sampleSync } from './harness';
import type { Benchmark, BenchResult, Budget } from './harness';

const WIT_DIR = join(__dirname, '..', '..', 'wit');

function witSource(): string {
  const files = readdirSync(WIT_DIR).filter((f) => f.endsWith('.wit')).sort();
  const text = files.map((f) => readFileSync(join(WIT_DIR, f), 'utf8').replace(/^\s*package\s+[^;]+;/m, '')).join('\n');
  return `package mockforge:plugin@0.1.0;\n${text}`;
}

export const benchmarks: Benchmark[] = [
  {
    group: 'contract',
    async run({ quick }) {
      const out: BenchResult[] = [];
      const n: Budget = quick ? { min: 2_000, max: 20_000, ms: 50 } : { min: 20_000, max: 200_000, ms: 300 };
      for (const op of OPERATIONS) {
        const body = SAMPLE_REQUESTS[op];
        const own = sampleSync(() => validateRequest(op, body), n);
        const ajv = new Ajv2020({ allErrors: true }).compile(requestJsonSchema(op));
        const peer = sampleSync(() => ajv(body), n);
        out.push({ name: `validateRequest ${op} (sample)`, unit: 'µs', p50: own.p50 * 1000, p95: own.p95 * 1000, p99: own.p99 * 1000, peer: 'ajv 8, compiled JSON Schema', peer_value: peer.p50 * 1000, ratio: own.p50 / peer.p50 });
      }
      const t0 = performance.now();
      new Ajv2020({ allErrors: true }).compile(requestJsonSchema('query'));
      out.push({ name: 'ajv compile, query request schema (cold)', unit: 'ms', value: performance.now() - t0 });

      const { componentEmbed } = await import('@bytecodealliance/jco');
      const source = witSource();
      const t1 = performance.now();
      await componentEmbed({ dummy: true, witSource: source, world: 'plugin' });
      out.push({ name: `jco resolves wit/ (${source.split('\n').length} lines), first call`, unit: 'ms', value: performance.now() - t1 });
      const warm = await sample(() => componentEmbed({ dummy: true, witSource: source, world: 'plugin' }), quick ? { min: 10, max: 100, ms: 200, warmup: 3 } : { min: 50, max: 500, ms: 1000, warmup: 3 });
      out.push({ name: 'jco resolves wit/, warm', unit: 'ms', p50: warm.p50, p95: warm.p95, p99: warm.p99 });
      return out;
    },
  },
];
