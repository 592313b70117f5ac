// Saved requests: `.mockforge/requests/<name>.json` next to a plugin's manifest, `{ "operation": ..., "input": ... }`
// (the body the operation receives). Versionable files shared by the editor, the CLI and the tests.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { isOperation, type Operation } from '../../host/src/contract/operations';

export interface SavedRequest {
  name: string;
  file: string;
  operation: Operation;
  input: unknown;
}

export const REQUESTS_DIR = path.join('.mockforge', 'requests');

export async function listSavedRequests(pluginDir: string): Promise<string[]> {
  const dir = vscode.Uri.file(path.join(pluginDir, REQUESTS_DIR));
  try {
    const entries = await vscode.workspace.fs.readDirectory(dir);
    return entries.filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.json')).map(([n]) => path.join(dir.fsPath, n)).sort();
  } catch {
    return [];
  }
}

/** Reads and checks a saved request; errors name the file and what is wrong. */
export async function readSavedRequest(file: string): Promise<SavedRequest> {
  const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(file)));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const obj = (data ?? {}) as { operation?: unknown; input?: unknown };
  if (typeof obj.operation !== 'string' || !isOperation(obj.operation)) {
    throw new Error(`${file}: "operation" must be one of the plugin operations (got ${JSON.stringify(obj.operation)})`);
  }
  return { name: path.basename(file, '.json'), file, operation: obj.operation, input: obj.input ?? {} };
}
