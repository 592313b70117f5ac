// mockforge-plugin bench: runs the compiled benchmarks (out/bench/*.bench.js, next to dist/ in a repository checkout)
// through the same harness as `npm run bench`, prints one table against the peers and writes bench/results.json.
// The benchmarks are not bundled into dist/cli.js: they pull in their peers (yaml-language-server, Extism, jco ...).
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import type { ResultRow, RunOptions } from '../../../bench/harness';

const USAGE = `Usage: mockforge-plugin bench [--filter NAME] [--quick] [--results FILE]

Runs every benchmark (warm-up first) beside its peer in the same run and prints one table: measure, value
(p50 / p95 / p99 or a single value), peer, peer value, ratio, target, met. Writes the same rows to
bench/results.json. Works from a repository checkout after \`npm run build\` (the benchmarks are compiled to out/bench/).

Options:
  --filter NAME   only the groups (or bench files) whose name contains NAME: host, manifest, wit, remote,
                  contract, component, first-plugin
  --quick         fewer iterations and the slowest lines skipped (the whole run under a minute)
  --results FILE  write the JSON rows here instead of bench/results.json

Exit codes: 0 the table was printed (whether or not targets are met: it measures, it does not gate);
            2 usage error, or the benchmarks are not built.`;

interface Harness {
  runAndReport(opts: RunOptions & { resultsFile: string; out: (text: string) => void }): Promise<ResultRow[]>;
  filterMatches(benchDir: string, filter: string | undefined): { ok: boolean; groups: string[] };
}

/** The checkout root: the first directory above this file holding out/bench/harness.js. */
function findCheckout(): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'out', 'bench', 'harness.js'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'Run the benchmarks and print the table against their peers',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { quick: { type: 'boolean', default: false }, filter: { type: 'string' }, results: { type: 'string' } },
    });
    if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const root = findCheckout();
    if (!root) {
      throw new InputError(`the benchmarks are not built: no out/bench/harness.js above ${__dirname}. ` +
        'Run `npm run build` in a repository checkout (bench needs the compiled benchmarks next to dist/).');
    }
    const benchDir = join(root, 'out', 'bench');
    // Loaded at run time by path, so esbuild does not bundle the benchmarks and their peers into dist/cli.js.
    const harness = createRequire(__filename)(join(benchDir, 'harness.js')) as Harness;
    const selection = harness.filterMatches(benchDir, values.filter);
    if (!selection.ok) throw new UsageError(`no benchmark matches --filter ${values.filter}; groups: ${selection.groups.join(', ')}`);
    const resultsFile = values.results ? resolve(values.results) : join(root, 'bench', 'results.json');
    mkdirSync(dirname(resultsFile), { recursive: true });
    await harness.runAndReport({
      quick: values.quick,
      filter: values.filter,
      benchDir,
      resultsFile,
      progress: (line) => process.stderr.write(line + '\n'),
      out: (text) => process.stdout.write(text),
    });
    process.stderr.write(`results written to ${resultsFile}\n`);
    return 0;
  },
};
