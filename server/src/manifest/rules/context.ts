// What every semantic rule receives: the parsed document, its plain value and, for cross-file checks, where it lives.
import type { ManifestDocument } from '../parse';
import type { ManifestDiagnostic } from '../diagnostic';
import type { ManifestFileSystem } from '../fs';
import { keyRange, valueRange, locate, type Path } from '../paths';

export interface RuleContext {
  doc: ManifestDocument;
  /** Root mapping as a plain object ({} when the root is not a mapping). */
  root: Record<string, unknown>;
  /** Directory of the manifest on disk, when it has one (cross-file checks are skipped otherwise). */
  dir?: string;
  fs: ManifestFileSystem;
}

export type Rule = (ctx: RuleContext) => ManifestDiagnostic[];

export function get(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export const valueAt = (ctx: RuleContext, path: Path) => valueRange(ctx.doc, path);
export const keyAt = (ctx: RuleContext, path: Path) => keyRange(ctx.doc, path);
export const has = (ctx: RuleContext, path: Path) => locate(ctx.doc, path).depth === path.length;

/** The plugin's runtime (default wasm). */
export function runtimeOf(root: Record<string, unknown>): string {
  const r = get(root, ['plugin', 'runtime']);
  return typeof r === 'string' ? r : 'wasm';
}
