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
  /** `relayPath`: dist/build-relay.js, which runs the CLI and makes compiler source paths absolute. */
  constructor(private readonly cliPath: string, private readonly relayPath: string) {}

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
    const args = buildArgs('.', def.builder, plugin.toolchain, def.release);
    const { command, extraEnv } = nodeRunner();
    // A plain process (not a CustomExecution pseudoterminal, whose last lines can miss the problem matcher when it
    // closes right after writing them).
    const execution = new vscode.ProcessExecution(command, [this.relayPath, this.cliPath, ...args], { cwd: plugin.dir, env: extraEnv });
    const task = new vscode.Task(def, scope, name, TASK_TYPE, execution, problemMatchersFor(def.builder));
    task.group = vscode.TaskGroup.Build;
    task.detail = `mockforge-plugin ${args.join(' ')} (${def.builder})`;
    // A fresh terminal per build: in a reused task terminal (code-server 1.139, measured by the e2e suite) the
    // output of the second run never reaches the problem matcher, so its compile errors would not show.
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, panel: vscode.TaskPanelKind.New };
    return task;
  }
}
