// The request panel: one webview per window that sends requests to the workspace's plugins through the embedded host
// (loadPlugin, warm while the panel is open) and shows the replies. Messages are typed in webview/src/messages.ts.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OPERATIONS_BY_KIND, type Operation, type PluginKind } from '../../../host/src/contract/operations';
import { SAMPLE_REQUESTS } from '../../../host/src/contract/samples';
import { PluginLoadError } from '../../../host/src/plugin';
import { functionHints } from '../../../webview/src/functions';
import { checkToExtension, type PluginEntry, type RenderedState, type RunResult, type ToExtension, type ToPanel } from '../../../webview/src/messages';
import { substitute, variablesIn } from '../../../webview/src/substitute';
import type { Ctx } from '../ctx';
import { describe, findPlugins } from '../plugins';
import { History } from './history';
import { panelHtml } from './html';
import { readEnvironments, readRequests, saveRequest } from './requestFiles';
import { PluginSessions } from './sessions';

export class RequestPanel {
  static current: RequestPanel | undefined;

  private readonly sessions = new PluginSessions();
  private readonly history: History;
  private readonly running = new Map<number, AbortController>();
  private plugins: PluginEntry[] = [];
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private readonly probes = new Map<number, (s: RenderedState) => void>();
  private nextToken = 1;
  /** Resolvers waiting for the next finished call (the test hook's "send and wait"). */
  private readonly finished: Array<() => void> = [];
  /** Resolvers waiting for the next call to start running. */
  private readonly started: Array<() => void> = [];
  private disposed = false;

  static show(ctx: Ctx, selected?: string): RequestPanel {
    if (RequestPanel.current) {
      RequestPanel.current.panel.reveal();
      if (selected) void RequestPanel.current.init(selected);
      return RequestPanel.current;
    }
    const dist = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel('mockforge.requestPanel', 'MockForge Request', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist],
      // A call may finish while the panel is behind an editor: keep the page so its reply is not lost.
      retainContextWhenHidden: true,
    });
    RequestPanel.current = new RequestPanel(ctx, panel, dist, selected);
    return RequestPanel.current;
  }

  private constructor(private readonly ctx: Ctx, readonly panel: vscode.WebviewPanel, dist: vscode.Uri, private selected?: string) {
    this.history = new History(ctx.extension.workspaceState);
    this.ready = new Promise((resolve) => (this.markReady = resolve));
    const web = panel.webview;
    web.html = panelHtml({
      cspSource: web.cspSource,
      scriptUri: web.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: web.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
    web.onDidReceiveMessage((msg: unknown) => this.receive(msg));
    // A plugin created or removed while the panel is open shows up in (or leaves) the picker.
    const watcher = vscode.workspace.createFileSystemWatcher('**/plugin.{yaml,yml}', false, true, false);
    const rescan = (): void => void this.init().catch((err: unknown) => this.ctx.outputs.host.error(`request panel: ${(err as Error).message}`));
    watcher.onDidCreate(rescan);
    watcher.onDidDelete(rescan);
    panel.onDidDispose(() => {
      watcher.dispose();
      void this.dispose();
    });
  }

  private post(msg: ToPanel): void {
    if (!this.disposed) void this.panel.webview.postMessage(msg);
  }

  private async dispose(): Promise<void> {
    this.disposed = true;
    if (RequestPanel.current === this) RequestPanel.current = undefined;
    for (const c of this.running.values()) c.abort();
    await this.sessions.disposeAll();
  }

  private receive(msg: unknown): void {
    const problem = checkToExtension(msg);
    if (problem) {
      this.ctx.outputs.host.warn(`request panel: ignored a message (${problem})`);
      return;
    }
    this.handle(msg as ToExtension).catch((err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      this.ctx.outputs.host.error(`request panel: ${message}`);
      this.post({ type: 'notice', level: 'error', message });
    });
  }

  private async handle(msg: ToExtension): Promise<void> {
    switch (msg.type) {
      case 'ready':
        await this.init(this.selected);
        this.markReady();
        return;
      case 'selectPlugin':
        return this.sendPluginData(this.known(msg.plugin));
      case 'listFunctions':
        return this.listFunctions(this.known(msg.plugin));
      case 'send':
        return this.send(msg);
      case 'cancel':
        this.running.get(msg.id)?.abort();
        return;
      case 'saveRequest': {
        const dir = this.known(msg.plugin);
        const rel = await saveRequest(dir, msg.name, msg.operation, msg.input);
        this.post({ type: 'notice', level: 'info', message: `Saved ${rel}` });
        return this.sendPluginData(dir);
      }
      case 'copy':
        await vscode.env.clipboard.writeText(msg.text);
        this.post({ type: 'notice', level: 'info', message: `Copied: ${msg.text}` });
        return;
      case 'openLocation':
        return this.openLocation(this.known(msg.plugin), msg.file, msg.line, msg.column);
      case 'rendered':
        this.probes.get(msg.token)?.(msg.state);
        this.probes.delete(msg.token);
        return;
    }
  }

  /** A plugin folder the panel listed: the webview can only name those. */
  private known(dir: string): string {
    if (!this.plugins.some((p) => p.dir === dir)) throw new Error(`${dir} is not a plugin folder of this workspace`);
    return dir;
  }

  async init(selected?: string): Promise<void> {
    this.plugins = await this.scan();
    const want = selected ? this.plugins.find((p) => p.dir === selected || p.dir === path.dirname(selected))?.dir : undefined;
    this.post({ type: 'init', plugins: this.plugins, samples: SAMPLE_REQUESTS as Record<Operation, unknown>, history: this.history.list(), selected: want });
  }

  private async scan(): Promise<PluginEntry[]> {
    const found = await findPlugins();
    return found.map((p) => {
      const root = p.folder?.uri.fsPath;
      const kinds = p.kinds.filter((k): k is PluginKind => k in OPERATIONS_BY_KIND);
      return {
        dir: p.dir,
        relDir: root ? path.relative(root, p.dir).split(path.sep).join('/') || '.' : p.dir,
        id: p.id ?? path.basename(p.dir),
        description: describe(p),
        operations: [...new Set(kinds.flatMap((k) => OPERATIONS_BY_KIND[k]))],
      };
    });
  }

  private async sendPluginData(dir: string): Promise<void> {
    const { requests, errors } = await readRequests(dir);
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir))?.uri.fsPath;
    const env = await readEnvironments(dir, folder);
    this.post({ type: 'pluginData', plugin: dir, requests, requestErrors: errors, environments: env.environments, envError: env.error });
  }

  private async listFunctions(dir: string): Promise<void> {
    try {
      const plugin = await this.sessions.get(dir, 'worker');
      const outcome = await plugin.call('list_functions', SAMPLE_REQUESTS.list_functions);
      if (!outcome.envelope.success) {
        this.post({ type: 'functions', plugin: dir, functions: [], error: `${outcome.envelope.error.code}: ${outcome.envelope.error.message}` });
        return;
      }
      this.post({ type: 'functions', plugin: dir, functions: functionHints(outcome.envelope.result) });
    } catch (err) {
      this.post({ type: 'functions', plugin: dir, functions: [], error: (err as Error).message });
    }
  }

  /** Parses the body, substitutes the chosen environment's {{variables}}; throws a message the panel shows. */
  private async prepareInput(dir: string, text: string, envName: string | undefined): Promise<unknown> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new Error(`The request is not valid JSON: ${(err as Error).message}`);
    }
    const used = variablesIn(text);
    if (used.length === 0) return body;
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir))?.uri.fsPath;
    const { environments, error } = await readEnvironments(dir, folder);
    if (error) throw new Error(error);
    if (!envName) throw new Error(`The request uses ${used.map((v) => `{{${v}}}`).join(', ')}: pick an environment (from .mockforge/env.json).`);
    const vars = environments[envName];
    if (!vars) throw new Error(`No environment "${envName}" in .mockforge/env.json`);
    const { value, missing } = substitute(body, vars);
    if (missing.length) throw new Error(`Environment "${envName}" does not define ${missing.map((v) => `{{${v}}}`).join(', ')} (.mockforge/env.json)`);
    return value;
  }

  private async send(msg: Extract<ToExtension, { type: 'send' }>): Promise<void> {
    const dir = this.known(msg.plugin);
    const entry = this.plugins.find((p) => p.dir === dir)!;
    const controller = new AbortController();
    this.running.set(msg.id, controller);
    this.post({ type: 'running', id: msg.id });
    try {
      const input = await this.prepareInput(dir, msg.input, msg.env);
      const call = this.call(dir, msg.id, msg.operation, input, msg.isolate, controller.signal);
      for (const resolve of this.started.splice(0)) resolve();
      const result = await call;
      if (controller.signal.aborted && result.envelope.success) {
        this.post({ type: 'failed', id: msg.id, message: 'Cancelled.' });
        return;
      }
      this.post({ type: 'result', result });
      for (const l of result.logs) this.ctx.outputs.host.info(`[${entry.id}] ${l.level} ${l.source}: ${l.message}`);
      const history = await this.history.add({
        at: Date.now(), plugin: dir, pluginId: entry.id, operation: msg.operation, input,
        status: result.envelope.success ? 'success' : result.envelope.error.code, callMs: result.timing.callMs,
      });
      this.post({ type: 'history', history });
    } catch (err) {
      this.post({ type: 'failed', id: msg.id, message: controller.signal.aborted ? 'Cancelled.' : (err as Error).message });
    } finally {
      this.running.delete(msg.id);
      for (const resolve of this.finished.splice(0)) resolve();
    }
  }

  private async call(dir: string, id: number, operation: Operation, input: unknown, isolate: boolean, signal: AbortSignal): Promise<RunResult> {
    let plugin;
    try {
      plugin = await this.sessions.get(dir, isolate ? 'worker' : 'in-process');
    } catch (err) {
      if (err instanceof PluginLoadError) return { id, plugin: dir, operation, input, envelope: err.envelope, logs: [], timing: { callMs: 0 } };
      throw err;
    }
    const outcome = await plugin.call(operation, input, { signal });
    const info = plugin.info;
    return {
      id, plugin: dir, operation, input,
      envelope: outcome.envelope, logs: outcome.logs, timing: outcome.timing, peakMemoryBytes: outcome.peakMemoryBytes,
      runtime: { kind: plugin.kind, language: info.report.language, abi: info.report.abi, isolation: info.isolation, compiledFromCache: info.compiledFromCache },
    };
  }

  private async openLocation(dir: string, file: string, line: number, column: number): Promise<void> {
    const target = path.resolve(dir, file);
    if (!existsSync(target)) throw new Error(`${file} (from the stack) does not exist under ${dir}`);
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
    // Beside the panel, so the reply stays in view next to the source.
    const viewColumn = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    await vscode.window.showTextDocument(vscode.Uri.file(target), { selection: new vscode.Range(pos, pos), preview: true, viewColumn });
  }

  /**
   * Run Plugin…: loads the plugin's saved request in the webview and sends it as pressing Send would; resolves with
   * what the panel shows once the reply is in.
   */
  async sendSaved(plugin: string, request: string): Promise<RenderedState> {
    await this.ready;
    // A plugin created since the panel last scanned: scan first, or the webview could not name it.
    if (!this.plugins.some((p) => p.dir === plugin)) await this.init(plugin);
    return this.driveSend(plugin, request);
  }

  // ---- test hooks (called by the e2e suite through the mockforge.requestPanel.test command) ----

  /** Loads the saved request in the webview, presses Send there, waits for the reply and returns what is rendered. */
  async driveSend(plugin: string, request: string, env?: string): Promise<RenderedState> {
    await this.ready;
    const done = new Promise<void>((resolve) => this.finished.push(resolve));
    this.post({ type: 'drive', plugin: this.known(plugin), request, env });
    await done;
    return this.probe();
  }

  async clickLocation(): Promise<void> {
    await this.ready;
    this.post({ type: 'click', control: 'location' });
  }

  /** Loads the saved request and presses Send; resolves once the call is running (not when it ends). */
  async driveStart(plugin: string, request: string): Promise<void> {
    await this.ready;
    const started = new Promise<void>((resolve) => this.started.push(resolve));
    this.post({ type: 'drive', plugin: this.known(plugin), request });
    await started;
  }

  /** Presses Cancel in the webview, waits for the call to end and returns what is rendered. */
  async driveCancel(): Promise<RenderedState> {
    await this.ready;
    const done = new Promise<void>((resolve) => this.finished.push(resolve));
    this.post({ type: 'click', control: 'cancel' });
    await done;
    return this.probe();
  }

  async probe(): Promise<RenderedState> {
    await this.ready;
    const token = this.nextToken++;
    const answer = new Promise<RenderedState>((resolve) => this.probes.set(token, resolve));
    this.post({ type: 'probe', token });
    return answer;
  }
}
