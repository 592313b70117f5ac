// Validate Workspace: `mockforge-plugin check` over every workspace folder; a summary notification, details in the
// Builds output channel.
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { countProblems, type ProblemCounts } from '../checkSummary';

export interface ValidateOptions {
  /** Files or folders to check; default: every workspace folder. */
  paths?: string[];
}

export interface ValidateResult extends ProblemCounts {
  exitCode: number;
  output: string;
}

export const validateWorkspace: CommandSpec = {
  id: 'mockforge.validateWorkspace',
  run: (ctx, options?: unknown) => run(ctx, (options ?? {}) as ValidateOptions),
};

async function run(ctx: Ctx, options: ValidateOptions): Promise<ValidateResult> {
  const paths = options.paths ?? (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
  if (paths.length === 0) throw new Error('Open a folder first: Validate Workspace checks the plugins in it.');
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'MockForge: validating' },
    () => ctx.engine.runAvailable(['check', ...paths, '--format', 'json']),
  );
  if (result.code === 2) throw new Error(`Validate Workspace failed: ${result.stderr.trim() || 'the checker could not read its input'}`);
  const counts = countProblems(result.stdout, result.code);
  const out = ctx.outputs.build;
  out.appendLine(`── Validate Workspace (${new Date().toLocaleTimeString()}) ──`);
  out.appendLine(result.stdout.trimEnd());
  if (result.stderr.trim()) out.appendLine(result.stderr.trimEnd());
  const summary = counts.parsed
    ? `MockForge: ${counts.errors} error(s), ${counts.warnings} warning(s)${counts.files ? ` in ${counts.files} file(s)` : ''}.`
    : `MockForge: the check ${result.code === 0 ? 'passed' : 'found problems'} (see the MockForge Builds output).`;
  if (counts.errors > 0) {
    void vscode.window.showErrorMessage(summary, 'Show Details').then((a) => a && out.show(true));
  } else if (counts.warnings > 0) {
    void vscode.window.showWarningMessage(summary, 'Show Details').then((a) => a && out.show(true));
  } else {
    void vscode.window.showInformationMessage(summary);
  }
  return { ...counts, exitCode: result.code, output: result.stdout };
}
