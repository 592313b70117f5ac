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

/**
 * js-yaml refuses nesting deeper than 100 by default; a document that deep is still YAML (the yaml package takes it,
 * far more slowly), so the fast parser is allowed further — 1,000 levels stay well inside the stack.
 */
const MAX_DEPTH = 1000;

class ParsedManifest implements ManifestDocument {
  readonly memo = new Map<string, unknown>();
  private tree: Document.Parsed | undefined;
  private index: LineIndex | undefined;
  private light: Node | null | undefined;
  private parsed: { value: unknown; wellFormed: boolean } | undefined;
  private fallback: { value: unknown } | undefined;

  constructor(readonly uri: string, readonly text: string) {}

  /** Parsed on first use: completion right after an edit can often answer from its section alone (section.ts). */
  private get plain(): { value: unknown; wellFormed: boolean } {
    if (this.parsed) return this.parsed;
    try {
      // CORE_SCHEMA: the same YAML 1.2 core types as the yaml package (no timestamps, no merge keys).
      const value = load(this.text, { schema: CORE_SCHEMA, maxDepth: MAX_DEPTH });
      this.parsed = { value: value === undefined ? null : value, wellFormed: true };
    } catch {
      // Syntax errors, duplicate keys, several documents: the yaml package locates them.
      this.parsed = { value: undefined, wellFormed: false };
    }
    return this.parsed;
  }

  /**
   * The value of a document the fast parser rejected, from the yaml AST — only when a feature asks for it: with a
   * syntax error the diagnostics are the syntax findings alone, and converting a broken (deeply nested, aliased)
   * tree is the slowest thing the service could do.
   */
  private get recovered(): unknown {
    if (this.fallback === undefined) {
      try {
        // Duplicate keys are the usual reason: js-yaml's JSON mode keeps the last one, as the yaml package does, at a
        // fraction of the cost (the yaml package resolves each alias by walking the whole tree).
        this.fallback = { value: load(this.text, { schema: CORE_SCHEMA, json: true, maxDepth: MAX_DEPTH }) ?? null };
      } catch {
        this.fallback = undefined;
      }
    }
    if (this.fallback === undefined) {
      try {
        this.fallback = { value: this.yaml.toJS({ maxAliasCount: 100 }) };
      } catch {
        // Alias bombs and other unconvertible input: features fall back to the AST; the syntax errors say why.
        this.fallback = { value: undefined };
      }
    }
    return this.fallback.value;
  }

  get value(): unknown {
    return this.plain.wellFormed ? this.plain.value : this.recovered;
  }

  get wellFormed(): boolean {
    return this.plain.wellFormed;
  }

  get yaml(): Document.Parsed {
    this.tree ??= parseDocument(this.text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true,
      // yaml warns on process stderr about collection keys: in a language server that is noise, and costs time.
      logLevel: 'error' });
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
