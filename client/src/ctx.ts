// What every command needs, created once in activate() and passed in (no module-level state).
import type * as vscode from 'vscode';
import type { ServerConnection } from './client';
import type { Engine } from './engine';
import type { Outputs } from './outputs';
import type { Reports } from './reports';
import type { BuildTasks } from './tasks';
import type { CodegenProblems } from './codegenProblems';
import type { RemoteServices } from './remote/services';

export interface Ctx {
  readonly extension: vscode.ExtensionContext;
  readonly outputs: Outputs;
  readonly engine: Engine;
  readonly reports: Reports;
  readonly server: ServerConnection;
  readonly tasks: BuildTasks;
  /** Remote plugin services started from the editor. */
  readonly remotes: RemoteServices;
  /** WIT errors of the last Generate Bindings run. */
  readonly codegenProblems: CodegenProblems;
  /**
   * Fired with a plugin folder when a command created or changed its files, so views refresh at once instead of
   * relying on the disk watcher alone (which can be unavailable, e.g. when the machine is out of inotify watches).
   */
  readonly pluginsChanged: vscode.EventEmitter<string>;
}

/** A command module: its id (declared in package.json contributes.commands) and its implementation. */
export interface CommandSpec {
  id: string;
  run(ctx: Ctx, ...args: unknown[]): unknown;
}
