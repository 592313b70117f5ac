// YAML syntax errors and duplicate keys, located by the yaml package's CST offsets.
import { isScalar, isMap, isSeq, type YAMLError } from 'yaml';
import { memo } from './parse';
import type { ManifestDocument } from './parse';
import { CODES, Severity, diag, type ManifestDiagnostic } from './diagnostic';

function cleanMessage(e: YAMLError): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

interface DuplicateKey { key: string; start: number; end: number; firstLine?: number }

/**
 * Every repeated scalar key of the document by its start offset, found in one walk (an explicit stack, no path
 * copies: a document can nest hundreds of levels and hold as many duplicates).
 */
function duplicateKeys(doc: ManifestDocument): Map<number, DuplicateKey> {
  return memo(doc, 'duplicate-keys', () => {
    const found = new Map<number, DuplicateKey>();
    const stack: unknown[] = [doc.yaml.contents];
    while (stack.length) {
      const node = stack.pop();
      if (isSeq(node)) {
        stack.push(...node.items);
      } else if (isMap(node)) {
        const first = new Map<string, number>();
        for (const pair of node.items) {
          stack.push(pair.key, pair.value);
          if (!isScalar(pair.key) || !pair.key.range) continue;
          const key = String(pair.key.value);
          const seen = first.get(key);
          if (seen === undefined) first.set(key, pair.key.range[0]);
          else found.set(pair.key.range[0], { key, start: pair.key.range[0], end: pair.key.range[1], firstLine: doc.lines.positionAt(seen).line + 1 });
        }
      }
    }
    return found;
  });
}

export function syntaxDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const report = (e: YAMLError, severity: typeof Severity.Error | typeof Severity.Warning) => {
    const [start, end] = e.pos;
    const safeEnd = end > start ? end : Math.min(doc.text.length, start + 1);
    const range = doc.lines.range(start, safeEnd);
    if (e.code === 'DUPLICATE_KEY') {
      const dup = duplicateKeys(doc).get(start);
      const key = dup?.key ?? doc.text.slice(start, end);
      const where = dup?.firstLine ? ` (first defined on line ${dup.firstLine})` : '';
      out.push(diag(dup ? doc.lines.range(dup.start, dup.end) : range, Severity.Error, CODES.yamlDuplicateKey, `duplicate key \`${key}\`${where}`));
      return;
    }
    out.push(diag(range, severity, CODES.yamlSyntax, `YAML: ${cleanMessage(e)}`));
  };
  for (const e of doc.yaml.errors) report(e, Severity.Error);
  for (const w of doc.yaml.warnings) report(w, Severity.Warning);
  return out;
}
