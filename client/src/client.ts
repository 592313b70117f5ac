// The language client: starts the bundled server (dist/server.js) over Node IPC for plugin.yaml and .wit documents.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_DOCUMENTS, MANIFEST_GLOB } from './selectors';
import { SECTION } from './config';
import { VALIDATION_STATUS, type ValidationStatusParams } from '../../server/src/lsp/protocol';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly stateChanged = new vscode.EventEmitter<ServerState>();
  readonly onDidChangeState = this.stateChanged.event;
  private readonly validated = new vscode.EventEmitter<ValidationStatusParams>();
  /** The server validated a document (how long it took, what it found). */
  readonly onDidValidate = this.validated.event;
  state: ServerState = 'stopped';
  /** Why the server is not running, when it failed. */
  failure: string | undefined;

  constructor(private readonly serverModule: string, private readonly output: vscode.LogOutputChannel) {}

  /** Starts the server; resolves when it has answered `initialize`, rejects when it cannot start. */
  async start(): Promise<void> {
    if (!fs.existsSync(this.serverModule)) {
      this.fail(`The language server bundle is missing (${this.serverModule}). Run \`npm run build\` in the extension folder.`);
      throw new Error(this.failure);
    }
    const serverOptions: ServerOptions = {
      run: { module: this.serverModule, transport: TransportKind.ipc },
      debug: { module: this.serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: SERVER_DOCUMENTS,
      outputChannel: this.output,
      synchronize: {
        configurationSection: SECTION,
        // Manifests and WIT files changed on disk (git checkout, codegen) re-check the documents that use them.
        fileEvents: [vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB), vscode.workspace.createFileSystemWatcher('**/*.wit')],
      },
    };
    const client = new LanguageClient('mockforge', 'MockForge Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Starting) this.setState('starting');
      else if (this.state !== 'failed') this.setState('stopped');
    });
    client.onNotification(VALIDATION_STATUS, (params: ValidationStatusParams) => this.validated.fire(params));
    this.setState('starting');
    try {
      await client.start();
    } catch (err) {
      this.fail(`The language server did not start: ${(err as Error).message}`);
      throw err;
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    this.failure = undefined;
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client && client.state !== State.Stopped) await client.stop();
    if (this.state !== 'failed') this.setState('stopped');
  }

  dispose(): void {
    void this.stop();
    this.stateChanged.dispose();
    this.validated.dispose();
  }

  private fail(message: string): void {
    this.failure = message;
    this.output.error(message);
    this.setState('failed');
  }

  private setState(state: ServerState): void {
    this.state = state;
    this.stateChanged.fire(state);
  }
}
