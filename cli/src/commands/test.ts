// `mockforge-plugin test`: runs every saved request that has an `expect` and reports `N passed, N failed` — the
// plugin author's own CI command.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Command, InputError, UsageError } from '../command';
import { PluginLoadError, loadPlugin } from '../../../host/src/plugin';
import { parseConfigPairs } from '../../../host/src/manifest/config';
import { formatLog } from '../output';
import { SavedRequestError, listSavedRequests, partialMismatches, readSavedRequest, requestsDir } from '../scaffold/saved-requests';
import type { LogRecord } from '../../../host/src/runtime';

const usage = `Usage: mockforge-plugin test [plugin dir|plugin.yaml] [--isolate] [--config KEY=VALUE]... [--verbose]

Runs every saved request in .mockforge/requests/*.json that has an "expect" block against the built plugin and
checks that the reply contains it (objects may have extra keys). Prints one line per request and a summary.

Options:
  --isolate          run calls in a worker thread (time limits enforced)
  --config KEY=VALUE configuration value (repeatable), overlaid on configuration.schema defaults
  --verbose          also print the plugin's log lines

Exit codes: 0 all passed, 1 a request failed, 2 no saved requests with expect, or the plugin cannot be loaded.`;

export const testCommand: Command = {
  name: 'test',
  summary: 'Run every saved request that has an expect block',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        isolate: { type: 'boolean', default: false },
        config: { type: 'string', multiple: true, default: [] },
        verbose: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 1) throw new UsageError('give at most one plugin folder or plugin.yaml');
    const target = path.resolve(positionals[0] ?? '.');
    const root = /\.ya?ml$/i.test(target) ? path.dirname(target) : target;
    let config: Record<string, string>;
    try {
      config = parseConfigPairs(values.config ?? []);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const requests = [];
    try {
      for (const file of listSavedRequests(root)) requests.push(readSavedRequest(file));
    } catch (err) {
      if (err instanceof SavedRequestError) throw new InputError(err.message);
      throw err;
    }
    const checked = requests.filter((r) => r.expect !== undefined);
    if (checked.length === 0) {
      throw new InputError(`no saved request with an "expect" block in ${path.relative(process.cwd(), requestsDir(root)) || requestsDir(root)}`);
    }
    let plugin;
    try {
      plugin = await loadPlugin(target, { isolation: values.isolate ? 'worker' : 'in-process', config });
    } catch (err) {
      if (err instanceof PluginLoadError) throw new InputError(err.message);
      throw err;
    }
    let passed = 0;
    let failed = 0;
    const out = process.stdout;
    try {
      for (const req of checked) {
        const logs: LogRecord[] = [];
        const outcome = await plugin.call(req.operation, req.input, { onLog: (r) => logs.push(r) });
        const problems = partialMismatches(req.expect, outcome.envelope);
        const label = `${req.name} (${path.basename(req.file)}, ${req.operation})`;
        if (problems.length === 0) {
          passed++;
          out.write(`  ✓ ${label}\n`);
        } else {
          failed++;
          out.write(`  ✗ ${label}\n`);
          for (const p of problems) out.write(`      ${p}\n`);
          out.write(`      reply: ${JSON.stringify(outcome.envelope)}\n`);
        }
        if (values.verbose) for (const r of logs) out.write(`      ${formatLog(r)}\n`);
      }
    } finally {
      await plugin.dispose();
    }
    const skipped = requests.length - checked.length;
    out.write(`${passed} passed, ${failed} failed${skipped ? ` (${skipped} without expect not run)` : ''}\n`);
    return failed > 0 ? 1 : 0;
  },
};
