// Hover: the schema's description, type, default and an example; on a `types` item, the operations it requires.
import { isScalar } from 'yaml';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { ManifestDocument } from './parse';
import { pathAt, pathLabel } from './paths';
import { schemaAt, typeName } from './schema';
import { OPERATIONS_BY_KIND, HTTP_PATHS, type PluginKind } from '../../../host/src/contract/operations';

const witName = (op: string) => op.replace(/_/g, '-');

function kindHover(kind: PluginKind): string {
  const ops = OPERATIONS_BY_KIND[kind];
  return [
    `**plugin kind \`${kind}\`** — the plugin must provide:`,
    '',
    ...ops.map((op) => `- \`${witName(op)}\` (WIT) · core-ABI export \`${op}\` · HTTP \`POST {endpoint}${HTTP_PATHS[op]}\``),
    '',
    '`get_capabilities` is optional for every kind.',
  ].join('\n');
}

export function manifestHover(doc: ManifestDocument, position: Position): Hover | null {
  const offset = doc.lines.offsetAt(position);
  const at = pathAt(doc, offset);
  if (!at || at.path.length === 0) return null;
  const { path, node } = at;
  const range = node?.range ? doc.lines.range(node.range[0], node.range[1]) : undefined;
  const last = path[path.length - 1];
  if (!at.onKey && typeof last === 'number' && path[path.length - 2] === 'types' && node && isScalar(node)) {
    const kind = String(node.value) as PluginKind;
    if (kind in OPERATIONS_BY_KIND) return { contents: { kind: MarkupKind.Markdown, value: kindHover(kind) }, range };
  }
  // On a scalar value, describe the key it belongs to.
  const schema = schemaAt(path);
  if (!schema) return null;
  const parts = [`**\`${pathLabel(path)}\`** · \`${typeName(schema)}\``];
  if (schema.description) parts.push(schema.description);
  const facts: string[] = [];
  if (schema.default !== undefined) facts.push(`Default: \`${JSON.stringify(schema.default)}\``);
  if (schema.examples?.length) facts.push(`Example: \`${JSON.stringify(schema.examples[0])}\``);
  if (schema.pattern && !schema.errorMessage) facts.push(`Pattern: \`${schema.pattern}\``);
  if (facts.length) parts.push(facts.join(' · '));
  if (!at.onKey && isScalar(node) && schema.enum && typeof node.value === 'string' && node.value in OPERATIONS_BY_KIND) {
    parts.push(kindHover(node.value as PluginKind));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range };
}
