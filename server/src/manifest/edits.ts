// Text edits that add keys to a block-style manifest without reformatting the rest of the file.
import { isMap, isNode, isScalar, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver';
import type { ManifestDocument } from './parse';
import { locate, mapIndent, type Path } from './paths';
import { schemaAt, type JsonSchema } from './schema';

/** A YAML scalar for a value: strings quoted, everything else as JSON (which YAML reads the same way). */
export function yamlScalar(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? '""';
}

/** Placeholder value for a schema: default, first example, first enum value, or an empty value of its type. */
export function sampleValue(schema: JsonSchema | undefined): unknown {
  if (!schema) return '';
  if (schema.default !== undefined) return schema.default;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return '';
  }
}

/** `key: value` lines for a key whose schema is known; objects expand into their required keys. */
export function pairLines(key: string, schema: JsonSchema | undefined, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (schema?.type === 'object' && schema.properties && schema.default === undefined) {
    const required = schema.required ?? [];
    if (required.length === 0) return [`${pad}${key}: {}`];
    return [`${pad}${key}:`, ...required.flatMap((r) => pairLines(r, schema.properties?.[r], indent + 2))];
  }
  return [`${pad}${key}: ${yamlScalar(sampleValue(schema))}`];
}

function lastContentOffset(doc: ManifestDocument, map: YAMLMap): number {
  const last = map.items[map.items.length - 1];
  const node = isNode(last.value) ? last.value : isNode(last.key) ? last.key : undefined;
  let end = node?.range ? node.range[1] : map.range?.[1] ?? doc.text.length;
  while (end > 0 && /\s/.test(doc.text[end - 1])) end--;
  return end;
}

/**
 * Inserts `lines` (already indented relative to column 0 of the parent's entries, i.e. starting at indent 0)
 * as new entries of the map at `parentPath`, creating missing ancestor maps. Undefined for flow-style maps.
 */
export function insertEntriesEdit(doc: ManifestDocument, parentPath: Path, build: (indent: number) => string[]): TextEdit | undefined {
  const { found, depth } = locate(doc, parentPath);
  const missing = parentPath.slice(depth);
  if (missing.some((s) => typeof s === 'number')) return undefined;
  const wrap = (indent: number): string[] => {
    // Nest the new entries under the ancestors that do not exist yet.
    let lines = build(indent + 2 * missing.length);
    for (let i = missing.length - 1; i >= 0; i--) lines = [`${' '.repeat(indent + 2 * i)}${missing[i]}:`, ...lines];
    return lines;
  };
  const node = found.node;
  if (isMap(node)) {
    if (node.flow) return undefined;
    const indent = mapIndent(doc, node) ?? 0;
    if (node.items.length === 0) return undefined;
    const at = doc.lines.lineEnd(doc.lines.positionAt(lastContentOffset(doc, node)).line);
    return { range: doc.lines.range(at, at), newText: '\n' + wrap(indent).join('\n') };
  }
  if (depth === 0 && (node === undefined || node === null || (isScalar(node) && node.value === null))) {
    // Empty document.
    const at = doc.text.length;
    const sep = at > 0 && !doc.text.endsWith('\n') ? '\n' : '';
    return { range: doc.lines.range(at, at), newText: sep + wrap(0).join('\n') + '\n' };
  }
  if (found.pair && (node === undefined || (isScalar(node) && (node.value === null || node.value === '')))) {
    // `key:` with no value yet: the entries go on the following lines, one level deeper.
    const k = found.pair.key;
    if (!isNode(k) || !k.range) return undefined;
    const keyStart = doc.lines.positionAt(k.range[0]);
    const at = doc.lines.lineEnd(keyStart.line);
    return { range: doc.lines.range(at, at), newText: '\n' + wrap(keyStart.character + 2).join('\n') };
  }
  return undefined;
}

/** Adds `key` (with a value sampled from the schema) to the map at `parentPath`. */
export function addKeyEdit(doc: ManifestDocument, parentPath: Path, key: string, value?: unknown): TextEdit | undefined {
  const schema = schemaAt([...parentPath, key]);
  return insertEntriesEdit(doc, parentPath, (indent) =>
    value === undefined ? pairLines(key, schema, indent) : [`${' '.repeat(indent)}${key}: ${yamlScalar(value)}`]);
}
