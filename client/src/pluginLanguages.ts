// The New Plugin wizard's choices, taken from the CLI's template catalog so the two cannot drift: every `--lang`
// the CLI knows needs a label here (the Record makes tsc insist), and the kinds offered are those with a template.
// No vscode import (unit-tested).
import { LANGUAGES, listTemplates, type Language } from '../../cli/src/scaffold/catalog';
import { PLUGIN_KINDS } from '../../host/src/contract/operations';

const INFO: Record<Language, { label: string; detail: string }> = {
  'assemblyscript': { label: 'AssemblyScript', detail: 'TypeScript-like, compiled to WebAssembly by asc' },
  'tinygo': { label: 'TinyGo', detail: 'Go compiled to small WebAssembly modules by TinyGo' },
  'go': { label: 'Go', detail: 'Go 1.24+ (wasip1, //go:wasmexport)' },
  'python-remote': { label: 'Python (remote service)', detail: 'an HTTP service MockForge calls' },
  'node-remote': { label: 'Node.js (remote service)', detail: 'an HTTP service MockForge calls' },
  'python-pyodide': { label: 'Python (Pyodide)', detail: 'Python run inside MockForge through Pyodide' },
  'javascript-component': { label: 'JavaScript (component)', detail: 'a WebAssembly component built by ComponentizeJS (jco)' },
};

export const PLUGIN_LANGUAGES: ReadonlyArray<{ id: Language; label: string; detail: string }> = LANGUAGES.map((id) => ({ id, ...INFO[id] }));

/**
 * The plugin kinds `new --lang <language>` has a template for, in PLUGIN_KINDS order. If templates/ cannot be read
 * (an incomplete install), every kind: `new` then reports what is missing.
 */
export function kindsFor(language: string): string[] {
  let have: Set<string>;
  try {
    have = new Set(listTemplates().filter((t) => t.lang === language).map((t) => t.kind));
  } catch {
    return [...PLUGIN_KINDS];
  }
  return PLUGIN_KINDS.filter((k) => have.has(k));
}
