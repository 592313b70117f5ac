// Commands of the request panel: `mockforge.openRequestPanel` (palette, plugin.yaml context menu) and the e2e test hook
// `mockforge.requestPanel.test` (not in the palette), which drives the webview like a user and reports what it shows.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { RenderedState } from '../../../webview/src/messages';

// Loaded on first use: the panel pulls in the embedded host, which activation does not need.
const panelModule = () => import('./requestPanel.js');

export interface PanelTestAction {
  action: 'send' | 'start' | 'cancel' | 'probe' | 'clickLocation';
  plugin?: string;
  request?: string;
  /** Environment of .mockforge/env.json to pick before sending. */
  env?: string;
}

export function registerRequestPanel(ctx: Ctx): void {
  ctx.extension.subscriptions.push(
    vscode.commands.registerCommand('mockforge.openRequestPanel', async (arg?: unknown) => {
      const { RequestPanel } = await panelModule();
      const target = arg instanceof vscode.Uri ? arg.fsPath : typeof arg === 'string' ? arg : (arg as { plugin?: string } | undefined)?.plugin;
      RequestPanel.show(ctx, target ? path.resolve(target) : undefined);
    }),
    vscode.commands.registerCommand('mockforge.requestPanel.test', async (a: PanelTestAction): Promise<RenderedState | undefined> => {
      const { RequestPanel } = await panelModule();
      const panel = RequestPanel.show(ctx, a.plugin);
      if (a.action === 'probe') return panel.probe();
      if (a.action === 'clickLocation') return void (await panel.clickLocation());
      if (a.action === 'cancel') return panel.driveCancel();
      if (!a.plugin || !a.request) throw new Error('mockforge.requestPanel.test send: give plugin and request');
      if (a.action === 'start') return void (await panel.driveStart(path.resolve(a.plugin), a.request));
      return panel.driveSend(path.resolve(a.plugin), a.request, a.env);
    }),
  );
}
