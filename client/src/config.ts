// Typed access to the extension's settings (declared under contributes.configuration in package.json).
import * as vscode from 'vscode';

export const SECTION = 'mockforge';

export interface Config {
  /** Provide a build task for every plugin.yaml. */
  tasksAutoDetect: boolean;
  /** Run Plugin uses the isolated worker (limits enforced). */
  runIsolate: boolean;
}

export function readConfig(scope?: vscode.ConfigurationScope): Config {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return {
    tasksAutoDetect: c.get<boolean>('tasks.autoDetect', true),
    runIsolate: c.get<boolean>('run.isolate', false),
  };
}
