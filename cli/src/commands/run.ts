// mockforge-plugin run <plugin> --call <operation>: one call through the embedded host, the reply on stdout.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import { OPERATIONS, Operation, isOperation } from '../../../host/src/contract/operations';
import { PluginLoadError, loadPlugin } from '../../../host/src/plugin';
import { parseConfigPairs } from '../../../host/src/manifest/config';
import { fmtMs, fmtSize, formatLog } from '../output';
import { sampleRequest } from '../../../host/src/contract/samples';

const USAGE = `Usage: mockforge-plugin run <plugin dir|plugin.yaml|file.wasm> --call <operation> [options]

Runs one operation of a plugin through the embedded host (the same engine the editor uses).

Options:
  --call OP          ${OPERATIONS.join(', ')}
  --input FILE|-     the request body (JSON); - reads stdin. Default: the sample request for OP, else {}.
  --request FILE     a saved request {"operation": OP, "input": {...}} (as in .mockforge/requests/); --call may be omitted
  --isolate          run in a worker thread: enforces the time limit and survives a stuck plugin
  --timeout MS       time limit for this call (implies --isolate; in-process calls cannot be interrupted)
  --config KEY=VALUE configuration value (repeatable), overlaid on configuration.schema defaults
  --compact          print the reply on one line
  --verbose          also print timing (load, instantiate, call), peak memory and the module's ABI on stderr

Output (stable, for scripts and the editor):
  stdout  the reply envelope as JSON: {"success": true, "result": ...} or
          {"success": false, "error": {"code": "...", "message": "...", "details"?: {...}}}
          (2-space indented unless --compact). Also printed when the plugin cannot be loaded (code load_failed).
  stderr  one line per log record: "<level padded to 5> <source>: <message>", source = plugin (mockforge.log),
          stdout / stderr (the plugin's WASI output), host (capability denials, set-up warnings);
          with --verbose, lines starting "timing:", "memory:" and "module:".

Exit codes: 0 the reply has success true; 1 success false (plugin error, trap, timeout, limit ...);
            2 usage error, unreadable input, or a plugin that cannot be loaded.`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, from: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${from} is not valid JSON: ${(err as Error).message}`);
  }
}

async function readInput(input: string | undefined, request: string | undefined, call: string | undefined): Promise<{ operation: string; body: unknown }> {
  if (request) {
    let text: string;
    try {
      text = await readFile(request, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${request}: ${(err as Error).message}`);
    }
    const saved = parseJson(text, request) as { operation?: unknown; input?: unknown };
    const operation = call ?? (typeof saved?.operation === 'string' ? saved.operation : undefined);
    if (!operation) throw new InputError(`${request} has no "operation" and --call was not given`);
    return { operation, body: saved.input ?? {} };
  }
  if (!call) throw new UsageError('--call <operation> is required');
  if (input === undefined) return { operation: call, body: isOperation(call) ? sampleRequest(call) : {} };
  if (input === '-') return { operation: call, body: parseJson(await readStdin(), 'stdin') };
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read ${input}: ${(err as Error).message}`);
  }
  return { operation: call, body: parseJson(text, input) };
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run a plugin operation against a request through the embedded host',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        call: { type: 'string' },
        input: { type: 'string' },
        request: { type: 'string' },
        isolate: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        config: { type: 'string', multiple: true, default: [] },
        compact: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('expected one plugin directory, plugin.yaml or .wasm file');
    if (values.input !== undefined && values.request !== undefined) throw new UsageError('--input and --request cannot be combined');
    let timeoutMs: number | undefined;
    if (values.timeout !== undefined) {
      timeoutMs = Number(values.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout expects a positive number of milliseconds, not "${values.timeout}"`);
    }
    let config: Record<string, string>;
    try {
      config = parseConfigPairs(values.config ?? []);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const { operation, body } = await readInput(values.input, values.request, values.call);
    if (!isOperation(operation)) throw new UsageError(`unknown operation "${operation}" (one of ${OPERATIONS.join(', ')})`);

    const print = (value: unknown) => process.stdout.write((values.compact ? JSON.stringify(value) : JSON.stringify(value, null, 2)) + '\n');
    const isolation = values.isolate || timeoutMs !== undefined ? 'worker' : 'in-process';
    let plugin;
    try {
      plugin = await loadPlugin(positionals[0], {
        isolation, config, timeoutMs,
        onLog: (r) => process.stderr.write(formatLog(r) + '\n'),
      });
    } catch (err) {
      if (err instanceof PluginLoadError) {
        print(err.envelope);
        process.stderr.write(`mockforge-plugin run: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
    try {
      const outcome = await plugin.call(operation as Operation, body);
      print(outcome.envelope);
      if (values.verbose) {
        const t = outcome.timing;
        const r = plugin.info.report;
        process.stderr.write(`timing: load ${fmtMs(t.loadMs)}${plugin.info.compiledFromCache ? ' (compiled module from cache)' : ''}, ` +
          `instantiate ${fmtMs(t.instantiateMs)}, call ${fmtMs(t.callMs)} (${plugin.info.isolation === 'worker'
            ? `worker, time limit ${plugin.info.limits.timeoutMs} ms` : 'in-process, no time limit: use --isolate to enforce one'})\n`);
        process.stderr.write(`memory: peak ${outcome.peakMemoryBytes === undefined ? '-' : fmtSize(outcome.peakMemoryBytes)} of ${fmtSize(plugin.info.limits.maxMemoryBytes)}\n`);
        process.stderr.write(`module: ${plugin.info.wasmPath}, language ${r.language}, abi ${r.abi}, allocator ${r.allocator?.alloc ?? 'none'}\n`);
      }
      return outcome.envelope.success ? 0 : 1;
    } finally {
      await plugin.dispose();
    }
  },
};
