// Remote plugin services started from the editor (Start/Stop Remote Plugin). Each is the host's own remote runtime
// (host/src/remote, the lifecycle `mockforge-plugin run` uses): remote.dev.command is started in its own process
// group when the loopback endpoint does not answer, its output goes to the host log, it is up once its health check
// passes, and stopping disposes the runtime, which ends the whole group and waits until it is gone.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readManifest, ManifestError } from '../../../host/src/manifest/read';
import { createRemoteRuntime, RemoteConfigError, type HealthStatus, type RemoteRuntime } from '../../../host/src/remote/index';
import type { WorkspacePlugin } from '../plugins';
import { ServiceTerminal } from './serviceTerminal';

export interface RemoteService {
  readonly dir: string;
  readonly manifest: vscode.Uri;
  readonly id: string;
  /** Endpoint origin + base path, e.g. http://127.0.0.1:8080. */
  readonly endpoint: string;
  readonly command: string;
  readonly pid: number | undefined;
  health: HealthStatus;
}

export type StartOutcome =
  | { state: 'started'; service: RemoteService }
  | { state: 'already-running'; service: RemoteService }
  /** Something this editor did not start already answers on the endpoint: nothing to start (or stop). */
  | { state: 'external'; endpoint: string };

interface Entry {
  service: RemoteService;
  runtime: RemoteRuntime;
  timer: NodeJS.Timeout | undefined;
  terminal: ServiceTerminal;
}

/** How the host runtime labels a dev service's output in its log records. */
const DEV_OUTPUT = '[dev service] ';

export class RemoteServices implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly starting = new Map<string, Promise<StartOutcome>>();
  /** Services being stopped (already off the list): stopAll() waits for them too. */
  private readonly stopping = new Set<Promise<void>>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Services started here and still running. */
  list(): RemoteService[] {
    return [...this.entries.values()].map((e) => e.service);
  }

  get(dir: string): RemoteService | undefined {
    return this.entries.get(dir)?.service;
  }

  isStarting(dir: string): boolean {
    return this.starting.has(dir);
  }

  start(plugin: WorkspacePlugin): Promise<StartOutcome> {
    const have = this.entries.get(plugin.dir);
    if (have) return Promise.resolve({ state: 'already-running', service: have.service });
    let pending = this.starting.get(plugin.dir);
    if (!pending) {
      pending = this.doStart(plugin).finally(() => {
        this.starting.delete(plugin.dir);
        this.changed.fire();
      });
      this.starting.set(plugin.dir, pending);
      this.changed.fire();
    }
    return pending;
  }

  private async doStart(plugin: WorkspacePlugin): Promise<StartOutcome> {
    const id = plugin.id ?? path.basename(plugin.dir);
    const where = vscode.workspace.asRelativePath(plugin.manifest);
    let runtime: RemoteRuntime;
    // Set once the service is about to start; log records before that (load warnings) go to the host log only.
    const out: { terminal?: ServiceTerminal } = {};
    try {
      const manifest = await readManifest(plugin.manifest.fsPath);
      if ((manifest.plugin.runtime ?? 'wasm') !== 'remote') throw new Error(`${where}: ${id} runs as ${manifest.plugin.runtime ?? 'wasm'}, not as a remote service (plugin.runtime: remote)`);
      runtime = await createRemoteRuntime(manifest, plugin.dir, {
        onLog: (r) => {
          this.log[r.level](`[${id}] ${r.message}`);
          if (r.message.startsWith(DEV_OUTPUT)) out.terminal?.write(`${r.message.slice(DEV_OUTPUT.length)}\n`);
        },
      });
    } catch (err) {
      if (err instanceof ManifestError || err instanceof RemoteConfigError) throw new Error(`${where}: ${err.message}`);
      throw err;
    }
    const { config } = runtime;
    const endpoint = `${config.endpoint.origin}${config.basePath}`;
    const refuse = async (message: string): Promise<never> => {
      out.terminal?.dispose();
      await runtime.dispose();
      throw new Error(message);
    };
    if (!config.dev) return refuse(`${where}: ${id} has no remote.dev.command, so MockForge cannot start its service; add one (e.g. \`command: node plugin.js\`) or start the service yourself`);
    if (!config.loopback) return refuse(`${where}: remote.endpoint ${config.endpoint.origin} is not on this machine; remote.dev starts services on loopback endpoints only`);
    this.log.info(`[${id}] Start Remote Plugin: ${config.dev.command} (in ${config.dev.cwd}) for ${endpoint}`);
    const terminal = new ServiceTerminal(`MockForge: ${id}`, () => void this.stop(plugin.dir));
    out.terminal = terminal;
    terminal.write(`$ ${config.dev.command}   (in ${config.dev.cwd}; health: ${endpoint}${config.health.path})\n`);
    const failure = await runtime.start();
    if (failure && !failure.success) return refuse(`Start Remote Plugin ${id}: ${failure.error.message}`);
    const dev = runtime.devService;
    if (!dev) {
      terminal.dispose();
      await runtime.dispose();
      this.log.info(`[${id}] ${endpoint} already answers its health check: a service started outside this editor is running there`);
      return { state: 'external', endpoint };
    }
    const service: RemoteService = { dir: plugin.dir, manifest: plugin.manifest, id, endpoint, command: config.dev.command, pid: dev.pid, health: runtime.health() };
    const entry: Entry = { service, runtime, timer: undefined, terminal };
    terminal.terminal.show(true);
    runtime.onHealthChange((h) => {
      service.health = h;
      this.changed.fire();
    });
    // Health is probed at the manifest's interval while the service runs; a service that exits on its own is noticed
    // by the same probe (its process group is gone) and removed.
    if (config.health.enabled) {
      entry.timer = setInterval(() => void this.probe(entry), config.health.intervalMs);
      entry.timer.unref();
    }
    this.entries.set(plugin.dir, entry);
    this.log.info(`[${id}] running (pid ${dev.pid}), healthy at ${endpoint}`);
    return { state: 'started', service };
  }

  private async probe(entry: Entry): Promise<void> {
    const pid = entry.service.pid;
    if (pid !== undefined && !groupAlive(pid)) {
      this.log.warn(`[${entry.service.id}] the service (pid ${pid}) exited; its last output:\n${entry.runtime.devService?.recentOutput ?? ''}`);
      await this.remove(entry);
      return;
    }
    entry.service.health = await entry.runtime.checkHealth();
  }

  /** Stops the service started for `dir`; false when none was running. Resolves once its processes are gone. */
  async stop(dir: string): Promise<boolean> {
    const entry = this.entries.get(dir);
    if (!entry) return false;
    this.log.info(`[${entry.service.id}] Stop Remote Plugin (pid ${entry.service.pid})`);
    await this.remove(entry);
    this.log.info(`[${entry.service.id}] stopped`);
    return true;
  }

  private async remove(entry: Entry): Promise<void> {
    if (entry.timer) clearInterval(entry.timer);
    this.entries.delete(entry.service.dir);
    const done = entry.runtime.dispose().finally(() => {
      entry.terminal.dispose();
      this.stopping.delete(done);
    });
    this.stopping.add(done);
    this.changed.fire();
    await done;
  }

  /** Stops every service (deactivation): none outlives the editor. */
  async stopAll(): Promise<void> {
    await Promise.all([...[...this.entries.keys()].map((dir) => this.stop(dir)), ...this.stopping]);
  }

  dispose(): void {
    void this.stopAll();
    this.changed.dispose();
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(process.platform !== 'win32' ? -pid : pid, 0);
    return true;
  } catch {
    return false;
  }
}
