// Start Remote Plugin / Stop Remote Plugin: run a remote plugin's service (remote.dev.command) from the editor, the
// way `mockforge-plugin run` does, until stopped. Accept a plugin.yaml or folder (URI or path), a Plugin Explorer
// node, or `{ plugin }`; otherwise the active editor's plugin or a pick among the remote ones.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { describe, findPlugins, pluginOf, resolvePlugin, type WorkspacePlugin } from '../plugins';
import type { RemoteService, StartOutcome } from '../remote/services';

export const startRemotePlugin: CommandSpec = {
  id: 'mockforge.startRemotePlugin',
  run: (ctx, arg?: unknown) => start(ctx, arg),
};

export const stopRemotePlugin: CommandSpec = {
  id: 'mockforge.stopRemotePlugin',
  run: (ctx, arg?: unknown) => stop(ctx, arg),
};

function pluginArg(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && 'plugin' in arg) return (arg as { plugin: unknown }).plugin;
  return arg;
}

async function start(ctx: Ctx, arg: unknown): Promise<StartOutcome | undefined> {
  const given = pluginArg(arg);
  const plugin = given !== undefined ? await resolvePlugin(given, 'start') : await activeOrPickedRemote();
  if (!plugin) return undefined;
  if (plugin.runtime !== 'remote') throw new Error(`${plugin.id ?? plugin.dir} is a ${plugin.runtime} plugin; Start Remote Plugin is for plugin.runtime: remote`);
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Starting ${plugin.id ?? path.basename(plugin.dir)}: ${plugin.devCommand ?? 'remote.dev'}…` },
    () => ctx.remotes.start(plugin),
  );
  if (outcome.state === 'external') {
    void vscode.window.showInformationMessage(`${plugin.id ?? path.basename(plugin.dir)}: a service already answers at ${outcome.endpoint} (started outside the editor), so there is nothing to start.`);
  } else if (outcome.state === 'already-running') {
    void vscode.window.showInformationMessage(`${outcome.service.id} is already running (pid ${outcome.service.pid}) at ${outcome.service.endpoint}.`);
  } else {
    void vscode.window.showInformationMessage(`${outcome.service.id} is running at ${outcome.service.endpoint} (pid ${outcome.service.pid}); its output is in the MockForge Host log.`, 'Show Log', 'Stop').then((a) => {
      if (a === 'Show Log') ctx.outputs.host.show(true);
      if (a === 'Stop') void vscode.commands.executeCommand(stopRemotePlugin.id, { plugin: outcome.service.dir });
    });
  }
  return outcome;
}

async function stop(ctx: Ctx, arg: unknown): Promise<boolean | undefined> {
  const given = pluginArg(arg);
  let dir: string | undefined;
  if (given !== undefined) {
    dir = (await resolvePlugin(given, 'stop'))?.dir;
  } else {
    const running = ctx.remotes.list();
    if (running.length === 0) throw new Error('No remote plugin service started from the editor is running.');
    dir = running.length === 1 ? running[0].dir : (await pickService(running))?.dir;
  }
  if (!dir) return undefined;
  const service = ctx.remotes.get(dir);
  if (!service) throw new Error(`No service started from the editor is running for ${vscode.workspace.asRelativePath(dir)}.`);
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Stopping ${service.id}…` }, () => ctx.remotes.stop(dir));
  void vscode.window.setStatusBarMessage(`$(debug-stop) ${service.id} stopped`, 5000);
  return true;
}

/** The remote plugin of the active editor, else one picked among the workspace's remote plugins. */
async function activeOrPickedRemote(): Promise<WorkspacePlugin | undefined> {
  const plugins = await findPlugins();
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active?.scheme === 'file' ? pluginOf(active, plugins) : undefined;
  if (owner?.runtime === 'remote') return owner;
  const remotes = plugins.filter((p) => p.runtime === 'remote');
  if (remotes.length === 0) throw new Error('No remote plugin (plugin.runtime: remote) in this workspace. Create one with "MockForge: New Plugin…" (Python or Node.js remote service).');
  if (remotes.length === 1) return remotes[0];
  const picked = await vscode.window.showQuickPick(
    remotes.map((p) => ({ label: p.id ?? path.basename(p.dir), description: vscode.workspace.asRelativePath(p.dir), detail: p.devCommand ? `remote.dev: ${p.devCommand}` : describe(p), plugin: p })),
    { placeHolder: 'Remote plugin to start' },
  );
  return picked?.plugin;
}

async function pickService(running: RemoteService[]): Promise<RemoteService | undefined> {
  const picked = await vscode.window.showQuickPick(
    running.map((s) => ({ label: s.id, description: `${s.endpoint} · pid ${s.pid}`, detail: s.command, service: s })),
    { placeHolder: 'Remote plugin service to stop' },
  );
  return picked?.service;
}
