// All diagnostics of a manifest: YAML syntax, legacy shapes, schema, semantic rules, cross-file checks.
import { isNode } from 'yaml';
import type { ManifestDocument } from './parse';
import { memo, isRecord } from './parse';
import { CODES, Severity, diag, type ManifestDiagnostic } from './diagnostic';
import { syntaxDiagnostics } from './syntax';
import { schemaDiagnostics } from './schemaDiagnostics';
import { detectLegacy } from './legacy';
import { migrateManifest } from './migrate';
import { keyRange, documentStartRange, locateInSyntaxTree } from './paths';
import { RULES, FILE_RULES } from './rules';
import { loadArtifacts } from './rules/artifact';
import type { RuleContext } from './rules/context';
import { nodeFileSystem, type ManifestFileSystem } from './fs';

export interface ValidateOptions {
  /** Directory holding the manifest; cross-file checks run only when it is known. */
  dir?: string;
  fs?: ManifestFileSystem;
}

export const MIGRATE_TITLE = 'Migrate to plugin.yaml v1';

function byPosition(a: ManifestDiagnostic, b: ManifestDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function contextOf(doc: ManifestDocument, options: ValidateOptions): RuleContext {
  const root = doc.value !== null && typeof doc.value === 'object' && !Array.isArray(doc.value) ? doc.value as Record<string, unknown> : {};
  return { doc, root, dir: options.dir, fs: options.fs ?? nodeFileSystem };
}

/** Diagnostics that depend only on the text (memoised per parse). */
export function textDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  return memo(doc, 'text-diagnostics', () => {
    const found = valueDiagnostics(doc);
    // Only a document that needed its syntax tree (something to locate, or not well-formed) can have syntax findings.
    if (!doc.hasSyntaxTree && doc.wellFormed) return found.sort(byPosition);
    const syntax = syntaxDiagnostics(doc);
    // Until the YAML parses, the value is a guess: schema and rule findings would mostly echo the syntax error.
    if (realErrors(doc)) return syntax.sort(byPosition);
    return [...syntax, ...found].sort(byPosition);
  });
}

const realErrors = (doc: ManifestDocument) => doc.yaml.errors.some((e) => e.code !== 'DUPLICATE_KEY');

/**
 * The YAML does not parse (duplicate keys aside): every other finding would be a guess about a broken tree. A text the
 * fast parser accepted has no syntax tree to ask unless something needed one (the yaml package is stricter).
 */
function syntaxBroken(doc: ManifestDocument): boolean {
  return (!doc.wellFormed || doc.hasSyntaxTree) && realErrors(doc);
}

/** Legacy shape, schema and semantic rules: decided on the plain value; ranges are looked up only for findings. */
function valueDiagnostics(doc: ManifestDocument): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  if (!doc.wellFormed && realErrors(doc)) return out;
  const value = doc.value;
  if (value !== null && value !== undefined && !isRecord(value)) {
    out.push(diag(documentStartRange(doc), Severity.Error, CODES.rootNotMap, 'plugin.yaml must be a mapping of sections (`plugin:`, `remote:`, `capabilities:` …)'));
    return out;
  }
  const legacy = detectLegacy(doc);
  if (legacy) {
    let migrated: string | undefined;
    try {
      migrated = migrateManifest(doc);
    } catch {
      migrated = undefined;
    }
    const whole = doc.lines.range(0, doc.text.length);
    out.push(diag(keyRange(doc, legacy.marker), Severity.Warning, CODES.legacy,
      `this is ${legacy.label}, one of MockForge's older manifest shapes — run "${MIGRATE_TITLE}" to rewrite it in the canonical shape`,
      { fixes: migrated !== undefined ? [{ title: MIGRATE_TITLE, edits: [{ range: whole, newText: migrated }], preferred: true }] : [] }));
    // The shape itself is the one problem: schema errors would only repeat it field by field. In a hybrid (a v1
    // `plugin:` map beside an old section) the rest is still checked, except inside the old section.
    if (!isRecord((value as Record<string, unknown>).plugin)) return out;
    const old = locateInSyntaxTree(doc, legacy.marker).found.pair;
    const [from, to] = [old?.key, old?.value].reduce<[number, number]>((acc, n) => isNode(n) && n.range ? [Math.min(acc[0], n.range[0]), Math.max(acc[1], n.range[2])] : acc, [Infinity, -Infinity]);
    const inside = (d: ManifestDiagnostic) => {
      const o = doc.lines.offsetAt(d.range.start);
      return o >= from && o <= to;
    };
    out.push(...schemaDiagnostics(doc).filter((d) => !inside(d)));
  } else {
    out.push(...schemaDiagnostics(doc));
  }
  if (value === null || value === undefined) return out;
  const ctx = contextOf(doc, {});
  for (const rule of RULES) out.push(...rule(ctx));
  return out;
}

export function manifestDiagnostics(doc: ManifestDocument, options: ValidateOptions = {}): ManifestDiagnostic[] {
  const text = textDiagnostics(doc);
  if (!options.dir || syntaxBroken(doc)) return text;
  const value = doc.value;
  if (!isRecord(value) || !isRecord(value.plugin)) return text;
  const ctx = contextOf(doc, options);
  const files = FILE_RULES.flatMap((rule) => rule(ctx));
  return files.length ? [...text, ...files].sort(byPosition) : text;
}

/** manifestDiagnostics after loading what only async readers can provide (the world of a built component). */
export async function manifestDiagnosticsAsync(doc: ManifestDocument, options: ValidateOptions = {}): Promise<ManifestDiagnostic[]> {
  if (options.dir && !syntaxBroken(doc)) await loadArtifacts(doc.value, options.dir, options.fs ?? nodeFileSystem);
  return manifestDiagnostics(doc, options);
}
