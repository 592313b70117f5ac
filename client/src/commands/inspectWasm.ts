// Inspect WASM Module: `mockforge-plugin inspect` on a .wasm (explorer selection, argument or picked), the report
// opened as a read-only document.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { toUri } from '../plugins';

export interface InspectOptions {
  file: string;
}

export interface InspectResult {
  exitCode: number;
  report: string;
  document: vscode.Uri;
}

export const inspectWasm: CommandSpec = {
  id: 'mockforge.inspectWasm',
  run: (ctx, arg?: unknown) => run(ctx, arg),
};

async function run(ctx: Ctx, arg: unknown): Promise<InspectResult | undefined> {
  const file = await pickFile(arg);
  if (!file) return undefined;
  try {
    await vscode.workspace.fs.stat(file);
  } catch {
    throw new Error(`Inspect WASM Module: ${file.fsPath} does not exist.`);
  }
  const result = await ctx.engine.runAvailable(['inspect', file.fsPath], { cwd: path.dirname(file.fsPath) });
  if (result.code === 2) throw new Error(`Inspect WASM Module: ${result.stderr.trim() || `cannot read ${file.fsPath}`}`);
  const report = result.stdout + (result.stderr.trim() ? `\n${result.stderr}` : '');
  const doc = await ctx.reports.show(`inspect/${path.basename(file.fsPath)}.txt`, report);
  return { exitCode: result.code, report, document: doc.uri };
}

async function pickFile(arg: unknown): Promise<vscode.Uri | undefined> {
  const given = toUri(arg) ?? toUri((arg as Partial<InspectOptions> | undefined)?.file);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.path.endsWith('.wasm')) return active;
  const found = await vscode.workspace.findFiles('**/*.wasm', '**/node_modules/**', 200);
  if (found.length > 0) {
    const picked = await vscode.window.showQuickPick(
      found.map((u) => ({ label: path.basename(u.fsPath), description: vscode.workspace.asRelativePath(u), uri: u })),
      { placeHolder: 'WebAssembly module to inspect' },
    );
    return picked?.uri;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { WebAssembly: ['wasm'] }, openLabel: 'Inspect' });
  return chosen?.[0];
}
