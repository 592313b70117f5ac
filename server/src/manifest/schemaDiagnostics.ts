// Schema validation: ajv over the parsed value, every error mapped to the smallest right range (the key for
// unknown/missing properties, the value for wrong values) with a sentence a person understands.
import type { ErrorObject } from 'ajv';
import { isScalar } from 'yaml';
import type { ManifestDocument } from './parse';
import { CODES, Severity, diag, replaceFix, type Fix, type ManifestDiagnostic } from './diagnostic';
import { keyRange, locate, pathLabel, pointerToPath, valueRange, scalarInnerRange } from './paths';
import { manifestValidator, schemaAt, type JsonSchema } from './schema';
import { closest } from './suggest';
import { addKeyEdit } from './edits';

/** Paths whose pattern/type problems the semantic rules report with better messages (see rules/identity.ts). */
const OWNED_BY_RULES = new Set(['/plugin/version', '/plugin/id']);

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '…' : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

const ARTICLE: Record<string, string> = {
  string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', array: 'a list',
  object: 'a mapping', null: 'nothing',
};

function mapError(doc: ManifestDocument, e: ErrorObject): ManifestDiagnostic | undefined {
  const path = pointerToPath(e.instancePath);
  const where = pathLabel(path);
  const p = e.params as Record<string, unknown>;
  const parentSchema = e.parentSchema as JsonSchema | undefined;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(schemaAt(path)?.properties ?? {});
      const guess = closest(key, allowed);
      const range = keyRange(doc, [...path, key]);
      const hint = guess ? ` — did you mean \`${guess}\`?` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      const fixes: Fix[] = guess ? [replaceFix(`Rename to \`${guess}\``, range, guess)] : [];
      return diag(range, Severity.Error, CODES.schemaUnknownKey, `unknown key \`${key}\` in ${where}${hint}`, { fixes });
    }
    case 'required': {
      const key = String(p.missingProperty);
      const edit = addKeyEdit(doc, path, key);
      const fixes: Fix[] = edit ? [{ title: `Add missing key \`${key}\``, edits: [edit], preferred: true }] : [];
      return diag(keyRange(doc, path), Severity.Error, CODES.schemaRequired, `missing required key \`${key}\` in ${where}`, { fixes });
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]) ?? [];
      const got = e.data;
      const range = valueRange(doc, path);
      const guess = typeof got === 'string' ? closest(got, allowed.map(String)) : undefined;
      const fixes: Fix[] = [];
      const { found } = locate(doc, path);
      if (guess && found.node && isScalar(found.node)) {
        fixes.push(replaceFix(`Change to \`${guess}\``, scalarInnerRange(doc, found.node) ?? range, guess));
      }
      return diag(range, Severity.Error, CODES.schemaEnum, `expected one of ${allowed.map(String).join(', ')} — got ${describe(got)}`, { fixes });
    }
    case 'type': {
      const expected = String(p.type).split(',').map((t) => ARTICLE[t] ?? t).join(' or ');
      const range = valueRange(doc, path);
      const fixes: Fix[] = [];
      const { found } = locate(doc, path);
      if (String(p.type) === 'string' && found.node && isScalar(found.node) && (typeof e.data === 'number' || typeof e.data === 'boolean')) {
        const src = found.node.source ?? String(e.data);
        const text = found.node.range ? doc.text.slice(found.node.range[0], found.node.range[1]) : src;
        fixes.push(replaceFix(`Quote as "${text}"`, range, JSON.stringify(text)));
      }
      return diag(range, Severity.Error, CODES.schemaType, `${where} must be ${expected} — got ${describe(e.data)}`, { fixes });
    }
    case 'pattern':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaPattern,
        parentSchema?.errorMessage ? `${parentSchema.errorMessage} — got ${describe(e.data)}` : `${describe(e.data)} does not match the pattern ${String(p.pattern)}`);
    case 'format':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaFormat, `${describe(e.data)} is not a valid ${String(p.format)}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaRange, `${where} must be ${String(p.comparison)} ${String(p.limit)} — got ${describe(e.data)}`);
    case 'minLength':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaRange,
        p.limit === 1 ? `${where} must not be empty` : `${where} must be at least ${String(p.limit)} characters long`);
    case 'maxLength':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaRange, `${where} must be at most ${String(p.limit)} characters long (it has ${String((e.data as string).length)})`);
    case 'minItems':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaRange, `${where} needs at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`);
    case 'maxItems':
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaRange, `${where} may have at most ${String(p.limit)} items (it has ${String((e.data as unknown[]).length)})`);
    case 'uniqueItems': {
      const later = Math.max(Number(p.i), Number(p.j));
      const items = e.data as unknown[];
      return diag(valueRange(doc, [...path, later]), Severity.Warning, CODES.schemaUnique, `${describe(items[later])} is listed twice in ${where}`);
    }
    default:
      return diag(valueRange(doc, path), Severity.Error, CODES.schemaOther, `${where} ${e.message ?? 'is invalid'}`);
  }
}

export function schemaDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  const value = doc.value;
  if (value === null || value === undefined) {
    if (doc.yaml.errors.length > 0) return [];
    return [diag(doc.lines.range(0, 0), Severity.Error, CODES.schemaRequired, 'the manifest is empty — it needs at least a `plugin:` section',
      { fixes: [{ title: 'Add a `plugin:` section', edits: [addKeyEdit(doc, [], 'plugin')].filter((x) => x !== undefined), preferred: true }] })];
  }
  const validate = manifestValidator();
  if (validate(value)) return [];
  const out: ManifestDiagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (OWNED_BY_RULES.has(e.instancePath) && (e.keyword === 'pattern' || e.keyword === 'type' || e.keyword === 'maxLength')) continue;
    // A required property missing under a key that has no value at all is already a type error there.
    const d = mapError(doc, e);
    if (!d) continue;
    const k = `${d.code}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out;
}

