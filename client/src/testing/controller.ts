// Saved requests with an `expect` block as tests in the Test Explorer, grouped by plugin. A run loads each plugin
// once through the embedded host (worker isolation: time limits hold, a stuck plugin cannot hang the editor), sends
// every selected request and compares the reply with `expect`; a failure carries an expected/actual diff.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPlugins } from '../plugins';
import { checkExpect } from './expectDiff';
import { PluginLoadError, loadPlugin } from '../../../host/src/plugin';
import { listSavedRequests, readSavedRequest, SavedRequestError, type SavedRequest } from '../../../cli/src/scaffold/saved-requests';

export type TestOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

export interface RunSummary {
  /** Test id (the saved request's path) → outcome. */
  outcomes: Map<string, TestOutcome>;
  /** Test id → the failure/error text, for failing tests. */
  messages: Map<string, string>;
}

const REQUEST_GLOB = '**/.mockforge/requests/*.json';

export class SavedRequestTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('mockforge', 'MockForge saved requests');
  private readonly finished = new vscode.EventEmitter<RunSummary>();
  /** Fires after every run (from the Test Explorer, `testing.runAll`, or run()). */
  readonly onDidFinishRun = this.finished.event;
  private readonly requests = new Map<string, SavedRequest>();
  private discovery: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discover();
    };
    this.controller.refreshHandler = () => this.discover(true);
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run, (req, token) => this.runRequest(req, token).then(() => undefined), true);
    for (const glob of [REQUEST_GLOB, '**/plugin.{yaml,yml}']) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      const again = () => void this.discover(true);
      this.disposables.push(w, w.onDidCreate(again), w.onDidChange(again), w.onDidDelete(again));
    }
  }

  /** Finds every plugin's saved requests with `expect` (once, unless `force`). */
  discover(force = false): Promise<void> {
    if (!this.discovery || force) this.discovery = this.load();
    return this.discovery;
  }

  private async load(): Promise<void> {
    const plugins = await findPlugins();
    const items: vscode.TestItem[] = [];
    this.requests.clear();
    for (const p of plugins) {
      const pluginItem = this.controller.createTestItem(p.dir, p.id ?? path.basename(p.dir), p.manifest);
      for (const file of listSavedRequests(p.dir)) {
        const uri = vscode.Uri.file(file);
        let req: SavedRequest;
        try {
          req = readSavedRequest(file);
        } catch (err) {
          // A broken file is shown (so it is not silently skipped) and errors when run.
          const bad = this.controller.createTestItem(file, path.basename(file, '.json'), uri);
          bad.error = err instanceof SavedRequestError ? err.message : String(err);
          pluginItem.children.add(bad);
          continue;
        }
        if (req.expect === undefined) continue;
        const item = this.controller.createTestItem(file, req.name, uri);
        item.description = req.operation;
        item.range = await expectRange(uri);
        pluginItem.children.add(item);
        this.requests.set(file, req);
      }
      if (pluginItem.children.size > 0) items.push(pluginItem);
    }
    this.controller.items.replace(items);
  }

  /** Runs every test (what `testing.runAll` does) and resolves with the outcomes: the extension API for tests. */
  async run(include?: readonly vscode.TestItem[]): Promise<RunSummary> {
    await this.discover();
    const source = new vscode.CancellationTokenSource();
    try {
      return await this.runRequest(new vscode.TestRunRequest(include), source.token);
    } finally {
      source.dispose();
    }
  }

  private async runRequest(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<RunSummary> {
    await this.discover();
    const run = this.controller.createTestRun(request);
    const summary: RunSummary = { outcomes: new Map(), messages: new Map() };
    const excluded = new Set((request.exclude ?? []).map((t) => t.id));
    const byPlugin = new Map<string, vscode.TestItem[]>();
    const add = (item: vscode.TestItem) => {
      if (excluded.has(item.id)) return;
      if (item.children.size > 0) {
        item.children.forEach(add);
        return;
      }
      const dir = item.parent?.id;
      if (!dir) return;
      byPlugin.set(dir, [...(byPlugin.get(dir) ?? []), item]);
      run.enqueued(item);
    };
    if (request.include) request.include.forEach(add);
    else this.controller.items.forEach(add);
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      for (const [dir, tests] of byPlugin) {
        if (token.isCancellationRequested) break;
        await this.runPlugin(dir, tests, run, summary, abort.signal);
      }
    } finally {
      sub.dispose();
      run.end();
    }
    this.finished.fire(summary);
    return summary;
  }

  private async runPlugin(dir: string, tests: vscode.TestItem[], run: vscode.TestRun, summary: RunSummary, signal: AbortSignal): Promise<void> {
    const errored = (item: vscode.TestItem, text: string) => {
      run.errored(item, new vscode.TestMessage(text));
      summary.outcomes.set(item.id, 'errored');
      summary.messages.set(item.id, text);
    };
    let plugin;
    try {
      plugin = await loadPlugin(dir, { isolation: 'worker' });
    } catch (err) {
      const text = err instanceof PluginLoadError ? err.message : `loading ${dir} failed: ${(err as Error).message}`;
      this.log.error(`tests: ${text}`);
      for (const t of tests) errored(t, text);
      return;
    }
    try {
      for (const item of tests) {
        if (signal.aborted) {
          run.skipped(item);
          summary.outcomes.set(item.id, 'skipped');
          continue;
        }
        const req = this.requests.get(item.id);
        if (!req) {
          errored(item, item.error ? String(item.error) : `${item.id} is no longer a saved request with "expect"`);
          continue;
        }
        run.started(item);
        const outcome = await plugin.call(req.operation, req.input, {
          signal,
          onLog: (r) => run.appendOutput(`[${r.level}] ${r.message}\r\n`, undefined, item),
        });
        const check = checkExpect(req.expect, outcome.envelope);
        const ms = outcome.timing.callMs;
        if (check.passed) {
          run.passed(item, ms);
          summary.outcomes.set(item.id, 'passed');
          continue;
        }
        const text = `${check.mismatches.join('\n')}\n\nreply: ${JSON.stringify(outcome.envelope)}`;
        const message = vscode.TestMessage.diff(text, check.expectedText, check.actualText);
        if (item.uri && item.range) message.location = new vscode.Location(item.uri, item.range);
        run.failed(item, message, ms);
        summary.outcomes.set(item.id, 'failed');
        summary.messages.set(item.id, text);
      }
    } finally {
      await plugin.dispose();
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.finished.dispose();
    this.controller.dispose();
  }
}

/** The line of the `"expect"` key, so the test's status shows next to what it asserts. */
async function expectRange(uri: vscode.Uri): Promise<vscode.Range | undefined> {
  try {
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).split('\n');
    const line = lines.findIndex((l) => /"expect"\s*:/.test(l));
    return line >= 0 ? new vscode.Range(line, 0, line, lines[line].length) : undefined;
  } catch {
    return undefined;
  }
}
