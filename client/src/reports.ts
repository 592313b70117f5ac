// Read-only virtual documents for command results (inspect reports, plugin replies): they open like files, can be
// searched and copied, and never ask to be saved.
import * as vscode from 'vscode';

export const REPORT_SCHEME = 'mockforge-report';

export class Reports implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(context: vscode.ExtensionContext): void {
    context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, this), this.changed);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** Sets (or replaces) the report at `name` (e.g. `inspect/auth.wasm.txt`) and opens it beside the editor. */
  async show(name: string, content: string, language?: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/${name}` });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    return doc;
  }
}
