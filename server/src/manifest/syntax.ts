// YAML syntax errors and duplicate keys, located by the yaml package's CST offsets.
import { visit, isScalar, isMap, type YAMLError } from 'yaml';
import type { ManifestDocument } from './parse';
import { CODES, Severity, diag, type ManifestDiagnostic } from './diagnostic';

function cleanMessage(e: YAMLError): string {
  const first = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}

function firstDefinitionLine(doc: ManifestDocument, offset: number, key: string): number | undefined {
  let line: number | undefined;
  visit(doc.yaml, {
    Map(_, map) {
      if (line !== undefined || !isMap(map)) return;
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup) return;
      const first = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (first && isScalar(first.key) && first.key.range) line = doc.lines.positionAt(first.key.range[0]).line + 1;
      return visit.BREAK;
    },
  });
  return line;
}

export function syntaxDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const report = (e: YAMLError, severity: typeof Severity.Error | typeof Severity.Warning) => {
    const [start, end] = e.pos;
    const safeEnd = end > start ? end : Math.min(doc.text.length, start + 1);
    const range = doc.lines.range(start, safeEnd);
    if (e.code === 'DUPLICATE_KEY') {
      const key = doc.text.slice(start, end).replace(/^["']|["']$/g, '');
      const line = firstDefinitionLine(doc, start, key);
      const where = line ? ` (first defined on line ${line})` : '';
      out.push(diag(range, Severity.Error, CODES.yamlDuplicateKey, `duplicate key \`${key}\`${where}`));
      return;
    }
    out.push(diag(range, severity, CODES.yamlSyntax, `YAML: ${cleanMessage(e)}`));
  };
  for (const e of doc.yaml.errors) report(e, Severity.Error);
  for (const w of doc.yaml.warnings) report(w, Severity.Warning);
  return out;
}
