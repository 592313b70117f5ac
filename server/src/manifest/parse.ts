// One parse per document version, shared by diagnostics, completion, hover and the rest. Building the yaml CST is
// what costs (it dominates every feature), so the plain value comes from a fast parser (js-yaml) and the CST with
// its source ranges is built only when something needs a range: a diagnostic to locate, a hover, the outline.
import { parseDocument, type Document } from 'yaml';
import { load, CORE_SCHEMA } from 'js-yaml';
import type { Node } from 'yaml';
import { LineIndex } from '../text/lines';
import { buildOutline } from './outline';

export interface ManifestDocument {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  /** The yaml CST/AST with source ranges (built on first access). */
  readonly yaml: Document.Parsed;
  /**
   * A light line-based tree with the same node classes and source ranges as `yaml.contents`, for well-formed
   * block-style documents (built on first access); undefined when the document needs the CST (see outline.ts).
   */
  readonly outline: Node | undefined;
  /** Whether `yaml` has been built for this version. */
  readonly hasSyntaxTree: boolean;
  /** The plain JS value (undefined when the document cannot be converted: syntax errors are then in `yaml.errors`). */
  readonly value: unknown;
  /** True when the value came from the fast parser, i.e. the text is well-formed YAML with unique keys. */
  readonly wellFormed: boolean;
  /** Memoised results of features that depend only on the text (diagnostics …). */
  readonly memo: Map<string, unknown>;
}

class ParsedManifest implements ManifestDocument {
  readonly memo = new Map<string, unknown>();
  private tree: Document.Parsed | undefined;
  private index: LineIndex | undefined;
  private light: Node | null | undefined;
  private parsed: { value: unknown; wellFormed: boolean } | undefined;

  constructor(readonly uri: string, readonly text: string) {}

  /** Parsed on first use: completion right after an edit can often answer from its section alone (section.ts). */
  private get plain(): { value: unknown; wellFormed: boolean } {
    if (this.parsed) return this.parsed;
    let value: unknown;
    let ok = false;
    try {
      // CORE_SCHEMA: the same YAML 1.2 core types as the yaml package (no timestamps, no merge keys).
      value = load(this.text, { schema: CORE_SCHEMA });
      ok = true;
    } catch {
      // Syntax errors, duplicate keys, several documents: the yaml package locates them.
    }
    if (!ok) {
      try {
        value = this.yaml.toJS({ maxAliasCount: 100 });
      } catch {
        // Alias bombs and other unconvertible input: features fall back to the AST; the syntax errors say why.
        value = undefined;
      }
    }
    this.parsed = { value: value === undefined && ok ? null : value, wellFormed: ok };
    return this.parsed;
  }

  get value(): unknown {
    return this.plain.value;
  }

  get wellFormed(): boolean {
    return this.plain.wellFormed;
  }

  get yaml(): Document.Parsed {
    this.tree ??= parseDocument(this.text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
    return this.tree;
  }

  get outline(): Node | undefined {
    if (this.light === undefined) this.light = (this.wellFormed && this.value !== null ? buildOutline(this.text, this.lines) : undefined) ?? null;
    return this.light ?? undefined;
  }

  get hasSyntaxTree(): boolean {
    return this.tree !== undefined;
  }

  get lines(): LineIndex {
    this.index ??= new LineIndex(this.text);
    return this.index;
  }
}

const cache = new Map<string, ManifestDocument>();
const CACHE_LIMIT = 64;

export function parseManifest(text: string, uri = 'untitled:plugin.yaml'): ManifestDocument {
  const hit = cache.get(uri);
  if (hit && hit.text === text) return hit;
  const doc = new ParsedManifest(uri, text);
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

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
