// Build state of a wasm plugin: missing (no module), stale (a source file is newer than the module) or fresh. Read
// from the file system (no vscode import, unit-tested); the explorer recomputes it when a watched file changes.
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export type BuildState = 'missing' | 'stale' | 'fresh';

export interface BuildStatus {
  state: BuildState;
  /** The newest source file when stale. */
  newest?: string;
  moduleMtimeMs?: number;
}

/** Files whose change means the module must be rebuilt. */
const SOURCE = /\.(ts|go|rs|c|h|cc|cpp|zig|py|js|mjs|wit)$|^(go\.mod|go\.sum|Cargo\.toml|asconfig\.json|package\.json)$/;
/** Folders that hold outputs, dependencies or editor state, never sources. */
const SKIP = new Set(['build', 'target', 'node_modules', '.git', '.mockforge', 'out', 'dist', '__pycache__']);

function newestSource(dir: string, depth = 0): { file: string; mtimeMs: number } | undefined {
  let best: { file: string; mtimeMs: number } | undefined;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    let found: { file: string; mtimeMs: number } | undefined;
    if (e.isDirectory()) {
      // A nested plugin folder is its own plugin; deep trees are not sources of a plugin module.
      if (SKIP.has(e.name) || depth >= 6 || hasManifest(abs)) continue;
      found = newestSource(abs, depth + 1);
    } else if (e.isFile() && SOURCE.test(e.name)) {
      found = { file: abs, mtimeMs: statSync(abs).mtimeMs };
    }
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

function hasManifest(dir: string): boolean {
  try {
    return readdirSync(dir).some((n) => n === 'plugin.yaml' || n === 'plugin.yml');
  } catch {
    return false;
  }
}

export function buildStatus(pluginDir: string, modulePath: string): BuildStatus {
  let moduleMtimeMs: number;
  try {
    moduleMtimeMs = statSync(modulePath).mtimeMs;
  } catch {
    return { state: 'missing' };
  }
  const newest = newestSource(pluginDir);
  if (newest && newest.mtimeMs > moduleMtimeMs) return { state: 'stale', newest: newest.file, moduleMtimeMs };
  return { state: 'fresh', moduleMtimeMs };
}
