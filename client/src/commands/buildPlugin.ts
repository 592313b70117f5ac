// Build Plugin: runs the plugin's `mockforge` build task (so compiler errors land in Problems through the task's
// problem matcher) and resolves with the build's exit code.
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { resolvePlugin } from '../plugins';

export interface BuildOptions {
  /** Plugin folder or plugin.yaml path. */
  plugin?: string;
  release?: boolean;
}

export const buildPlugin: CommandSpec = {
  id: 'mockforge.buildPlugin',
  run: (ctx, arg?: unknown) => run(ctx, arg),
};

async function run(ctx: Ctx, arg: unknown): Promise<number | undefined> {
  const options = arg instanceof vscode.Uri || arg === undefined ? {} : (arg as BuildOptions);
  const plugin = await resolvePlugin(arg instanceof vscode.Uri ? arg : options.plugin, 'build');
  if (!plugin) return undefined;
  if (plugin.runtime !== 'wasm') throw new Error(`${plugin.id ?? plugin.dir} is a ${plugin.runtime} plugin: there is nothing to build.`);
  const task = ctx.tasks.taskFor(plugin, options.release);
  if (!task) throw new Error(`${vscode.workspace.asRelativePath(plugin.manifest)} names no build toolchain (wasm.build.toolchain).`);
  if (!ctx.engine.available) throw new Error(`The MockForge CLI bundle is missing (${ctx.engine.cliPath}). Run \`npm run build\` in the extension folder.`);
  ctx.outputs.build.appendLine(`── Build ${plugin.id ?? plugin.dir}: ${task.detail ?? ''}`);
  const execution = await vscode.tasks.executeTask(task);
  const exitCode = await new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === execution) {
        sub.dispose();
        resolve(e.exitCode);
      }
    });
  });
  ctx.outputs.build.appendLine(`   exit ${exitCode ?? '(terminated)'}`);
  if (exitCode !== 0) void vscode.window.showErrorMessage(`Build of ${plugin.id ?? plugin.dir} failed (exit ${exitCode ?? 'terminated'}). See the terminal and Problems.`);
  return exitCode;
}
