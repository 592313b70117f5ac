// The harness's sample budgets and the content-hash build cache the benchmarks rely on. Counts only: how many calls a
// budget makes and whether a cached build runs again — never how long anything took.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sample, sampleConcurrent, sampleSync } from '../../bench/harness';
import { cachedArtifact } from '../plugins/build';

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-budget-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('sample budgets', () => {
  it('a spent time budget stops at the minimum sample count, after the warm-up', async () => {
    let calls = 0;
    const p = await sample(async () => { calls++; }, { min: 7, max: 1000, ms: 0, warmup: 2 });
    assert.equal(p.samples, 7);
    assert.equal(calls, 9);
    let syncCalls = 0;
    assert.equal(sampleSync(() => { syncCalls++; }, { min: 40, max: 1000, ms: 0, warmup: 0 }).samples, 40);
    assert.equal(syncCalls, 40);
  });

  it('a budget that is never spent stops at the maximum', () => {
    let calls = 0;
    const p = sampleSync(() => { calls++; }, { min: 1, max: 300, ms: 3_600_000, warmup: 5 });
    assert.equal(p.samples, 300);
    assert.equal(calls, 305);
  });

  it('a plain number is a fixed count with a tenth of it as warm-up', async () => {
    let calls = 0;
    assert.equal((await sample(() => { calls++; }, 50)).samples, 50);
    assert.equal(calls, 55);
  });

  it('concurrent sampling makes exactly the fixed count, pools samples and counts failures', async () => {
    let inFlight = 0;
    let most = 0;
    let n = 0;
    const times: number[] = [];
    const call = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => setImmediate(resolve));
      inFlight--;
      n++;
      if (n % 10 === 0) throw new Error('every tenth call fails');
      return n % 10 !== 5;
    };
    const first = await sampleConcurrent(call, 8, { min: 100, max: 100, ms: 0 }, times);
    assert.equal(first.samples, 100);
    assert.equal(first.errors, 20);
    assert.equal(most, 8);
    const pooled = await sampleConcurrent(call, 4, { min: 20, max: 20, ms: 0 }, times);
    assert.equal(pooled.samples, 120);
    assert.equal(pooled.errors, 4);
  });
});

describe('cachedArtifact (the benchmarks\' build cache)', () => {
  it('builds once per key and returns the same output afterwards', () => {
    let builds = 0;
    const build = (dir: string) => {
      builds++;
      writeFileSync(path.join(dir, 'out.wasm'), 'module');
      return 'out.wasm';
    };
    const first = cachedArtifact(work, 'k1', build);
    assert.equal(readFileSync(first, 'utf8'), 'module');
    assert.equal(cachedArtifact(work, 'k1', build), first);
    assert.equal(builds, 1);
    cachedArtifact(work, 'k2', build);
    assert.equal(builds, 2);
  });

  it('a failed build throws its error and leaves no folder behind, so the next run builds again', () => {
    assert.throws(() => cachedArtifact(work, 'broken', () => { throw new Error('compiler said no'); }), /compiler said no/);
    assert.ok(!existsSync(path.join(work, 'broken')));
    assert.deepEqual(readdirSync(work).filter((f) => f.startsWith('broken')), []);
  });
});
