// Entry point: wires the modules together. Activated by a plugin.yaml in the workspace, a .wit file, or a command.
import * as vscode from 'vscode';
import { ServerConnection } from './client';
import { registerCommands } from './commands';
import { registerRequestPanel } from './panel/command';
import type { Ctx } from './ctx';
import { Engine } from './engine';
import { createOutputs } from './outputs';
import { Reports } from './reports';
import { StatusBar } from './statusBar';
import { BuildTasks } from './tasks';
import { registerExplorer } from './explorer/register';
import type { PluginExplorer } from './explorer/explorer';
import { registerTesting } from './testing/register';
import type { SavedRequestTests } from './testing/controller';
import { registerDebugging } from './debug/provider';
import { CodegenProblems } from './codegenProblems';
import { RemoteServices } from './remote/services';
import { RemoteStatusItem } from './remote/statusItem';

/** What activate() returns: lets tests and other extensions wait for the language server. */
export interface MockforgeApi {
  /** Settles when the language server has started (rejects with the reason it could not). */
  serverReady: Promise<void>;
  readonly ctx: Ctx;
  /** The Plugin Explorer's model (what the view lists). */
  readonly explorer: PluginExplorer;
  /** Saved-request tests (Testing API): run() resolves with the outcomes. */
  readonly tests: SavedRequestTests;
}

let server: ServerConnection | undefined;
let remotes: RemoteServices | undefined;

export function activate(context: vscode.ExtensionContext): MockforgeApi {
  const outputs = createOutputs(context);
  const engine = new Engine(context.asAbsolutePath('dist/cli.js'), (line) => outputs.host.info(line));
  const reports = new Reports();
  reports.register(context);
  server = new ServerConnection(context.asAbsolutePath('dist/server.js'), outputs.server);
  context.subscriptions.push(server);
  const tasks = new BuildTasks(engine.cliPath, context.asAbsolutePath('dist/build-relay.js'));
  tasks.register(context);
  remotes = new RemoteServices(outputs.host);
  const codegenProblems = new CodegenProblems();
  context.subscriptions.push(remotes, codegenProblems);
  const pluginsChanged = new vscode.EventEmitter<string>();
  context.subscriptions.push(pluginsChanged);
  const ctx: Ctx = { extension: context, outputs, engine, reports, server, tasks, remotes, codegenProblems, pluginsChanged };
  registerCommands(ctx);
  const explorer = registerExplorer(ctx);
  const tests = registerTesting(ctx);
  registerDebugging(ctx);
  registerRequestPanel(ctx);
  context.subscriptions.push(new StatusBar(server), new RemoteStatusItem(remotes));

  const serverReady = server.start();
  // The failure is already in the status bar and the server's output channel; don't leave it unhandled here.
  serverReady.catch(() => undefined);
  return { serverReady, ctx, explorer, tests };
}

export async function deactivate(): Promise<void> {
  // Services started from the editor never outlive it.
  await Promise.all([server?.stop(), remotes?.stopAll()]);
}
