// The explorer's model of one workspace plugin: manifest summary + runtime facts (inspected module, remote health)
// + build state. Remote plugins keep a health-checking client (never starting their dev service) while listed.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { WorkspacePlugin } from '../plugins';
import { buildStatus, type BuildStatus } from './buildStatus';
import { inspectModule, remoteLabel, wasmLabel, type ModuleFacts } from './runtimeLabel';
import { readManifest } from '../../../host/src/manifest/read';
import { createRemoteRuntime, type HealthStatus, type RemoteRuntime } from '../../../host/src/remote/index';
import type { RemoteServices } from '../remote/services';

export interface PluginNode {
  /** The plugin folder. Named `plugin` so the built-in Build/Run commands accept the node itself as their options. */
  readonly plugin: string;
  readonly manifest: vscode.Uri;
  readonly id: string;
  readonly name?: string;
  readonly runtime: string;
  readonly kinds: string[];
  /** One line: "wasm · assemblyscript · packed-i64", "remote · http · healthy 3 ms", "pyodide". */
  readonly runtimeLabel: string;
  readonly modulePath?: string;
  readonly module?: ModuleFacts | { error: string };
  readonly build?: BuildStatus;
  readonly protocol?: string;
  readonly endpoint?: string;
  readonly health?: HealthStatus;
  /** remote.dev.command, when the editor can start the service. */
  readonly devCommand?: string;
  /** The service started from the editor (Start Remote Plugin), while it runs or starts. */
  readonly service?: { state: 'starting' } | { state: 'running'; pid: number | undefined };
  /** Why the runtime facts could not be read (bad remote section, …). */
  readonly problem?: string;
}

/** Remote clients by plugin folder, reused across refreshes; disposed when the plugin goes away. */
export class RemoteClients {
  private readonly clients = new Map<string, { key: string; runtime: Promise<RemoteRuntime> }>();

  constructor(private readonly onHealth: () => void) {}

  get(dir: string, manifestPath: string, key: string): Promise<RemoteRuntime> {
    const have = this.clients.get(dir);
    if (have && have.key === key) return have.runtime;
    if (have) void have.runtime.then((r) => r.dispose(), () => undefined);
    const runtime = readManifest(manifestPath).then(async (m) => {
      const r = await createRemoteRuntime(m, dir, { startDevService: false });
      r.onHealthChange(() => this.onHealth());
      return r;
    });
    runtime.catch(() => this.clients.delete(dir));
    this.clients.set(dir, { key, runtime });
    return runtime;
  }

  retain(dirs: Set<string>): void {
    for (const [dir, c] of this.clients) {
      if (!dirs.has(dir)) {
        void c.runtime.then((r) => r.dispose(), () => undefined);
        this.clients.delete(dir);
      }
    }
  }

  dispose(): void {
    this.retain(new Set());
  }
}

export async function describePlugin(p: WorkspacePlugin, remotes: RemoteClients, manifestText: string, services?: RemoteServices): Promise<PluginNode> {
  const base = { plugin: p.dir, manifest: p.manifest, id: p.id ?? path.basename(p.dir), name: p.name, runtime: p.runtime, kinds: p.kinds };
  if (p.runtime === 'wasm') {
    const modulePath = p.wasmPath ? path.resolve(p.dir, p.wasmPath) : undefined;
    if (!modulePath) return { ...base, runtimeLabel: 'wasm · no wasm.path', problem: 'plugin.yaml has no wasm.path' };
    const module = inspectModule(modulePath);
    return { ...base, runtimeLabel: wasmLabel(module), modulePath, module, build: buildStatus(p.dir, modulePath) };
  }
  if (p.runtime === 'remote') {
    try {
      const client = await remotes.get(p.dir, p.manifest.fsPath, manifestText);
      const health = await client.checkHealth();
      const endpoint = `${client.config.endpoint.origin}${client.config.basePath}`;
      const running = services?.get(p.dir);
      const service = running ? { state: 'running' as const, pid: running.pid } : services?.isStarting(p.dir) ? { state: 'starting' as const } : undefined;
      return { ...base, runtimeLabel: remoteLabel(client.config.protocol, health), protocol: client.config.protocol, endpoint, health, devCommand: client.config.dev?.command, service };
    } catch (err) {
      return { ...base, runtimeLabel: 'remote · misconfigured', problem: (err as Error).message };
    }
  }
  if (p.runtime === 'pyodide') return { ...base, runtimeLabel: 'pyodide · Python in WebAssembly' };
  return { ...base, runtimeLabel: `${p.runtime} (unknown runtime)`, problem: `plugin.runtime "${p.runtime}" is not one of wasm, remote, pyodide` };
}
