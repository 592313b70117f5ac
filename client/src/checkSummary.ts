// Counts what `mockforge-plugin check --format json` reported, for the Validate Workspace summary. Reads any shape
// that carries diagnostics as objects with a `severity` (LSP number or name) and a `message`, under objects naming
// their `file`/`path`/`uri`. No vscode import (unit-tested).

export interface ProblemCounts {
  /** Files with at least one diagnostic (or listed by the checker). */
  files: number;
  errors: number;
  warnings: number;
  /** False when the output was not JSON (the counts then only say whether the check failed). */
  parsed: boolean;
}

export function countProblems(stdout: string, exitCode = 0): ProblemCounts {
  let data: unknown;
  try {
    data = JSON.parse(stdout);
  } catch {
    return { files: 0, errors: exitCode === 1 ? 1 : 0, warnings: 0, parsed: false };
  }
  const files = new Set<string>();
  const counts = { errors: 0, warnings: 0 };
  walk(data, undefined, files, counts);
  return { files: files.size, ...counts, parsed: true };
}

function walk(value: unknown, file: string | undefined, files: Set<string>, counts: { errors: number; warnings: number }): void {
  if (Array.isArray(value)) {
    for (const v of value) walk(v, file, files, counts);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  const own = [obj.file, obj.path, obj.uri].find((v): v is string => typeof v === 'string');
  const here = own ?? file;
  if (own) files.add(own);
  if (typeof obj.message === 'string' && obj.severity !== undefined) {
    const sev = severityOf(obj.severity);
    if (sev === 'error') counts.errors++;
    else if (sev === 'warning') counts.warnings++;
    if (here) files.add(here);
    return;
  }
  for (const v of Object.values(obj)) if (v !== null && typeof v === 'object') walk(v, here, files, counts);
}

function severityOf(s: unknown): 'error' | 'warning' | 'other' {
  if (s === 1 || (typeof s === 'string' && /^err/i.test(s))) return 'error';
  if (s === 2 || (typeof s === 'string' && /^warn/i.test(s))) return 'warning';
  return 'other';
}
