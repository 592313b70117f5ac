// A .wit file in the editor: the language server locates a broken type reference and the error clears when fixed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, describe, diagnosticsWhere, fixture, setText } from './helpers';

suite('WIT', () => {
  test('an unknown type is an error on its line, and it clears when fixed', async () => {
    await activeApi();
    const doc = await vscode.workspace.openTextDocument(fixture('auth-plugin', 'wit', 'plugin.wit'));
    await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const broken = original.replace('token: string,', 'token: strng,');
    const line = broken.split('\n').findIndex((l) => l.includes('token: strng'));
    assert.ok(line > 0, 'fixture has the token field');
    await setText(doc, broken);
    try {
      const diags = await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'a WIT error');
      const err = diags.find((x) => x.severity === vscode.DiagnosticSeverity.Error)!;
      assert.equal(err.range.start.line, line, describe(err));
      assert.match(doc.getText(err.range), /strng/, describe(err));
    } finally {
      await setText(doc, original);
    }
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the WIT error to clear');
  });
});
