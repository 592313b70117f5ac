// mockforge-plugin check <file|dir>… [--format text|json]: the editor's plugin.yaml and WIT diagnostics, in a terminal.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import { checkManifestFile } from '../../../server/src/manifest/check';
import { checkWitPath } from '../../../server/src/wit/check';
import { LineIndex } from '../../../server/src/text/lines';

const USAGE = `Usage: mockforge-plugin check <file|dir>... [--format text|json]

Checks plugin.yaml manifests (schema, semantic rules, built artifact) and WIT files / WIT package directories.
Directories are searched for plugin.yaml and *.wit (node_modules and .git are skipped).

Options:
  --format text|json  text (default): path:line:col: severity: message [code], 1-based.
                      json: [{file, range: {start: {line, character}, end}, severity, code, message}], 0-based.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error or a path that cannot be read.`;

type SeverityName = 'error' | 'warning' | 'information' | 'hint';
const SEVERITY: Record<number, SeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

interface Finding {
  file: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: SeverityName;
  code: string;
  message: string;
}

interface Targets {
  manifests: string[];
  /** .wit files and WIT package directories. */
  wit: string[];
}

const SKIP = new Set(['node_modules', '.git', 'deps']);

function collect(dir: string, into: Targets): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    throw new InputError(`cannot read ${dir}: ${(err as Error).message}`);
  }
  if (names.some((n) => n.endsWith('.wit'))) into.wit.push(dir);
  for (const name of names) {
    const full = join(dir, name);
    if (/^plugin\.ya?ml$/i.test(name)) into.manifests.push(full);
    else if (!SKIP.has(name) && !name.startsWith('.')) {
      try {
        if (statSync(full).isDirectory()) collect(full, into);
      } catch {
        // Dangling symlinks and the like inside a tree are not the user's target: skip them.
      }
    }
  }
}

function display(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'Check plugin.yaml manifests and WIT files',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' } } });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
    if (positionals.length === 0) throw new UsageError('give at least one file or directory to check');

    const targets: Targets = { manifests: [], wit: [] };
    for (const p of positionals) {
      let st;
      try {
        st = statSync(p);
      } catch (err) {
        throw new InputError(`cannot read ${p}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
      }
      if (st.isDirectory()) collect(p, targets);
      else if (p.endsWith('.wit')) targets.wit.push(p);
      else targets.manifests.push(p);
    }

    if (targets.manifests.length + targets.wit.length === 0) {
      process.stderr.write(`mockforge-plugin check: no plugin.yaml or .wit file under ${positionals.join(', ')}\n`);
    }
    const findings: Finding[] = [];
    for (const file of targets.manifests) {
      let diagnostics;
      try {
        diagnostics = await checkManifestFile(file);
      } catch (err) {
        throw new InputError(`cannot read ${file}: ${(err as Error).message}`);
      }
      for (const d of diagnostics) {
        findings.push({ file: display(file), range: d.range, severity: SEVERITY[d.severity ?? 1], code: d.code, message: d.message });
      }
    }
    for (const target of targets.wit) {
      let reports;
      try {
        reports = await checkWitPath(target);
      } catch (err) {
        throw new InputError(`cannot read ${target}: ${(err as Error).message}`);
      }
      for (const r of reports) {
        const lines = new LineIndex(r.text);
        for (const d of r.diagnostics) {
          findings.push({ file: display(r.file), range: lines.range(d.start, d.end), severity: d.severity, code: d.code ? `wit/${d.code}` : 'wit', message: d.message });
        }
      }
    }

    if (format === 'json') {
      process.stdout.write(JSON.stringify(findings, null, 2) + '\n');
    } else {
      for (const f of findings) {
        process.stdout.write(`${f.file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity}: ${f.message} [${f.code}]\n`);
      }
      const errors = findings.filter((f) => f.severity === 'error').length;
      const warnings = findings.filter((f) => f.severity === 'warning').length;
      const checked = targets.manifests.length + targets.wit.length;
      process.stderr.write(`${checked} target${checked === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`);
    }
    return findings.some((f) => f.severity === 'error') ? 1 : 0;
  },
};
