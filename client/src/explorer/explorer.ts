// The Plugin Explorer view (`mockforge.plugins`): every plugin in the workspace with its runtime, kinds and build
// state; inline Build / Run / Debug / Open Manifest. Refreshed by our commands and build tasks when they change a
// plugin, by saves in the editor, and by file-system watchers for everything else; never by polling.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPlugins } from '../plugins';
import { describePlugin, RemoteClients, type PluginNode } from './pluginModel';
import type { RemoteServices } from '../remote/services';

interface DetailNode {
  readonly detail: string;
  readonly label: string;
  readonly icon: string;
  readonly tooltip?: string;
  readonly open?: vscode.Uri;
}

type Node = PluginNode | DetailNode;

const BUILD_ICON = { missing: 'circle-slash', stale: 'history', fresh: 'pass' } as const;

/** Files whose change can alter what the view shows: manifests, modules, and sources (for stale/fresh). */
const WATCH = ['**/plugin.{yaml,yml}', '**/*.wasm', '**/*.{ts,go,rs,c,h,py,js,wit}', '**/{go.mod,Cargo.toml,asconfig.json}'];

export class PluginExplorer implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly remotes = new RemoteClients(() => this.changed.fire());
  private nodes: Promise<PluginNode[]> | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services?: RemoteServices, pluginsChanged?: vscode.Event<string>) {
    if (services) this.disposables.push(services.onDidChange(() => this.refresh()));
    // Our own commands and build tasks say when they changed a plugin: no waiting on (or trusting) the disk watcher.
    if (pluginsChanged) this.disposables.push(pluginsChanged(() => this.refresh()));
    this.disposables.push(vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.definition.type === 'mockforge') this.refresh();
    }));
    for (const glob of WATCH) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      const onEvent = (uri: vscode.Uri) => {
        if (!/[/\\](node_modules|\.git)[/\\]/.test(uri.fsPath)) this.scheduleRefresh();
      };
      this.disposables.push(w, w.onDidCreate(onEvent), w.onDidChange(onEvent), w.onDidDelete(onEvent));
    }
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      // Saves from the editor: no need to wait for the disk watcher to report them.
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.scheme === 'file') this.scheduleRefresh();
      }),
    );
  }

  /** Re-reads everything now (the view's refresh button, and the watchers after a burst of events settles). */
  refresh(): void {
    this.nodes = undefined;
    this.changed.fire();
  }

  /** Coalesces a burst of file events (a build writes several files) into one refresh. */
  private scheduleRefresh(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.refresh(), 150);
  }

  /** The plugins as the view shows them now (also the extension API the e2e tests read). */
  plugins(): Promise<PluginNode[]> {
    this.nodes ??= this.load();
    return this.nodes;
  }

  private async load(): Promise<PluginNode[]> {
    const found = await findPlugins();
    this.remotes.retain(new Set(found.map((p) => p.dir)));
    return Promise.all(found.map(async (p) => {
      let text = '';
      try {
        text = new TextDecoder().decode(await vscode.workspace.fs.readFile(p.manifest));
      } catch {
        // deleted between the search and the read: describe what the summary has
      }
      return describePlugin(p, this.remotes, text, this.services);
    }));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) return this.plugins();
    if ('detail' in node) return [];
    return details(node);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if ('detail' in node) {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.tooltip = node.tooltip;
      item.contextValue = `mockforge.detail.${node.detail}`;
      if (node.open) item.command = { command: 'vscode.open', title: 'Open', arguments: [node.open] };
      return item;
    }
    const item = new vscode.TreeItem(node.id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.plugin;
    item.description = `${node.runtimeLabel}${node.build && node.build.state !== 'fresh' ? ` · ${node.build.state}` : ''}${serviceLabel(node)}`;
    item.tooltip = new vscode.MarkdownString(
      `**${node.name ?? node.id}** — ${vscode.workspace.asRelativePath(node.manifest)}\n\n` +
      `runtime: ${node.runtimeLabel}  \nkinds: ${node.kinds.join(', ') || 'none'}` +
      (node.build ? `  \nbuild: ${node.build.state}` : '') + (node.problem ? `\n\n⚠ ${node.problem}` : ''));
    item.iconPath = new vscode.ThemeIcon(node.problem ? 'warning' : node.runtime === 'remote' ? 'cloud' : node.runtime === 'pyodide' ? 'snake' : 'package');
    // remote plugins: `.dev` when the editor can start the service, `.running` while it runs (Start/Stop menus).
    item.contextValue = `mockforge.plugin.${node.runtime}${node.devCommand ? '.dev' : ''}${node.service?.state === 'running' ? '.running' : ''}`;
    item.resourceUri = node.manifest;
    return item;
  }

  dispose(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.remotes.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function serviceLabel(n: PluginNode): string {
  if (n.service?.state === 'starting') return ' · starting…';
  if (n.service?.state === 'running') return ` · started (pid ${n.service.pid ?? '?'})`;
  return '';
}

function details(n: PluginNode): DetailNode[] {
  const out: DetailNode[] = [{ detail: 'runtime', label: `Runtime: ${n.runtimeLabel}`, icon: 'server-environment', tooltip: n.endpoint }];
  if (n.devCommand) {
    const state = n.service?.state === 'running' ? `running (pid ${n.service.pid ?? '?'})` : n.service?.state === 'starting' ? 'starting…' : 'not started from the editor';
    out.push({ detail: 'service', label: `Service: ${state}`, icon: n.service?.state === 'running' ? 'radio-tower' : 'debug-stop', tooltip: `remote.dev.command: ${n.devCommand}` });
  }
  out.push({ detail: 'kinds', label: `Kinds: ${n.kinds.join(', ') || 'none declared'}`, icon: 'symbol-interface' });
  if (n.build && n.modulePath) {
    const rel = path.relative(n.plugin, n.modulePath);
    const why = n.build.state === 'stale' && n.build.newest ? ` (${path.relative(n.plugin, n.build.newest)} is newer)` : '';
    out.push({ detail: 'build', label: `Build: ${n.build.state}${why}`, icon: BUILD_ICON[n.build.state], tooltip: rel });
  }
  if (n.module && !('error' in n.module) && n.module.operations.length) {
    out.push({ detail: 'operations', label: `Operations: ${n.module.operations.join(', ')}`, icon: 'symbol-method' });
  }
  if (n.health?.message) out.push({ detail: 'health', label: `Health: ${n.health.message}`, icon: 'debug-disconnect' });
  if (n.problem) out.push({ detail: 'problem', label: n.problem, icon: 'warning' });
  else if (n.module && 'error' in n.module) out.push({ detail: 'problem', label: n.module.error, icon: 'warning' });
  out.push({ detail: 'manifest', label: vscode.workspace.asRelativePath(n.manifest), icon: 'file', open: n.manifest });
  return out;
}
