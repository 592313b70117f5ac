// Keeps the analysis of every WIT package the editor touches: a document is analysed together with the other .wit
// files of its directory and that directory's deps/ (as wit-parser loads it), using unsaved editor text where known.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../text/lines';
import { loadPackageDir, packageRootOf } from './loader';
import { analyze, ParseCache, type WitInput } from './program';
import type { Resolution } from './resolve';
import type { SourceFile } from './symbols';

/** How long a snapshot of the package's files on disk is reused before it is read again. */
export const DISK_TTL_MS = 1000;

export interface Analysis {
  res: Resolution;
  file: SourceFile;
  lines: LineIndex;
  /** Maps a SourceFile path back to the URI the editor knows it by. */
  uriOf(file: SourceFile): string;
  linesOf(file: SourceFile): LineIndex;
}

export class WitWorkspace {
  private readonly cache = new ParseCache();
  /** Latest text of documents the editor has shown us, by file path (or URI for non-file documents). */
  private readonly open = new Map<string, { uri: string; text: string }>();
  private readonly results = new Map<string, { inputs: WitInput[]; res: Resolution }>();
  private readonly lineCache = new WeakMap<SourceFile, LineIndex>();
  private readonly disk = new Map<string, { at: number; inputs: WitInput[] }>();

  /** Analyses the package a document belongs to. */
  async analysisFor(document: TextDocument): Promise<Analysis> {
    const key = keyOf(document.uri);
    this.open.set(key, { uri: document.uri, text: document.getText() });
    let inputs: WitInput[];
    let root = key;
    if (document.uri.startsWith('file:')) {
      root = packageRootOf(key);
      // The files on disk are re-read at most once per DISK_TTL_MS (every keystroke would otherwise read the
      // whole package); open documents always come from the editor's text.
      let snap = this.disk.get(root);
      if (!snap || Date.now() - snap.at > DISK_TTL_MS || !snap.inputs.some((i) => i.path === key)) {
        const siblings = await hasOtherWit(path.dirname(key), key);
        const loaded = siblings || root !== path.dirname(key) ? await loadPackageDir(root).catch(() => [] as WitInput[]) : [];
        snap = { at: Date.now(), inputs: loaded };
        if (!loaded.some((i) => i.path === key)) snap.inputs = [...loaded, { path: key, text: document.getText(), group: 'root', isDep: false }];
        this.disk.set(root, snap);
      }
      inputs = snap.inputs.map((i) => { const o = this.open.get(i.path); return o && o.text !== i.text ? { ...i, text: o.text } : i; });
    } else inputs = [{ path: key, text: document.getText(), group: 'root', isDep: false }];
    let hit = this.results.get(root);
    if (!hit || !sameInputs(hit.inputs, inputs)) {
      hit = { inputs, res: analyze(inputs, this.cache) };
      this.results.set(root, hit);
    }
    return this.wrap(hit.res, hit.res.byPath.get(key)!);
  }

  /** Every analysis done so far (workspace symbols search them). */
  all(): Resolution[] {
    return [...this.results.values()].map((r) => r.res);
  }

  uriOf(file: SourceFile): string {
    return this.open.get(file.path)?.uri ?? (path.isAbsolute(file.path) ? pathToFileURL(file.path).toString() : file.path);
  }

  linesOf(file: SourceFile): LineIndex {
    let l = this.lineCache.get(file);
    if (!l) { l = new LineIndex(file.text); this.lineCache.set(file, l); }
    return l;
  }

  private wrap(res: Resolution, file: SourceFile): Analysis {
    return { res, file, lines: this.linesOf(file), uriOf: (f) => this.uriOf(f), linesOf: (f) => this.linesOf(f) };
  }
}

/**
 * Same files with the same texts. Texts are compared as strings, which V8 answers by identity first: the editor's
 * text of an unchanged document and the disk snapshot are the same string objects from one request to the next, so
 * a hover or completion on the version the diagnostics just analysed costs no package-sized signature string.
 */
function sameInputs(a: WitInput[], b: WitInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i].path !== b[i].path || a[i].text !== b[i].text || a[i].group !== b[i].group) return false;
  return true;
}

function keyOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { return uri; }
  }
  return uri;
}

async function hasOtherWit(dir: string, self: string): Promise<boolean> {
  try {
    return (await readdir(dir)).some((n) => n.endsWith('.wit') && path.join(dir, n) !== self);
  } catch {
    return false;
  }
}
