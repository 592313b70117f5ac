// Shared by the e2e tests: the extension under test, the fixture workspace, and event-driven waits.
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { MockforgeApi } from '../../../client/src/extension';
import type { PluginNode } from '../../../client/src/explorer/pluginModel';
import { ui, uiAvailable } from './ui';

export const EXTENSION_ID = 'mockforge.mockforge-plugin-studio';

/** The activated extension's API (the language server may still be starting). */
export async function extensionApi(): Promise<MockforgeApi> {
  const ext = vscode.extensions.getExtension<MockforgeApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
  return ext.activate();
}

/** The API once the language server has started. */
export async function activeApi(): Promise<MockforgeApi> {
  const api = await extensionApi();
  await api.serverReady;
  return api;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e workspace is not open');
  return folder.uri;
}

export function fixture(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Resolves with the document's diagnostics once `accept` holds (checked now and on every diagnostics change). */
export function diagnosticsWhere(uri: vscode.Uri, accept: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = vscode.languages.getDiagnostics(uri);
      if (!accept(diags)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    // A bound on the wait so a broken server fails the test with a message instead of hanging the run.
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what} on ${uri.fsPath}; diagnostics now: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(describe))}`));
    }, timeoutMs);
    check();
  });
}

export function describe(d: vscode.Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
}

/** Replaces the whole text of an open document (as typing would: unsaved, through the editor). */
export async function setText(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit not applied');
}

export function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

/**
 * Asks the runner for a screenshot of the workbench once every `waitFor` CSS selector is visible (runner.mjs
 * --screenshots, over the UI endpoint of ui.ts); resolves with the PNG's path, or undefined when the runner takes none
 * (desktop runner, no flag).
 */
export function screenshot(name: string, waitFor: string[], timeoutMs = 30_000): Promise<string | undefined> {
  if (!process.env.MOCKFORGE_E2E_SHOTS || !uiAvailable()) return Promise.resolve(undefined);
  return ui.screenshot(name, waitFor, timeoutMs);
}

/** Resolves with the Plugin Explorer's node for `dir` once `accept` holds: checked now and after every view refresh. */
export function nodeWhere(api: MockforgeApi, dir: string, accept: (n: PluginNode) => boolean, what: string, timeoutMs = 60_000): Promise<PluginNode> {
  return new Promise((resolve, reject) => {
    let last: PluginNode | undefined;
    const check = async (): Promise<void> => {
      last = (await api.explorer.plugins()).find((n) => n.plugin === dir);
      if (!last || !accept(last)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(last);
    };
    const sub = api.explorer.onDidChangeTreeData(() => void check());
    // A bound so a missed refresh fails the test with what the view shows instead of hanging the run.
    const timer = setTimeout(() => {
      sub.dispose();
      const shown = last && { runtimeLabel: last.runtimeLabel, build: last.build, service: last.service };
      reject(new Error(`timed out waiting for ${what}; the explorer shows ${JSON.stringify(shown)}`));
    }, timeoutMs);
    void check();
  });
}

/** Resolves with the text editor showing `uri` once there is one: checked now and whenever the visible editors change. */
export function editorShowing(uri: vscode.Uri, timeoutMs = 60_000): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
      if (!editor) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(editor);
    };
    const sub = vscode.window.onDidChangeVisibleTextEditors(check);
    // A bound so an editor that never opens fails the test with a message instead of hanging the run.
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no editor showed ${uri.fsPath} within ${timeoutMs} ms; visible: ${vscode.window.visibleTextEditors.map((e) => e.document.uri.fsPath).join(', ')}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves true when something accepts a TCP connection on 127.0.0.1:port, false when it is refused. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? resolve(false) : reject(err)));
  });
}
