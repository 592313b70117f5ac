// plugin.id, plugin.version and plugin.license: the identity MockForge's loader and registry check.
import semver from 'semver';
import spdxParse from 'spdx-expression-parse';
import spdxIds from 'spdx-license-ids';
import { isScalar } from 'yaml';
import { CODES, Severity, diag, replaceFix, type ManifestDiagnostic } from '../diagnostic';
import { locate, scalarInnerRange } from '../paths';
import { closest } from '../suggest';
import { get, valueAt, type Rule } from './context';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const ID = /^[a-z][a-z0-9-]*$/;

export const versionRule: Rule = (ctx) => {
  const path = ['plugin', 'version'];
  const raw = get(ctx.root, path);
  if (raw === undefined || (typeof raw === 'string' && SEMVER.test(raw))) return [];
  const range = valueAt(ctx, path);
  const node = locate(ctx.doc, path).found.node;
  const source = node?.range ? ctx.doc.text.slice(node.range[0], node.range[1]) : String(raw);
  const coerced = raw === null || typeof raw === 'object' ? null : semver.coerce(String(raw));
  const fixes = coerced ? [replaceFix(`Change to "${coerced.version}"`, range, JSON.stringify(coerced.version))] : [];
  const message = typeof raw === 'number'
    ? `the version must be a quoted semantic version like "${coerced?.version ?? '1.0.0'}" — YAML reads ${source} as a number`
    : `the version must be a semantic version MAJOR.MINOR.PATCH like "${coerced?.version ?? '1.0.0'}" — got ${JSON.stringify(raw)}`;
  return [diag(range, Severity.Error, CODES.semver, message, { fixes })];
};

export function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+/g, '-').replace(/-$/, '').slice(0, 50);
}

export const idRule: Rule = (ctx) => {
  const path = ['plugin', 'id'];
  const raw = get(ctx.root, path);
  if (raw === undefined || raw === null) return [];
  if (typeof raw === 'string' && ID.test(raw) && raw.length <= 50) return [];
  const range = valueAt(ctx, path);
  if (typeof raw !== 'string') {
    return [diag(range, Severity.Error, CODES.id, `the id must be a string like "jwt-auth" — got ${typeof raw} ${String(raw)}`)];
  }
  const out: ManifestDiagnostic[] = [];
  if (!ID.test(raw)) {
    const fixed = slugify(raw);
    const node = locate(ctx.doc, path).found.node;
    const inner = node && isScalar(node) ? scalarInnerRange(ctx.doc, node) ?? range : range;
    out.push(diag(range, Severity.Error, CODES.id,
      `the id must start with a lowercase letter and use only lowercase letters, digits and dashes — got ${JSON.stringify(raw)}`,
      { fixes: fixed ? [replaceFix(`Change to "${fixed}"`, inner, fixed)] : [] }));
  } else if (raw.length > 50) {
    out.push(diag(range, Severity.Error, CODES.id, `the id may have at most 50 characters (MockForge's registry limit) — it has ${raw.length}`));
  }
  return out;
};

const COMMON_LICENSES: Record<string, string> = {
  'apache 2.0': 'Apache-2.0', 'apache2': 'Apache-2.0', 'apache-2': 'Apache-2.0', 'apache license 2.0': 'Apache-2.0',
  'mit license': 'MIT', 'gplv3': 'GPL-3.0-only', 'gplv2': 'GPL-2.0-only', 'bsd': 'BSD-3-Clause', 'mpl2': 'MPL-2.0',
};

export const licenseRule: Rule = (ctx) => {
  const path = ['plugin', 'license'];
  const raw = get(ctx.root, path);
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  try {
    spdxParse(raw);
    return [];
  } catch {
    const range = valueAt(ctx, path);
    const guess = COMMON_LICENSES[raw.trim().toLowerCase()] ?? closest(raw.trim(), spdxIds);
    const node = locate(ctx.doc, path).found.node;
    const inner = node && isScalar(node) ? scalarInnerRange(ctx.doc, node) ?? range : range;
    return [diag(range, Severity.Warning, CODES.license,
      `${JSON.stringify(raw)} is not an SPDX license expression (e.g. "MIT", "MIT OR Apache-2.0")${guess ? ` — did you mean \`${guess}\`?` : ''}`,
      { fixes: guess ? [replaceFix(`Change to "${guess}"`, inner, guess)] : [] })];
  }
};
