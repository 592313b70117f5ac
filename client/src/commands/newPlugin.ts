// New Plugin…: a short wizard (language, kind, id, folder) over `mockforge-plugin new`, then opens the project.
// Every step can be given as an argument, so tests and other extensions can call it without UI.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { PLUGIN_LANGUAGES, kindsFor } from '../pluginLanguages';

export interface NewPluginOptions {
  language?: string;
  kind?: string;
  id?: string;
  /** Target folder (created). */
  folder?: string;
  /** Open the new plugin's manifest afterwards (default true). */
  open?: boolean;
  force?: boolean;
}

export const newPlugin: CommandSpec = {
  id: 'mockforge.newPlugin',
  run: (ctx, options?: unknown) => run(ctx, (options ?? {}) as NewPluginOptions),
};

async function run(ctx: Ctx, o: NewPluginOptions): Promise<string | undefined> {
  const language = o.language ?? (await vscode.window.showQuickPick(PLUGIN_LANGUAGES.map((l) => ({ ...l, description: l.id })), { placeHolder: 'Language of the plugin', title: 'New MockForge Plugin (1/4)' }))?.id;
  if (!language) return undefined;
  const kind = o.kind ?? (await vscode.window.showQuickPick(kindsFor(language), { placeHolder: 'What the plugin does', title: 'New MockForge Plugin (2/4)' }));
  if (!kind) return undefined;
  const id = o.id ?? (await vscode.window.showInputBox({
    title: 'New MockForge Plugin (3/4)', prompt: 'Plugin id (lowercase, digits and dashes)', value: `my-${kind}-plugin`,
    validateInput: (v) => (/^[a-z][a-z0-9-]*$/.test(v) ? undefined : 'Use lowercase letters, digits and dashes, starting with a letter'),
  }));
  if (!id) return undefined;
  const folder = o.folder ?? (await pickFolder(id));
  if (!folder) return undefined;

  const args = ['new', folder, '--lang', language, '--type', kind, '--id', id, ...(o.force ? ['--force'] : [])];
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating ${id}…` },
    () => ctx.engine.runAvailable(args, { cwd: path.dirname(folder) }),
  );
  ctx.outputs.build.appendLine(result.stdout.trimEnd());
  if (result.code !== 0) throw new Error(`New Plugin failed: ${(result.stderr || result.stdout).trim()}`);
  ctx.pluginsChanged.fire(folder);
  if (o.open !== false) await openProject(folder);
  return folder;
}

async function pickFolder(id: string): Promise<string | undefined> {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri;
  const chosen = await vscode.window.showOpenDialog({
    title: 'New MockForge Plugin (4/4): parent folder', canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
    defaultUri: base, openLabel: 'Create here',
  });
  return chosen?.[0] ? path.join(chosen[0].fsPath, id) : undefined;
}

/** Inside the workspace: open the manifest. Outside: offer to open the folder. */
async function openProject(folder: string): Promise<void> {
  const uri = vscode.Uri.file(folder);
  const manifest = vscode.Uri.joinPath(uri, 'plugin.yaml');
  if (vscode.workspace.getWorkspaceFolder(uri)) {
    await vscode.window.showTextDocument(manifest);
    return;
  }
  const action = await vscode.window.showInformationMessage(`Created ${folder}.`, 'Open Folder', 'Add to Workspace');
  if (action === 'Open Folder') await vscode.commands.executeCommand('vscode.openFolder', uri);
  else if (action === 'Add to Workspace') vscode.workspace.updateWorkspaceFolders(vscode.workspace.workspaceFolders?.length ?? 0, 0, { uri });
}
