// mockforge-plugin inspect <file.wasm> [--format text|json]: what produced a module, its ABI, and its problems.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import { formatWorld, inspectAny } from '../../../host/src/wasm/inspect-component';
import { formatReport } from '../output';

const USAGE = `Usage: mockforge-plugin inspect <file.wasm> [--format text|json]

Reports what produced a WebAssembly module and how the host will run it: the language (assemblyscript, tinygo, go,
rust, c, unknown) and the evidence for it, the ABI form (packed-i64, multi-value, command), the allocator, the
operations it exports, its memory limits, imports, exports, custom sections — and problems, each with a hint
(Extism imports, standard Go without _initialize, WASI imports the host does not provide, a missing allocator ...).

Options:
  --format text|json  text (default) for people; json: the InspectReport object (host/src/wasm/inspect.ts).

Exit codes: 0 no problems of severity error, 1 problems found, 2 usage error or a file that is not readable wasm.`;

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Report what produced a .wasm module, its ABI, exports and problems',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
    if (positionals.length !== 1) throw new UsageError('expected exactly one .wasm file');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const file = positionals[0];
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      throw new InputError(`cannot read ${file}: ${(err as Error).message}`);
    }
    let report;
    try {
      report = await inspectAny(bytes, file);
    } catch (err) {
      throw new InputError(`${file} is not a valid WebAssembly module: ${(err as Error).message}`);
    }
    process.stdout.write((values.format === 'json' ? JSON.stringify(report, null, 2) : [formatReport(report), formatWorld(report)].filter(Boolean).join('\n')) + '\n');
    return report.problems.some((p) => p.severity === 'error') ? 1 : 0;
  },
};
