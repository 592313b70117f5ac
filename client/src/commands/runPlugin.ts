// Run Plugin…: picked in the UI (no request or operation given), the saved request is sent from the request panel,
// which shows the reply with its timing and logs. Given as arguments (other code, tests), a saved request or an
// operation + input goes through `mockforge-plugin run`; the reply envelope is returned and shown as a JSON document,
// the plugin's logs go to the Host channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandSpec, Ctx } from '../ctx';
import { readConfig } from '../config';
import { resolvePlugin } from '../plugins';
import { listSavedRequests, readSavedRequest } from '../savedRequests';
import { OPERATIONS } from '../../../host/src/contract/operations';
import type { RenderedState } from '../../../webview/src/messages';

export interface RunOptions {
  /** Plugin folder or plugin.yaml path. */
  plugin?: string;
  /** Saved request name (in the plugin's .mockforge/requests) or path. */
  request?: string;
  /** Instead of a saved request: the operation and its input. */
  operation?: string;
  input?: unknown;
  isolate?: boolean;
}

export interface RunResult {
  exitCode: number;
  /** The reply envelope, parsed; undefined when the CLI printed none. */
  reply: unknown;
  stdout: string;
  stderr: string;
}

export const runPlugin: CommandSpec = {
  id: 'mockforge.runPlugin',
  run: (ctx, arg?: unknown) => run(ctx, arg),
};

async function run(ctx: Ctx, arg: unknown): Promise<RunResult | RenderedState | undefined> {
  const options = arg instanceof vscode.Uri || arg === undefined ? {} : (arg as RunOptions);
  const plugin = await resolvePlugin(arg instanceof vscode.Uri ? arg : options.plugin, 'run');
  if (!plugin) return undefined;
  if (!options.operation && !options.request) return sendFromPanel(ctx, plugin.dir);

  let operation = options.operation;
  let input = options.input;
  let label = operation;
  if (!operation) {
    const file = await pickRequest(plugin.dir, options.request);
    if (!file) return undefined;
    const saved = await readSavedRequest(file);
    operation = saved.operation;
    input = saved.input;
    label = saved.name;
  }
  if (!(OPERATIONS as readonly string[]).includes(operation)) throw new Error(`Unknown operation "${operation}" (one of ${OPERATIONS.join(', ')})`);

  const isolate = options.isolate ?? readConfig(plugin.manifest).runIsolate;
  const args = ['run', plugin.dir, '--call', operation, '--input', '-', ...(isolate ? ['--isolate'] : [])];
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `MockForge: ${operation} on ${plugin.id ?? path.basename(plugin.dir)}` },
    () => ctx.engine.runAvailable(args, { cwd: plugin.dir, input: JSON.stringify(input ?? {}) }),
  );
  if (result.stderr.trim()) for (const line of result.stderr.trimEnd().split('\n')) ctx.outputs.host.info(`[${plugin.id ?? 'plugin'}] ${line}`);
  let reply: unknown;
  try {
    reply = JSON.parse(result.stdout);
  } catch {
    reply = undefined;
  }
  if (reply === undefined) throw new Error(`Run Plugin: ${result.stderr.trim() || 'the plugin produced no reply'}`);
  await ctx.reports.show(`replies/${plugin.id ?? path.basename(plugin.dir)}-${label}.json`, JSON.stringify(reply, null, 2) + '\n', 'json');
  return { exitCode: result.code, reply, stdout: result.stdout, stderr: result.stderr };
}

/** The saved request picked in the UI, sent from the request panel; resolves with what the panel shows. */
async function sendFromPanel(ctx: Ctx, dir: string): Promise<RenderedState | undefined> {
  const file = await pickRequest(dir, undefined);
  if (!file) return undefined;
  // A broken file fails here, naming the file and the problem, before the panel opens.
  const saved = await readSavedRequest(file);
  const { RequestPanel } = await import('../panel/requestPanel.js');
  return RequestPanel.show(ctx, dir).sendSaved(dir, saved.name);
}

async function pickRequest(pluginDir: string, request: string | undefined): Promise<string | undefined> {
  const files = await listSavedRequests(pluginDir);
  if (request) {
    const byName = files.find((f) => path.basename(f, '.json') === request);
    return byName ?? (path.isAbsolute(request) ? request : path.join(pluginDir, request));
  }
  if (files.length === 0) {
    throw new Error(`No saved requests in ${path.join(pluginDir, '.mockforge', 'requests')}. Save one as <name>.json with {"operation": "...", "input": {...}}.`);
  }
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(files.map((f) => ({ label: path.basename(f, '.json'), file: f })), { placeHolder: 'Saved request to send' });
  return picked?.file;
}
