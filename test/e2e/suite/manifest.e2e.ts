// plugin.yaml in the editor: the language server's located diagnostics appear on a broken manifest and clear when
// it is fixed; hover explains a key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi, describe, diagnosticsWhere, fixture, hoverText, screenshot, setText } from './helpers';

suite('plugin.yaml', () => {
  let doc: vscode.TextDocument;
  let original: string;

  suiteSetup(async () => {
    await activeApi();
    doc = await vscode.workspace.openTextDocument(fixture('auth-plugin', 'plugin.yaml'));
    original = doc.getText();
    await vscode.window.showTextDocument(doc);
  });

  suiteTeardown(async () => {
    if (!doc) return;
    await setText(doc, original);
    await doc.save();
  });

  test('a broken id gets a located error, and it clears when fixed', async () => {
    const idLine = original.split('\n').findIndex((l) => l.trim().startsWith('id:'));
    assert.ok(idLine > 0, 'fixture has an id line');
    await setText(doc, original.replace('id: e2e-auth', 'id: E2E_Auth!'));
    const broken = await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === idLine), 'an error on the id line');
    const err = broken.find((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === idLine)!;
    // Located on the value, not the whole line or the document start.
    assert.equal(doc.getText(err.range).replace(/^["']|["']$/g, ''), 'E2E_Auth!', `range covers the bad value: ${describe(err)}`);
    assert.match(err.message, /id/i);

    await setText(doc, original);
    const fixed = await diagnosticsWhere(doc.uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the errors to clear');
    assert.ok(!fixed.some((x) => x.range.start.line === idLine && x.severity === vscode.DiagnosticSeverity.Error));
  });

  test('a YAML syntax error is located on its line', async () => {
    const text = original.replace('  types: [auth]', '  types: [auth');
    const line = text.split('\n').findIndex((l) => l.includes('types: [auth'));
    await setText(doc, text);
    const diags = await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'a syntax error');
    const err = diags.find((x) => x.severity === vscode.DiagnosticSeverity.Error)!;
    assert.ok(err.range.start.line >= line, `syntax error at or after the broken flow sequence: ${describe(err)}`);
    await setText(doc, original);
    await diagnosticsWhere(doc.uri, (d) => !d.some((x) => x.severity === vscode.DiagnosticSeverity.Error), 'the syntax error to clear');
  });

  test('hover on a manifest key explains it', async () => {
    const lines = doc.getText().split('\n');
    const line = lines.findIndex((l) => l.trim().startsWith('types:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, lines[line].indexOf('types') + 2));
    const text = hoverText(hovers);
    assert.match(text, /auth/, `hover text: ${text}`);
    assert.match(text, /kind/i, `hover text: ${text}`);
  });

  test('the error and its hover as an author sees them (README screenshot)', async () => {
    const broken = original.replace('id: e2e-auth', 'id: E2E_Auth!');
    const idLine = broken.split('\n').findIndex((l) => l.trim().startsWith('id:'));
    // A tidy window for the picture: other clean tabs closed, Problems listing the error below the editor.
    const others = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => !t.isDirty && !(t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()));
    await vscode.window.tabGroups.close(others, true);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const editor = await vscode.window.showTextDocument(doc);
    await setText(doc, broken);
    try {
      const diags = await diagnosticsWhere(doc.uri, (d) => d.some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === idLine), 'an error on the id line');
      const err = diags.find((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === idLine)!;
      const inside = err.range.start.translate(0, 1);
      editor.selection = new vscode.Selection(inside, inside);
      editor.revealRange(err.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      // The hover an author gets on the bad value: the diagnostic with the language server's explanation.
      await vscode.commands.executeCommand('editor.action.showHover');
      const shot = await screenshot('manifest-diagnostics', ['.monaco-editor .squiggly-error', '.monaco-editor .monaco-hover:not(.hidden) .hover-contents']);
      if (shot) assert.ok((await vscode.workspace.fs.stat(vscode.Uri.file(shot))).size > 10_000, `${shot} holds a picture`);
    } finally {
      await setText(doc, original);
    }
  });
});
