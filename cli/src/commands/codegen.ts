// mockforge-plugin codegen: typed wire models for one language, generated from a WIT package (docs/protocol.md §7).
import { mkdir, writeFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, join, relative, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import { emit, LANGUAGES, type Language } from '../codegen/index';
import { CodegenError, loadWitModel } from '../codegen/model';

const USAGE = `Usage: mockforge-plugin codegen --wit <dir|file> --lang <go|assemblyscript|python|typescript> --out <dir>
                                [--go-package NAME] [--as-runtime MODULE]

Generates the types of a WIT package (records, variants, enums, flags, options, results, lists, tuples, aliases;
one request record per function) with JSON encoding/decoding in the wire format of docs/protocol.md.
A directory is one package with its deps/. Files: go types_gen.go, python types_gen.py,
typescript / assemblyscript types.gen.ts.

Options:
  --go-package NAME     Go package clause (default mockforge)
  --as-runtime MODULE   AssemblyScript module exporting JSONValue, base64Encode, base64Decode
                        (default @mockforge/plugin-sdk)

Exit codes: 0 written, 2 usage error, unreadable or invalid WIT (file:line:col), or an unsupported WIT item.`;

function display(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : p;
}

export const codegenCommand: Command = {
  name: 'codegen',
  summary: 'Generate SDK types from a WIT package',
  usage: USAGE,
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: {
      wit: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' },
      'go-package': { type: 'string' }, 'as-runtime': { type: 'string' },
    } });
    if (!values.wit || !values.lang || !values.out) throw new UsageError('--wit, --lang and --out are all required');
    if (!(LANGUAGES as readonly string[]).includes(values.lang)) throw new UsageError(`unknown language "${values.lang}": use one of ${LANGUAGES.join(', ')}`);
    let isDir: boolean;
    try { isDir = statSync(values.wit).isDirectory(); } catch (err) { throw new InputError(`cannot read ${values.wit}: ${(err as Error).message}`); }
    let model;
    try {
      model = await loadWitModel(values.wit);
    } catch (err) {
      if (!(err instanceof CodegenError)) throw err;
      for (const p of err.problems) process.stderr.write(`${display(p.file)}:${p.line}:${p.col}: error: ${p.message}\n`);
      return 2;
    }
    const source = isDir ? `${basename(values.wit.replace(/[\\/]+$/, '')) || '.'}/` : basename(values.wit);
    const { file, text } = emit(values.lang as Language, model, { source, goPackage: values['go-package'], asRuntime: values['as-runtime'] });
    await mkdir(values.out, { recursive: true });
    const target = join(values.out, file);
    await writeFile(target, text);
    process.stdout.write(`wrote ${display(target)} (${model.types.length} types from ${model.packageId})\n`);
    return 0;
  },
};
