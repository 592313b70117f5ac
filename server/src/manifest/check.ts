// `mockforge-plugin check` for one manifest file: the same diagnostics the editor shows.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseManifest } from './parse';
import { manifestDiagnosticsAsync } from './validate';
import type { ManifestDiagnostic } from './diagnostic';

/** Throws the fs error when the file cannot be read. */
export async function checkManifestFile(path: string): Promise<ManifestDiagnostic[]> {
  const full = resolve(path);
  const text = readFileSync(full, 'utf8');
  return manifestDiagnosticsAsync(parseManifest(text, pathToFileURL(full).href), { dir: dirname(full) });
}
