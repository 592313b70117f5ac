// `new`: a template plus the SDK it needs, copied into a directory, ready to build offline.
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { CopyReport, copyTree } from './copy';
import { TemplateEntry, findTemplate, listTemplates } from './catalog';
import { resourceRoot, sdkDir } from './resources';

export const ID_PATTERN = /^[a-z][a-z0-9-]*$/;

export interface ScaffoldOptions {
  dir: string;
  lang: string;
  kind: string;
  id: string;
  name: string;
  force?: boolean;
  /** Extra placeholder values, e.g. `__PORT__` (a free loopback port for a remote template's dev service). */
  values?: Record<string, string>;
}

export class ScaffoldError extends Error {}

export interface ScaffoldResult extends CopyReport {
  template: TemplateEntry;
  dir: string;
}

/** "my-auth-plugin" → "My Auth Plugin". */
export function nameFromId(id: string): string {
  return id.split('-').filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** Which templates exist, for error messages: "assemblyscript: auth, template; go: auth". */
export function describeTemplates(): string {
  const byLang = new Map<string, string[]>();
  for (const t of listTemplates()) byLang.set(t.lang, [...(byLang.get(t.lang) ?? []), t.kind]);
  return [...byLang].map(([lang, kinds]) => `${lang}: ${kinds.join(', ')}`).join('; ') || 'none';
}

/** `tests` excludes that path; `*_test.go` excludes every file whose name ends with `_test.go`. */
function isExcluded(rel: string, patterns: readonly string[]): boolean {
  const base = path.posix.basename(rel);
  return patterns.some((p) => (p.startsWith('*') ? base.endsWith(p.slice(1)) : rel === p));
}

export function scaffold(o: ScaffoldOptions): ScaffoldResult {
  if (!ID_PATTERN.test(o.id)) {
    throw new ScaffoldError(`invalid plugin id "${o.id}": use lowercase letters, digits and dashes, starting with a letter (^[a-z][a-z0-9-]*$)`);
  }
  const template = findTemplate(o.lang, o.kind);
  if (!template) {
    throw new ScaffoldError(`there is no ${o.lang} template for a ${o.kind} plugin yet. Templates available: ${describeTemplates()}`);
  }
  if (existsSync(o.dir)) {
    if (!statSync(o.dir).isDirectory()) throw new ScaffoldError(`${o.dir} exists and is not a directory`);
    if (readdirSync(o.dir).length > 0 && !o.force) {
      throw new ScaffoldError(`${o.dir} is not empty: choose a new directory, or pass --force to add the template's files (existing files are kept)`);
    }
  }
  const values: Record<string, string> = {
    __PLUGIN_ID__: o.id,
    __PLUGIN_NAME__: o.name.replace(/"/g, "'"),
    ...o.values,
    ...template.values,
  };
  const report: ScaffoldResult = { template, dir: o.dir, created: [], kept: [], unchanged: [] };
  copyTree(template.dir, o.dir, report, { values });
  for (const v of template.meta.vendor ?? []) {
    const sub: CopyReport = { created: [], kept: [], unchanged: [] };
    const source = v.from ? path.join(resourceRoot(), v.from) : sdkDir(v.sdk);
    if (!existsSync(source)) throw new ScaffoldError(`the ${v.sdk} SDK is missing from this installation (${source}): rebuild it with \`node scripts/build.mjs\``);
    copyTree(source, path.join(o.dir, v.to), sub, { exclude: (rel) => isExcluded(rel, v.exclude ?? []) });
    const prefix = (f: string) => path.join(v.to, f);
    report.created.push(...sub.created.map(prefix));
    report.unchanged.push(...sub.unchanged.map(prefix));
    report.kept.push(...sub.kept.map((k) => ({ file: prefix(k.file), alternative: prefix(k.alternative) })));
  }
  return report;
}
