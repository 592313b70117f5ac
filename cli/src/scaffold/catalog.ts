// The templates on disk: templates/<lang>-<kind>/ plus an optional template.json saying which SDK to vendor into
// the new project and which other --lang values it serves (tinygo uses the go templates).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { templatesDir } from './resources';

export const LANGUAGES = ['assemblyscript', 'tinygo', 'go', 'python-remote', 'node-remote', 'python-pyodide', 'javascript-component'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface VendorSpec {
  /** SDK folder name under sdk/. */
  sdk: string;
  /** Copy this built folder (relative to the resource root, e.g. `dist/sdk-node`) instead of sdk/<sdk>. */
  from?: string;
  /** Destination inside the new project. */
  to: string;
  /** Relative paths (files or folders) of the SDK left out of the copy, e.g. its own tests; `*suffix` matches names. */
  exclude?: string[];
}

export interface TemplateMeta {
  /** Other --lang values that use this template, each with its own placeholder values. */
  aliases?: Record<string, Record<string, string>>;
  /** Placeholder values for the template's own language. */
  values?: Record<string, string>;
  vendor?: VendorSpec[];
  /** False for templates with nothing to compile (remote services, Pyodide): `new` then suggests no `build`. */
  build?: boolean;
  /** The operation and saved request `new` suggests running first. */
  firstRun?: { operation: string; request: string };
}

export interface TemplateEntry {
  lang: string;
  kind: string;
  dir: string;
  meta: TemplateMeta;
  /** Placeholder values for the requested language (own values or the alias's). */
  values: Record<string, string>;
}

function readMeta(dir: string): TemplateMeta {
  const file = path.join(dir, 'template.json');
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, 'utf8')) as TemplateMeta;
}

/** Every (language, kind) pair a template serves, aliases included. */
export function listTemplates(): TemplateEntry[] {
  const root = templatesDir();
  const out: TemplateEntry[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = path.join(root, name);
    if (!existsSync(path.join(dir, 'plugin.yaml'))) continue;
    const cut = name.lastIndexOf('-');
    if (cut <= 0) continue;
    const lang = name.slice(0, cut);
    const kind = name.slice(cut + 1);
    const meta = readMeta(dir);
    out.push({ lang, kind, dir, meta, values: meta.values ?? {} });
    for (const [alias, values] of Object.entries(meta.aliases ?? {})) out.push({ lang: alias, kind, dir, meta, values });
  }
  return out;
}

export function findTemplate(lang: string, kind: string): TemplateEntry | undefined {
  return listTemplates().find((t) => t.lang === lang && t.kind === kind);
}
