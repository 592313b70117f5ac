// Paths inside the manifest (['remote', 'auth', 'type'], ['plugin', 'types', 0]) ↔ YAML nodes and source ranges.
import { isMap, isSeq, isScalar, isPair, isNode, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver';
import type { ManifestDocument } from './parse';
import { isOpaque, sectionOutline } from './outline';
import { memo } from './parse';

export type Segment = string | number;
export type Path = Segment[];

/** JSON pointer (ajv instancePath) → path segments. */
export function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
}

export function keyText(pair: Pair): string {
  const k = pair.key;
  if (isScalar(k)) return String(k.value);
  return k === null || k === undefined ? '' : String(k);
}

export function findPair(map: YAMLMap, key: string): Pair<unknown, unknown> | undefined {
  for (const item of map.items) if (keyText(item) === key) return item;
  return undefined;
}

export interface Located {
  /** The pair whose value is the node (absent for the root and sequence items). */
  pair?: Pair<unknown, unknown>;
  node?: Node;
}

/**
 * Walks the tree along `path`; returns the deepest match and how much of the path it consumed. Uses the light
 * outline when the document has one (same nodes and ranges, see outline.ts) and the yaml CST otherwise — also when the
 * path goes into a flow collection the outline keeps opaque.
 */
export function locate(doc: ManifestDocument, path: Path): { found: Located; depth: number } {
  if (typeof path[0] === 'string' && doc.wellFormed) {
    // Only the section the path is in (most findings): its outline alone, built once per document version.
    const name = path[0];
    const section = memo(doc, `outline:${name}`, () => sectionOutline(doc.text, doc.lines, name) ?? null);
    const fast = section ? walk(section, path) : undefined;
    if (fast && fast.depth > 0) return fast;
  }
  const light = doc.outline;
  if (light) {
    const fast = walk(light, path);
    if (fast) return fast;
  }
  return locateInSyntaxTree(doc, path);
}

/** `locate` on the yaml CST only (for callers that need more than the start/end ranges, e.g. `range[2]`). */
export function locateInSyntaxTree(doc: ManifestDocument, path: Path): { found: Located; depth: number } {
  return walk(doc.yaml.contents, path) ?? { found: {}, depth: 0 };
}

/** The root the range helpers use: the outline when there is one, else the CST's contents. */
export function rootNode(doc: ManifestDocument): unknown {
  return doc.outline ?? doc.yaml.contents;
}

function walk(root: unknown, path: Path): { found: Located; depth: number } | undefined {
  let current: unknown = root;
  let found: Located = { node: isNode(current) ? current : undefined };
  let depth = 0;
  for (const seg of path) {
    if (isOpaque(current)) return undefined;
    if (isMap(current) && typeof seg === 'string') {
      const pair = findPair(current, seg);
      if (!pair) break;
      current = pair.value;
      found = { pair, node: isNode(pair.value) ? pair.value : undefined };
    } else if (isSeq(current) && typeof seg === 'number') {
      const item = current.items[seg];
      if (item === undefined) break;
      current = item;
      found = { node: isNode(item) ? item : undefined };
    } else if (isMap(current) && typeof seg === 'number') {
      break;
    } else break;
    depth++;
  }
  return { found, depth };
}

function nodeRange(doc: ManifestDocument, node: unknown): Range | undefined {
  if (isNode(node) && node.range) return doc.lines.range(node.range[0], node.range[1]);
  if (isPair(node) && isNode(node.key) && node.key.range) return doc.lines.range(node.key.range[0], node.key.range[1]);
  return undefined;
}

/** Range of the first line of the document's content (for problems that belong to the whole file). */
export function documentStartRange(doc: ManifestDocument): Range {
  const root = rootNode(doc);
  if (isMap(root) && root.items.length > 0) {
    const k = root.items[0].key;
    if (isNode(k) && k.range) return doc.lines.range(k.range[0], k.range[1]);
  }
  const first = doc.text.search(/\S/);
  if (first < 0) return doc.lines.range(0, 0);
  const line = doc.lines.positionAt(first).line;
  return doc.lines.range(first, doc.lines.lineEnd(line));
}

/** The key of `path` (for unknown / missing properties); falls back to the nearest existing ancestor's key. */
export function keyRange(doc: ManifestDocument, path: Path): Range {
  const { found, depth } = locate(doc, path);
  if (found.pair) return nodeRange(doc, found.pair) ?? documentStartRange(doc);
  if (found.node && depth > 0) return valueRangeOf(doc, found.node);
  return documentStartRange(doc);
}

/** The value of `path` (for wrong values): a scalar's text, or the first line of a collection. */
export function valueRange(doc: ManifestDocument, path: Path): Range {
  const { found, depth } = locate(doc, path);
  if (depth < path.length) return keyRange(doc, path.slice(0, depth));
  if (found.node) {
    if (depth === 0) return documentStartRange(doc);
    // `key:` with nothing after it: an empty range would be invisible, so point at the key.
    const empty = isScalar(found.node) && found.node.value === null && found.node.range && found.node.range[0] === found.node.range[1];
    if (empty && found.pair) return nodeRange(doc, found.pair) ?? documentStartRange(doc);
    return valueRangeOf(doc, found.node);
  }
  // `key:` with no value: point at the key.
  if (found.pair) return nodeRange(doc, found.pair) ?? documentStartRange(doc);
  return documentStartRange(doc);
}

function valueRangeOf(doc: ManifestDocument, node: Node): Range {
  const [start, end] = node.range ?? [0, 0];
  if (isScalar(node) || ((end - start) < 200 && !doc.text.slice(start, end).includes("\n"))) {
    return doc.lines.range(start, end);
  }
  // Collections span many lines: underline their first line only.
  const line = doc.lines.positionAt(start).line;
  return doc.lines.range(start, Math.min(end, doc.lines.lineEnd(line)));
}

/** Source offsets of a scalar's content, without the quotes. */
export function scalarInnerRange(doc: ManifestDocument, node: Node): Range | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [s, e] = node.range;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted && e - s >= 2 ? doc.lines.range(s + 1, e - 1) : doc.lines.range(s, e);
}

/** The path and pair at a source offset: the deepest key or value whose range holds it. */
export function pathAt(doc: ManifestDocument, offset: number): { path: Path; onKey: boolean; node?: Node; pair?: Pair<unknown, unknown> } | undefined {
  const path: Path = [];
  let current: unknown = doc.yaml.contents;
  let result: { path: Path; onKey: boolean; node?: Node; pair?: Pair<unknown, unknown> } | undefined;
  for (;;) {
    let next: unknown;
    if (isMap(current)) {
      for (const pair of current.items) {
        const k = pair.key;
        if (isNode(k) && k.range && offset >= k.range[0] && offset <= k.range[1]) {
          return { path: [...path, keyText(pair)], onKey: true, node: k, pair };
        }
        const v = pair.value;
        if (isNode(v) && v.range && offset >= v.range[0] && offset <= v.range[1]) {
          path.push(keyText(pair));
          result = { path: [...path], onKey: false, node: v, pair };
          next = v;
          break;
        }
      }
    } else if (isSeq(current)) {
      current.items.forEach((item, i) => {
        if (next === undefined && isNode(item) && item.range && offset >= item.range[0] && offset <= item.range[1]) {
          path.push(i);
          result = { path: [...path], onKey: false, node: item };
          next = item;
        }
      });
    }
    if (next === undefined) return result;
    current = next;
  }
}

/** Indentation (column) of the entries of a block map, or undefined for flow maps / empty maps. */
export function mapIndent(doc: ManifestDocument, map: YAMLMap): number | undefined {
  if (map.flow || map.items.length === 0) return undefined;
  const k = map.items[0].key;
  if (!isNode(k) || !k.range) return undefined;
  return doc.lines.positionAt(k.range[0]).character;
}

export function pathLabel(path: Path): string {
  if (path.length === 0) return 'the manifest';
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
