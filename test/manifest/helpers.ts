// Test helpers: documents with a caret (`|`) for a position and «guillemets» around an expected range.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import { LineIndex } from '../../server/src/text/lines';
import { parseManifest } from '../../server/src/manifest/parse';
import { manifestDiagnostics } from '../../server/src/manifest/validate';
import type { ManifestDiagnostic } from '../../server/src/manifest/diagnostic';
import type { ManifestFileSystem } from '../../server/src/manifest/fs';

let counter = 0;
/** A fresh uri per call so the parse cache never hands one test another test's document. */
export const freshUri = (name = 'plugin.yaml') => `untitled:test-${++counter}/${name}`;

export function caret(src: string, marker = '|'): { text: string; offset: number; position: Position } {
  const offset = src.indexOf(marker);
  if (offset < 0) throw new Error('no caret in test document');
  const text = src.slice(0, offset) + src.slice(offset + marker.length);
  return { text, offset, position: new LineIndex(text).positionAt(offset) };
}

/** Strips «» and returns the ranges they enclosed, in order. */
export function marked(src: string): { text: string; ranges: Range[] } {
  const spans: [number, number][] = [];
  let text = '';
  let open = -1;
  for (const ch of src) {
    if (ch === '«') open = text.length;
    else if (ch === '»') spans.push([open, text.length]);
    else text += ch;
  }
  const lines = new LineIndex(text);
  return { text, ranges: spans.map(([a, b]) => lines.range(a, b)) };
}

export function diagnose(text: string, options: { dir?: string; fs?: ManifestFileSystem; uri?: string } = {}): ManifestDiagnostic[] {
  return manifestDiagnostics(parseManifest(text, options.uri ?? freshUri()), { dir: options.dir, fs: options.fs });
}

export function textDocument(text: string, uri = freshUri()): TextDocument {
  return TextDocument.create(uri, 'yaml', 1, text);
}

export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const doc = TextDocument.create('untitled:x', 'yaml', 1, text);
  return TextDocument.applyEdits(doc, edits);
}

export const show = (d: ManifestDiagnostic[]) => d.map((x) => `${x.range.start.line + 1}:${x.range.start.character + 1} ${x.code} ${x.message}`).join('\n');

/** An in-memory file system for cross-file checks. */
export function memoryFs(files: Record<string, Uint8Array | string>): ManifestFileSystem {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const map = new Map(Object.entries(files).map(([k, v]) => [norm(k), typeof v === 'string' ? new TextEncoder().encode(v) : v]));
  return {
    exists: (p) => map.has(norm(p)) || [...map.keys()].some((k) => k.startsWith(norm(p) + '/')),
    readFile: (p) => map.get(norm(p)),
    mtime: (p) => (map.has(norm(p)) ? 1 : undefined),
    listDir: (p) => [...new Set([...map.keys()].filter((k) => k.startsWith(norm(p) + '/')).map((k) => k.slice(norm(p).length + 1).split('/')[0]))],
  };
}
