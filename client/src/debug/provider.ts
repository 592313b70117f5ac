// The `mockforge` debug type: "debug this plugin with this saved request". Resolution (resolve.ts) keeps it a
// `mockforge` launch served by our own debug adapter (host/src/debug/adapter/, inline in the extension host) for a
// wasm plugin with a source map, and otherwise turns it into a `node` launch of the embedded-host runner, or — for a
// remote plugin — into a launch of the service under its own debugger; for the latter, once the service answers its
// health check, the saved request is sent to it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { readPlugin, resolvePlugin, type WorkspacePlugin } from '../plugins';
import { listSavedRequests } from '../savedRequests';
import { endpointTaken, requestFile, resolveLaunch, type MockforgeLaunch, type PluginFacts } from './resolve';
import { sendWhenReady, SEND_KEY, type SendSpec } from './sendWhenReady';
import { readManifest } from '../../../host/src/manifest/read';
import { moduleLocation, sourceMapFile } from '../../../host/src/debug/location';
import { WasmDebugSession } from '../../../host/src/debug/adapter/session';
import { resolveRemoteConfig } from '../../../host/src/remote/index';

export const DEBUG_TYPE = 'mockforge';

export class MockforgeDebugProvider implements vscode.DebugConfigurationProvider {
  constructor(private readonly ctx: Ctx) {}

  provideDebugConfigurations(folder: vscode.WorkspaceFolder | undefined): vscode.DebugConfiguration[] {
    return [{ type: DEBUG_TYPE, request: 'launch', name: 'MockForge: debug plugin with a saved request', plugin: folder ? '${workspaceFolder}' : undefined, savedRequest: '' }];
  }

  async resolveDebugConfiguration(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    // F5 with no launch.json: an empty configuration; debug the plugin of the active editor.
    if (!config.type && !config.request && !config.name) Object.assign(config, { type: DEBUG_TYPE, request: 'launch', name: 'MockForge: debug plugin' });
    try {
      return await this.resolve(folder, config as MockforgeLaunch);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.ctx.outputs.host.error(`debug: ${message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  }

  private async resolve(folder: vscode.WorkspaceFolder | undefined, config: MockforgeLaunch): Promise<vscode.DebugConfiguration | undefined> {
    const target = config.plugin ? path.resolve(folder?.uri.fsPath ?? '', config.plugin) : undefined;
    const plugin = target && /\.ya?ml$/.test(target) ? await readPlugin(vscode.Uri.file(target)) : await resolvePlugin(target, 'debug');
    if (!plugin) return undefined;
    const saved = config.savedRequest ? requestFile(plugin.dir, config.savedRequest) : await pickRequest(plugin);
    if (!saved) return undefined;
    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(saved));
    } catch {
      throw new Error(`Saved request ${saved} does not exist (savedRequest: "${config.savedRequest ?? ''}")`);
    }
    const facts = await pluginFacts(plugin);
    const resolution = resolveLaunch(config, facts, saved, {
      runnerScript: this.ctx.extension.asAbsolutePath(path.join('dist', 'debug-runner.js')),
      haveDebugpy: vscode.extensions.getExtension('ms-python.debugpy') !== undefined,
      // Inside VS Code desktop the extension host is Electron, not Node: then the `node` on PATH runs the runner.
      nodeExecutable: process.versions.electron ? 'node' : process.execPath,
    });
    if (resolution.kind === 'error') throw new Error(resolution.message);
    const how = resolution.kind === 'adapter' ? 'the MockForge wasm debugger (source-mapped breakpoints)' : `${resolution.launch.type} launch${resolution.kind === 'remote' ? ` of "${facts.dev?.command}"` : ''}`;
    this.ctx.outputs.host.info(`debug: ${facts.id} with ${path.basename(saved)} → ${how}`);
    if (resolution.kind === 'adapter') return resolution.launch;
    if (resolution.kind === 'embedded') {
      if (resolution.note) {
        this.ctx.outputs.host.warn(`debug: ${resolution.note}`);
        void vscode.window.showInformationMessage(resolution.note);
      }
      return resolution.launch;
    }
    // The port must be free, or the debugged copy cannot listen and the request would reach another process.
    const taken = facts.endpoint && await endpointTaken(facts.endpoint, facts.id);
    if (taken) throw new Error(taken);
    const send: SendSpec = { pluginDir: plugin.dir, manifest: plugin.manifest.fsPath, requestFile: saved };
    return { ...resolution.launch, [SEND_KEY]: send };
  }
}

async function pluginFacts(p: WorkspacePlugin): Promise<PluginFacts> {
  const facts: PluginFacts = { dir: p.dir, id: p.id ?? path.basename(p.dir), runtime: p.runtime };
  if (p.runtime === 'wasm') {
    const where = await moduleLocation(p.manifest.fsPath);
    try {
      if (where) facts.module = { wasmFile: where.wasmFile, sourceMap: sourceMapFile(where.wasmFile) !== undefined };
    } catch {
      // Not built yet (or unreadable): the runner says so when it starts.
    }
  }
  if (p.runtime === 'remote') {
    const manifest = await readManifest(p.manifest.fsPath);
    const remote = resolveRemoteConfig(manifest, p.dir);
    facts.dev = remote.dev;
    facts.endpoint = remote.endpoint;
  }
  return facts;
}

async function pickRequest(plugin: WorkspacePlugin): Promise<string | undefined> {
  const files = await listSavedRequests(plugin.dir);
  if (files.length === 0) throw new Error(`No saved requests in ${path.join(plugin.dir, '.mockforge', 'requests')}: save one from the request panel, then debug with it.`);
  if (files.length === 1) return files[0];
  const picked = await vscode.window.showQuickPick(files.map((f) => ({ label: path.basename(f, '.json'), file: f })), { placeHolder: 'Saved request to debug with' });
  return picked?.file;
}

export function registerDebugging(ctx: Ctx): void {
  ctx.extension.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, new MockforgeDebugProvider(ctx)),
    // Only resolved configurations that stayed `mockforge` (wasm with a source map) reach an adapter of this type.
    vscode.debug.registerDebugAdapterDescriptorFactory(DEBUG_TYPE, {
      createDebugAdapterDescriptor: () => new vscode.DebugAdapterInlineImplementation(new WasmDebugSession()),
    }),
    vscode.debug.onDidStartDebugSession((session) => {
      const send = session.configuration[SEND_KEY] as SendSpec | undefined;
      if (send) void sendWhenReady(ctx, session, send);
    }),
    vscode.commands.registerCommand('mockforge.debugPlugin', async (arg?: unknown) => {
      const dir = typeof arg === 'object' && arg !== null && 'plugin' in arg ? (arg as { plugin: unknown }).plugin : arg;
      const plugin = await resolvePlugin(dir, 'debug');
      if (!plugin) return false;
      const folder = plugin.folder ?? vscode.workspace.workspaceFolders?.[0];
      return vscode.debug.startDebugging(folder, { type: DEBUG_TYPE, request: 'launch', name: `MockForge: debug ${plugin.id ?? path.basename(plugin.dir)}`, plugin: plugin.dir });
    }),
  );
}
