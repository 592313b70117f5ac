// One output channel per concern, so a build's compiler noise never buries the language server's log.
import * as vscode from 'vscode';

export interface Outputs {
  readonly server: vscode.LogOutputChannel;
  readonly host: vscode.LogOutputChannel;
  readonly build: vscode.OutputChannel;
}

export function createOutputs(context: vscode.ExtensionContext): Outputs {
  const outputs: Outputs = {
    server: vscode.window.createOutputChannel('MockForge Language Server', { log: true }),
    host: vscode.window.createOutputChannel('MockForge Host', { log: true }),
    build: vscode.window.createOutputChannel('MockForge Builds'),
  };
  context.subscriptions.push(outputs.server, outputs.host, outputs.build);
  return outputs;
}
