// The located WIT errors of the last Generate Bindings run, in Problems. A file's entries go when it is edited (the
// WIT language server reports live errors from then on) or when the next run starts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LocatedError } from './codegenOutput';

export class CodegenProblems implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('mockforge-codegen');
  private readonly sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length > 0) this.collection.delete(e.document.uri);
  });
  // A deleted file (or folder of files) takes its entries with it.
  private readonly deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  private readonly deleted = this.deletions.onDidDelete((gone) => {
    const prefix = gone.fsPath.endsWith(path.sep) ? gone.fsPath : gone.fsPath + path.sep;
    const drop: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (uri.fsPath === gone.fsPath || uri.fsPath.startsWith(prefix)) drop.push(uri);
    });
    for (const uri of drop) this.collection.delete(uri);
  });

  clear(): void {
    this.collection.clear();
  }

  set(errors: readonly LocatedError[]): void {
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const e of errors) {
      const at = new vscode.Position(Math.max(0, e.line - 1), Math.max(0, e.col - 1));
      const d = new vscode.Diagnostic(new vscode.Range(at, at.translate(0, 1)), e.message, vscode.DiagnosticSeverity.Error);
      d.source = 'mockforge codegen';
      const list = byFile.get(e.file) ?? [];
      list.push(d);
      byFile.set(e.file, list);
    }
    for (const [file, diags] of byFile) this.collection.set(vscode.Uri.file(file), diags);
  }

  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    this.sub.dispose();
    this.deleted.dispose();
    this.deletions.dispose();
    this.collection.dispose();
  }
}
