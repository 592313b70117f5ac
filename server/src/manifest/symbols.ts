// Outline (document symbols) and folding ranges from the YAML tree.
import { isMap, isSeq, isScalar, isNode, type Node } from 'yaml';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { ManifestDocument } from './parse';
import { keyText } from './paths';

function kindOf(node: unknown, depth: number): SymbolKind {
  if (isMap(node)) return depth === 0 ? SymbolKind.Module : SymbolKind.Object;
  if (isSeq(node)) return SymbolKind.Array;
  if (isScalar(node)) {
    if (typeof node.value === 'number') return SymbolKind.Number;
    if (typeof node.value === 'boolean') return SymbolKind.Boolean;
    if (node.value === null) return SymbolKind.Null;
  }
  return SymbolKind.String;
}

function detailOf(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null ? undefined : String(node.value).slice(0, 80);
  if (isSeq(node) && node.items.every(isScalar)) return node.items.map((i) => String((i as { value: unknown }).value)).join(', ').slice(0, 80);
  return undefined;
}

function children(doc: ManifestDocument, node: unknown, depth: number): DocumentSymbol[] | undefined {
  if (depth > 20) return undefined;
  if (isMap(node)) {
    const out: DocumentSymbol[] = [];
    for (const pair of node.items) {
      const k = pair.key;
      if (!isNode(k) || !k.range) continue;
      const v = pair.value as Node | null;
      const end = isNode(v) && v.range ? v.range[1] : k.range[1];
      const name = keyText(pair) || '(empty key)';
      out.push({
        name,
        detail: detailOf(v),
        kind: kindOf(v, depth),
        range: doc.lines.range(k.range[0], Math.max(end, k.range[1])),
        selectionRange: doc.lines.range(k.range[0], k.range[1]),
        children: children(doc, v, depth + 1),
      });
    }
    return out;
  }
  if (isSeq(node)) {
    if (node.items.every(isScalar)) return undefined;
    return node.items.flatMap((item, i) => {
      if (!isNode(item) || !item.range) return [];
      const named = isMap(item) ? item.get('name') ?? item.get('id') : undefined;
      return [{
        name: named !== undefined && named !== null ? String(named) : `[${i}]`,
        kind: kindOf(item, depth),
        range: doc.lines.range(item.range[0], item.range[1]),
        selectionRange: doc.lines.range(item.range[0], item.range[0]),
        children: children(doc, item, depth + 1),
      }];
    });
  }
  return undefined;
}

export function manifestSymbols(doc: ManifestDocument): DocumentSymbol[] {
  return children(doc, doc.yaml.contents, 0) ?? [];
}

export function manifestFolding(doc: ManifestDocument): FoldingRange[] {
  const out: FoldingRange[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 50) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key;
        const v = pair.value;
        if (isNode(k) && k.range && (isMap(v) || isSeq(v)) && v.range) {
          let end = v.range[1];
          while (end > 0 && /\s/.test(doc.text[end - 1])) end--;
          const startLine = doc.lines.positionAt(k.range[0]).line;
          const endLine = doc.lines.positionAt(end).line;
          if (endLine > startLine) out.push({ startLine, endLine });
        }
        visit(v, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if ((isMap(item) || isSeq(item)) && item.range) {
          let end = item.range[1];
          while (end > 0 && /\s/.test(doc.text[end - 1])) end--;
          const startLine = doc.lines.positionAt(item.range[0]).line;
          const endLine = doc.lines.positionAt(end).line;
          if (endLine > startLine) out.push({ startLine, endLine });
        }
        visit(item, depth + 1);
      }
    }
  };
  visit(doc.yaml.contents, 0);
  return out;
}
