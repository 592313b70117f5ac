// npm run bench [-- --quick] [-- --filter NAME]: runs every compiled bench/*.bench.js (out/bench/, built by
// `npm run build`) through the harness, prints one table and writes bench/results.json. `mockforge-plugin bench`
// runs the same harness. Exit 0 whether or not targets are met (it measures; it does not gate).
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, '..', 'out', 'bench');
const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, filter: { type: 'string' }, results: { type: 'string' } },
});
if (!existsSync(join(benchDir, 'harness.js'))) {
  process.stderr.write(`bench: ${benchDir}/harness.js is missing: build first (npm run build)\n`);
  process.exit(2);
}
const { runAndReport, filterMatches } = createRequire(import.meta.url)(join(benchDir, 'harness.js'));
const selection = filterMatches(benchDir, values.filter);
if (!selection.ok) {
  process.stderr.write(`bench: no benchmark matches --filter ${values.filter}; groups: ${selection.groups.join(', ')}\n`);
  process.exit(2);
}
await runAndReport({
  quick: values.quick,
  filter: values.filter,
  benchDir,
  resultsFile: values.results ?? join(here, 'results.json'),
  progress: (line) => process.stderr.write(line + '\n'),
  out: (text) => process.stdout.write(text),
});
// Benchmarks may leave pooled sockets or idle workers behind; the table is written, so leave now.
process.exit(0);
