// One parse per document version, shared by diagnostics, completion, hover and the rest (the yaml parse dominates
// every feature's cost, so it must never be repeated for the same text).
import { parseDocument, isMap, type Document } from 'yaml';
import { LineIndex } from '../text/lines';

export interface ManifestDocument {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly yaml: Document.Parsed;
  /** The plain JS value (undefined when the document is empty or cannot be converted). */
  readonly value: unknown;
  /** Memoised results of features that depend only on the text (diagnostics …). */
  readonly memo: Map<string, unknown>;
}

const cache = new Map<string, ManifestDocument>();
const CACHE_LIMIT = 64;

export function parseManifest(text: string, uri = 'untitled:plugin.yaml'): ManifestDocument {
  const hit = cache.get(uri);
  if (hit && hit.text === text) return hit;
  const yaml = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  let value: unknown;
  try {
    value = yaml.toJS({ maxAliasCount: 100 });
  } catch {
    // Alias bombs and other unconvertible input: features fall back to the AST; the syntax errors say why.
    value = undefined;
  }
  const doc: ManifestDocument = { uri, text, lines: new LineIndex(text), yaml, value, memo: new Map() };
  cache.delete(uri);
  cache.set(uri, doc);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return doc;
}

export function forgetManifest(uri: string): void {
  cache.delete(uri);
}

/** Memoise a text-dependent computation on the parsed document. */
export function memo<T>(doc: ManifestDocument, key: string, compute: () => T): T {
  if (doc.memo.has(key)) return doc.memo.get(key) as T;
  const v = compute();
  doc.memo.set(key, v);
  return v;
}

export function rootIsMap(doc: ManifestDocument): boolean {
  return isMap(doc.yaml.contents);
}
