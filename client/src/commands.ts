// Registers every command module under commands/. Failures surface as an error notification with the engine's own
// message; a caller that passes an options object (tests, other extensions) also gets the rejection.
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from './ctx';
import { buildPlugin } from './commands/buildPlugin';
import { generateBindings } from './commands/generateBindings';
import { startRemotePlugin, stopRemotePlugin } from './commands/remotePlugin';
import { inspectWasm } from './commands/inspectWasm';
import { newPlugin } from './commands/newPlugin';
import { restartServer } from './commands/restartServer';
import { runPlugin } from './commands/runPlugin';
import { showBuildLog, showHostLog, showServerLog } from './commands/showLogs';
import { validateWorkspace } from './commands/validateWorkspace';

export const COMMANDS: readonly CommandSpec[] = [
  validateWorkspace, newPlugin, buildPlugin, runPlugin, inspectWasm, generateBindings, startRemotePlugin, stopRemotePlugin,
  showHostLog, showServerLog, showBuildLog, restartServer,
];

export function registerCommands(ctx: Ctx): void {
  for (const spec of COMMANDS) {
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(spec.id, async (...args: unknown[]) => {
      try {
        return await spec.run(ctx, ...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        ctx.outputs.host.error(`${spec.id}: ${message}`);
        // A command that already showed its error (with actions) says so.
        if (!(err instanceof Error && 'shown' in err && err.shown === true)) void vscode.window.showErrorMessage(message);
        if (isOptions(args[0])) throw err;
        return undefined;
      }
    }));
  }
}

function isOptions(arg: unknown): boolean {
  return arg !== null && typeof arg === 'object' && !(arg instanceof vscode.Uri) && !Array.isArray(arg);
}
