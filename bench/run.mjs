// npm run bench [-- --quick] [-- --filter NAME]: runs every compiled bench/*.bench.js, prints one table,
// writes bench/results.json. Exit 0 whether or not targets are met (it measures; it does not gate).
import { readdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import os from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const compiled = join(here, '..', 'out', 'bench');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;

const files = readdirSync(compiled).filter((f) => f.endsWith('.bench.js')).sort();
const results = [];
for (const file of files) {
  const { benchmarks = [] } = require(join(compiled, file));
  for (const b of benchmarks) {
    if (filter && !b.group.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`[bench] ${b.group} (${file}) …\n`);
    try {
      results.push(...(await b.run({ quick })));
    } catch (err) {
      results.push({ name: `${b.group}: failed`, unit: '', skipped: `error: ${err?.message ?? err}` });
    }
  }
}

const fmt = (v) => (v === undefined || v === null || Number.isNaN(v) ? '' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
const rows = results.map((r) => [
  r.name,
  r.skipped ? `skipped: ${r.skipped}` : r.p50 !== undefined ? `${fmt(r.p50)} / ${fmt(r.p95)} / ${fmt(r.p99)} ${r.unit}` : `${fmt(r.value)} ${r.unit}`,
  r.peer ?? '',
  r.peer_value !== undefined ? `${fmt(r.peer_value)} ${r.unit}` : '',
  r.ratio !== undefined ? `${fmt(r.ratio)}×` : '',
  r.target ?? '',
  r.skipped ? '—' : r.met === undefined ? '' : r.met ? 'met' : 'NOT met',
]);
const header = ['measure', 'value (p50 / p95 / p99)', 'peer', 'peer value', 'ratio', 'target', 'met'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => '| ' + cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ') + ' |';
console.log(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${quick ? ' (quick run)' : ''}`);
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));
writeFileSync(join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
