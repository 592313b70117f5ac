// The `mockforge` task type: one build task per plugin.yaml, running `mockforge-plugin build` with the problem
// matcher of the plugin's compiler.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildArgs, builderFor, isBuilder, problemMatchersFor, type Builder } from './builders';
import { nodeRunner } from './engine';
import { readConfig } from './config';
import { findPlugins, readPlugin, type WorkspacePlugin } from './plugins';

export const TASK_TYPE = 'mockforge';

export interface MockforgeTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  builder: Builder;
  /** Plugin folder, relative to the workspace folder (or absolute). */
  plugin: string;
  release?: boolean;
}

export class BuildTasks implements vscode.TaskProvider {
  constructor(private readonly cliPath: string) {}

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.tasks.registerTaskProvider(TASK_TYPE, this));
  }

  async provideTasks(): Promise<vscode.Task[]> {
    const plugins = await findPlugins();
    return plugins.filter((p) => readConfig(p.manifest).tasksAutoDetect).flatMap((p) => {
      const task = this.taskFor(p);
      return task ? [task] : [];
    });
  }

  /** Tasks from tasks.json: fill in the execution for the definition the user wrote. */
  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    const def = task.definition as Partial<MockforgeTaskDefinition>;
    if (!isBuilder(def.builder) || typeof def.plugin !== 'string') return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : undefined;
    const dir = path.isAbsolute(def.plugin) || !folder ? def.plugin : path.join(folder.uri.fsPath, def.plugin);
    const plugin = await readPlugin(vscode.Uri.file(path.join(dir, 'plugin.yaml')));
    return this.makeTask(def as MockforgeTaskDefinition, plugin, task.scope ?? vscode.TaskScope.Workspace, task.name);
  }

  /** The build task of a plugin; undefined when its manifest names nothing to build (remote, pyodide). */
  taskFor(plugin: WorkspacePlugin, release = false): vscode.Task | undefined {
    const builder = builderFor(plugin.toolchain);
    if (!builder) return undefined;
    const rel = plugin.folder ? path.relative(plugin.folder.uri.fsPath, plugin.dir) || '.' : plugin.dir;
    const def: MockforgeTaskDefinition = { type: TASK_TYPE, builder, plugin: rel, ...(release ? { release } : {}) };
    return this.makeTask(def, plugin, plugin.folder ?? vscode.TaskScope.Workspace, `build ${plugin.id ?? rel}`);
  }

  private makeTask(def: MockforgeTaskDefinition, plugin: WorkspacePlugin, scope: vscode.WorkspaceFolder | vscode.TaskScope, name: string): vscode.Task {
    const { command, extraEnv } = nodeRunner();
    const args = [this.cliPath, ...buildArgs('.', def.builder, plugin.toolchain, def.release)];
    const execution = new vscode.ProcessExecution(command, args, { cwd: plugin.dir, env: extraEnv });
    const task = new vscode.Task(def, scope, name, TASK_TYPE, execution, problemMatchersFor(def.builder));
    task.group = vscode.TaskGroup.Build;
    task.detail = `mockforge-plugin ${args.slice(1).join(' ')} (${def.builder})`;
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
    return task;
  }
}
