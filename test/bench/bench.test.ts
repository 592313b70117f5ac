// `mockforge-plugin bench` and `npm run bench` (bench/run.mjs) the way a developer runs them: one table on stdout and
// bench/results.json rows with every key. Checks the shape, never the numbers (speed is measured, not asserted).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const KEYS = ['name', 'unit', 'p50', 'p95', 'p99', 'value', 'peer', 'peer_value', 'ratio', 'target', 'met', 'skipped'];
const HEADER = ['measure', 'value (p50 / p95 / p99, or value)', 'peer', 'peer value (p50)', 'ratio', 'target', 'met'];

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-bench-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function node(args: string[]) {
  const r = spawnSync(process.execPath, args, { cwd: REPO, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The table's rows split into cells (header and separator excluded). */
function tableRows(stdout: string): string[][] {
  const lines = stdout.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| measure '));
  assert.ok(head >= 0, `no table header in:\n${stdout}`);
  assert.deepEqual(lines[head].split('|').slice(1, -1).map((c) => c.trim()), HEADER);
  assert.match(lines[head + 1], /^\|(-+\|){7}$/);
  const rows: string[][] = [];
  for (const l of lines.slice(head + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

function checkResults(file: string, rows: string[][]): void {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
  assert.ok(Array.isArray(results) && results.length > 0, 'results.json holds the rows');
  assert.equal(results.length, rows.length, 'one JSON row per table row');
  for (const [i, r] of results.entries()) {
    assert.deepEqual(Object.keys(r), KEYS);
    assert.equal(typeof r.name, 'string');
    assert.equal(r.name, rows[i][0].replace(/\\\|/g, '|'));
    assert.equal(typeof r.unit, 'string');
    for (const k of ['p50', 'p95', 'p99', 'value', 'peer_value', 'ratio']) assert.ok(r[k] === null || typeof r[k] === 'number', `${r.name}: ${k}`);
    for (const k of ['peer', 'target', 'skipped']) assert.ok(r[k] === null || typeof r[k] === 'string', `${r.name}: ${k}`);
    assert.ok(r.met === null || typeof r.met === 'boolean');
    if (r.skipped === null) assert.ok(r.p50 !== null || r.value !== null, `${r.name} has a value`);
    if (r.ratio !== null) assert.ok(r.peer !== null && r.peer_value !== null, `${r.name}: a ratio names its peer`);
    assert.equal(rows[i][6], r.skipped !== null ? 'skipped' : r.met === null ? '' : r.met ? 'met' : 'not met');
  }
}

describe('mockforge-plugin bench', () => {
  it('--quick --filter contract prints the machine line and one table, writes the rows as JSON, exits 0', () => {
    const file = path.join(work, 'cli-results.json');
    const r = node([CLI, 'bench', '--quick', '--filter', 'contract', '--results', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Machine: .+, \d+ cores, [\d.]+ GiB, Node v\d+\.\d+\.\d+, .*load average [\d.]+ [\d.]+ [\d.]+ \(quick run/);
    const rows = tableRows(r.stdout);
    assert.ok(rows.some((c) => c[2] !== '' && /×$/.test(c[4])), 'at least one line beside its peer with a ratio');
    assert.match(r.stdout, /\n\d+ lines: \d+ targets met, \d+ not met, \d+ skipped\.\n$/);
    assert.match(r.stderr, /\[bench\] contract \(contract\.bench\.js\)/);
    checkResults(file, rows);
  });

  it('a --filter that matches nothing is a usage error naming the groups', () => {
    const r = node([CLI, 'bench', '--quick', '--filter', 'no-such-group']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no benchmark matches --filter no-such-group; groups: .*contract/);
    assert.equal(r.stdout, '');
  });

  it('says to build first (exit 2) when no compiled benchmarks sit next to the CLI', () => {
    const alone = path.join(work, 'alone');
    mkdirSync(alone);
    copyFileSync(CLI, path.join(alone, 'cli.js'));
    const r = node([path.join(alone, 'cli.js'), 'bench', '--quick']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the benchmarks are not built: .*npm run build/);
  });
});

describe('npm run bench (bench/run.mjs)', () => {
  it('runs the same harness: same table and JSON shape', () => {
    const file = path.join(work, 'run-results.json');
    const r = node([path.join(REPO, 'bench', 'run.mjs'), '--quick', '--filter', 'contract', '--results', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Machine: /);
    checkResults(file, tableRows(r.stdout));
  });
});
