// YAML syntax errors and duplicate keys, located by the yaml package's CST offsets.
import { visit, isScalar, isMap, type YAMLError } from 'yaml';
import type { ManifestDocument } from './parse';
import { CODES, Severity, diag, type ManifestDiagnostic } from './diagnostic';

function cleanMessage(e: YAMLError): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

/** The duplicate key at `offset` (its full range) and the line where the key was first defined. */
function duplicateAt(doc: ManifestDocument, offset: number): { key: string; start: number; end: number; firstLine?: number } | undefined {
  let result: { key: string; start: number; end: number; firstLine?: number } | undefined;
  visit(doc.yaml, {
    Map(_, map) {
      if (!isMap(map)) return;
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key) || !dup.key.range) return;
      const key = String(dup.key.value);
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      const firstLine = first && first !== dup && isScalar(first.key) && first.key.range ? doc.lines.positionAt(first.key.range[0]).line + 1 : undefined;
      result = { key, start: dup.key.range[0], end: dup.key.range[1], firstLine };
      return visit.BREAK;
    },
  });
  return result;
}

export function syntaxDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const report = (e: YAMLError, severity: typeof Severity.Error | typeof Severity.Warning) => {
    const [start, end] = e.pos;
    const safeEnd = end > start ? end : Math.min(doc.text.length, start + 1);
    const range = doc.lines.range(start, safeEnd);
    if (e.code === 'DUPLICATE_KEY') {
      const dup = duplicateAt(doc, start);
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
