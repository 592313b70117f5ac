// Reads what `mockforge-plugin codegen` printed: the file it wrote (stdout `wrote <path> (...)`) or the located WIT
// errors (stderr `<file>:<line>:<col>: error: <message>`). Paths are resolved against the CLI's working folder.
// No vscode import (unit-tested).
import * as path from 'node:path';

export interface LocatedError {
  file: string;
  /** 1-based, as printed. */
  line: number;
  col: number;
  message: string;
}

export const BINDING_LANGUAGES = [
  { id: 'go', label: 'Go', detail: 'types_gen.go — for Go and TinyGo plugins' },
  { id: 'assemblyscript', label: 'AssemblyScript', detail: 'types.gen.ts — for AssemblyScript plugins' },
  { id: 'python', label: 'Python', detail: 'types_gen.py — for Python remote and Pyodide plugins' },
  { id: 'typescript', label: 'TypeScript', detail: 'types.gen.ts — for Node remote plugins and tools' },
] as const;

export type BindingLanguage = (typeof BINDING_LANGUAGES)[number]['id'];

export function isBindingLanguage(v: unknown): v is BindingLanguage {
  return BINDING_LANGUAGES.some((l) => l.id === v);
}

/** The bindings language that suits a plugin, from its manifest's runtime, toolchain and remote.dev command. */
export function languageForPlugin(p: { runtime: string; toolchain?: string; devCommand?: string }): BindingLanguage | undefined {
  if (p.runtime === 'pyodide') return 'python';
  if (p.runtime === 'remote') {
    const exe = p.devCommand?.trim().split(/\s+/).find((w) => !/^[A-Za-z_]\w*=/.test(w));
    if (exe && /^python/.test(path.basename(exe))) return 'python';
    if (exe && /^(node|npm|npx|tsx|ts-node)$/.test(path.basename(exe))) return 'typescript';
    return undefined;
  }
  switch (p.toolchain) {
    case 'asc': return 'assemblyscript';
    case 'go':
    case 'tinygo': return 'go';
    case 'componentize-py': return 'python';
    case 'componentize-js': return 'typescript';
    default: return undefined;
  }
}

const LOCATED = /^(.+?):(\d+):(\d+): error: (.*)$/;

export function parseLocatedErrors(stderr: string, cwd: string): LocatedError[] {
  const out: LocatedError[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const m = LOCATED.exec(line);
    if (m) out.push({ file: path.resolve(cwd, m[1]), line: Number(m[2]), col: Number(m[3]), message: m[4] });
  }
  return out;
}

/** The file `codegen` reports it wrote, absolute; undefined when stdout has no `wrote` line. */
export function parseWrittenFile(stdout: string, cwd: string): string | undefined {
  const m = /^wrote (.+?) \(\d+ types? from [^)]*\)\s*$/m.exec(stdout);
  return m ? path.resolve(cwd, m[1]) : undefined;
}
