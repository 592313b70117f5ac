// The CLI's WIT check: a directory holding .wit files is checked as one package with its deps/, a single file alone.
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from './diagnostics';
import { loadPackageDir } from './loader';
import { analyze } from './program';

export interface WitFileReport {
  file: string;
  /** The file's text (so callers can turn offsets into line/column). */
  text: string;
  diagnostics: Diagnostic[];
}

export async function checkWitPath(target: string): Promise<WitFileReport[]> {
  const st = await stat(target);
  const inputs = st.isDirectory()
    ? await loadPackageDir(target)
    : [{ path: target, text: await readFile(target, 'utf8'), group: 'root', isDep: false }];
  const res = analyze(inputs);
  return res.files.map((f) => ({ file: f.path, text: f.text, diagnostics: f.diagnostics }));
}
