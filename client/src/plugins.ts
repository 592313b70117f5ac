// The plugins in the workspace: every plugin.yaml (or plugin.yml), with a summary of what it declares.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MANIFEST_GLOB } from './selectors';
import { summariseManifest, type ManifestSummary } from './manifestSummary';

export interface WorkspacePlugin extends ManifestSummary {
  manifest: vscode.Uri;
  /** Folder holding the manifest. */
  dir: string;
  folder: vscode.WorkspaceFolder | undefined;
}

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/out/**}';

export async function findPlugins(): Promise<WorkspacePlugin[]> {
  const uris = await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE);
  const plugins = await Promise.all(uris.map(readPlugin));
  return plugins.sort((a, b) => a.dir.localeCompare(b.dir));
}

export async function readPlugin(manifest: vscode.Uri): Promise<WorkspacePlugin> {
  let text = '';
  try {
    text = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
  } catch {
    // An unreadable manifest is still a plugin folder; its summary is empty.
  }
  return { ...summariseManifest(text), manifest, dir: path.dirname(manifest.fsPath), folder: vscode.workspace.getWorkspaceFolder(manifest) };
}

/** The plugin a file belongs to: the closest plugin.yaml at or above it. */
export function pluginOf(file: vscode.Uri, plugins: readonly WorkspacePlugin[]): WorkspacePlugin | undefined {
  let best: WorkspacePlugin | undefined;
  for (const p of plugins) {
    const rel = path.relative(p.dir, file.fsPath);
    if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

/** Resolves a command argument (a plugin.yaml or folder URI/path) or asks the user to pick a plugin. */
export async function resolvePlugin(arg: unknown, purpose: string): Promise<WorkspacePlugin | undefined> {
  const target = toUri(arg) ?? vscode.window.activeTextEditor?.document.uri;
  const plugins = await findPlugins();
  if (target) {
    if (/plugin\.ya?ml$/.test(target.path)) return readPlugin(target);
    const owner = pluginOf(target, plugins);
    if (owner) return owner;
    if (arg !== undefined) {
      const manifest = vscode.Uri.joinPath(target, 'plugin.yaml');
      try {
        await vscode.workspace.fs.stat(manifest);
        return readPlugin(manifest);
      } catch {
        throw new Error(`No plugin.yaml in ${target.fsPath}`);
      }
    }
  }
  if (plugins.length === 0) throw new Error('No plugin.yaml in this workspace. Create one with "MockForge: New Plugin…".');
  if (plugins.length === 1) return plugins[0];
  const picked = await vscode.window.showQuickPick(
    plugins.map((p) => ({ label: p.id ?? path.basename(p.dir), description: vscode.workspace.asRelativePath(p.dir), detail: describe(p), plugin: p })),
    { placeHolder: `Plugin to ${purpose}` },
  );
  return picked?.plugin;
}

export function describe(p: ManifestSummary): string {
  const kinds = p.kinds.length ? p.kinds.join(', ') : 'no kinds';
  return `${p.runtime}${p.toolchain ? ` · ${p.toolchain}` : ''} · ${kinds}`;
}

export function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.file(arg);
  return undefined;
}
