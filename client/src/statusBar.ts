// One status bar item: the language server's state and the plugin the active editor belongs to.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServerConnection, ServerState } from './client';
import type { ValidationStatusParams } from '../../server/src/lsp/protocol';
import { describe, findPlugins, pluginOf, type WorkspacePlugin } from './plugins';
import { MANIFEST_GLOB } from './selectors';

const ICONS: Record<ServerState, string> = { starting: '$(sync~spin)', running: '$(plug)', stopped: '$(circle-slash)', failed: '$(error)' };

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mockforge.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  private plugins: WorkspacePlugin[] = [];
  /** The plugin of the active editor, if any. */
  activePlugin: WorkspacePlugin | undefined;
  private lastValidation: ValidationStatusParams | undefined;

  constructor(private readonly server: ServerConnection) {
    this.item.name = 'MockForge';
    this.item.command = 'mockforge.showServerLog';
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    this.disposables.push(
      this.item,
      watcher,
      server.onDidChangeState(() => this.render()),
      server.onDidValidate((v) => {
        this.lastValidation = v;
        this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      watcher.onDidCreate(() => this.refresh()),
      watcher.onDidDelete(() => this.refresh()),
      watcher.onDidChange(() => this.refresh()),
    );
    this.render();
    this.item.show();
    void this.refresh();
  }

  async refresh(): Promise<void> {
    this.plugins = await findPlugins();
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri;
    this.activePlugin = uri && uri.scheme === 'file' ? pluginOf(uri, this.plugins) : undefined;
    const state = this.server.state;
    const p = this.activePlugin;
    this.item.text = `${ICONS[state]} MockForge${p ? `: ${p.id ?? path.basename(p.dir)}` : ''}`;
    const tip = new vscode.MarkdownString(`**MockForge language server:** ${state}`);
    if (this.server.failure) tip.appendMarkdown(`\n\n${this.server.failure}`);
    if (p) tip.appendMarkdown(`\n\n**Plugin:** ${p.id ?? '(no id)'} — ${describe(p)}\n\n${vscode.workspace.asRelativePath(p.manifest)}`);
    const v = this.lastValidation;
    if (v && v.uri === uri?.toString()) {
      tip.appendMarkdown(`\n\nChecked in ${v.validationTimeMs.toFixed(1)} ms: ${v.errors} error(s), ${v.warnings} warning(s).`);
    }
    tip.appendMarkdown(`\n\n${this.plugins.length} plugin(s) in the workspace. Click for the server log.`);
    this.item.tooltip = tip;
    this.item.backgroundColor = state === 'failed' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
