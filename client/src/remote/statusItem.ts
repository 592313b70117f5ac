// Remote plugin services in the status bar (shown while one runs or starts; click to stop) and the context keys the
// menus read: which manifests belong to remote plugins with remote.dev (Start) and which run now (Stop).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPlugins } from '../plugins';
import { MANIFEST_GLOB } from '../selectors';
import type { RemoteServices } from './services';

export const STARTABLE_KEY = 'mockforge.startableRemoteManifests';
export const RUNNING_KEY = 'mockforge.runningRemoteManifests';
/** Whether any service started from the editor runs (an empty list would still be "defined" to a when clause). */
export const ANY_RUNNING_KEY = 'mockforge.remoteRunning';

export class RemoteStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mockforge.remote', vscode.StatusBarAlignment.Left, 9);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: RemoteServices) {
    this.item.name = 'MockForge Remote Plugins';
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    const refresh = () => void this.refreshStartable();
    this.disposables.push(this.item, watcher, watcher.onDidCreate(refresh), watcher.onDidChange(refresh), watcher.onDidDelete(refresh),
      vscode.workspace.onDidSaveTextDocument((d) => /plugin\.ya?ml$/.test(d.uri.path) && refresh()),
      services.onDidChange(() => this.render()));
    refresh();
    this.render();
  }

  private async refreshStartable(): Promise<void> {
    const plugins = await findPlugins();
    const startable = plugins.filter((p) => p.runtime === 'remote' && p.devCommand).map((p) => p.manifest.fsPath);
    await vscode.commands.executeCommand('setContext', STARTABLE_KEY, startable);
  }

  private render(): void {
    const running = this.services.list();
    void vscode.commands.executeCommand('setContext', RUNNING_KEY, running.map((s) => s.manifest.fsPath));
    void vscode.commands.executeCommand('setContext', ANY_RUNNING_KEY, running.length > 0);
    if (running.length === 0) {
      this.item.hide();
      return;
    }
    const unhealthy = running.filter((s) => s.health.state === 'unhealthy');
    const icon = unhealthy.length ? '$(warning)' : '$(radio-tower)';
    this.item.text = running.length === 1 ? `${icon} ${running[0].id} :${new URL(running[0].endpoint).port || '80'}` : `${icon} ${running.length} remote plugins`;
    const tip = new vscode.MarkdownString('**MockForge remote plugin services** (started from the editor)\n');
    for (const s of running) {
      const rtt = s.health.state === 'healthy' && s.health.rttMs !== undefined ? ` ${Math.round(s.health.rttMs)} ms` : '';
      tip.appendMarkdown(`\n- **${s.id}** — ${s.endpoint}, pid ${s.pid}, ${s.health.state}${rtt}${s.health.message ? ` (${s.health.message})` : ''}  \n  \`${s.command}\` in ${path.basename(s.dir)}`);
    }
    tip.appendMarkdown('\n\nClick to stop.');
    this.item.tooltip = tip;
    this.item.command = 'mockforge.stopRemotePlugin';
    this.item.backgroundColor = unhealthy.length ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
