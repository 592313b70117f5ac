// Registers the Plugin Explorer view and its commands. Build and Run are the existing commands (the tree node carries
// `plugin: <folder>`, which they accept as options); Debug is the debugger's; Open Manifest opens plugin.yaml.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { PluginExplorer } from './explorer';
import type { PluginNode } from './pluginModel';

export const VIEW_ID = 'mockforge.plugins';

export function registerExplorer(ctx: Ctx): PluginExplorer {
  const explorer = new PluginExplorer(ctx.remotes, ctx.pluginsChanged.event);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: explorer, showCollapseAll: true });
  ctx.extension.subscriptions.push(
    explorer,
    view,
    vscode.commands.registerCommand('mockforge.explorer.refresh', () => explorer.refresh()),
    vscode.commands.registerCommand('mockforge.openManifest', async (node?: PluginNode | vscode.Uri) => {
      const uri = node instanceof vscode.Uri ? node : node?.manifest;
      if (!uri) return undefined;
      return vscode.window.showTextDocument(uri);
    }),
  );
  return explorer;
}
