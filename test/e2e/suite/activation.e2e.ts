// The extension activates on a workspace with a plugin.yaml, starts its language server and registers its commands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID, fixture } from './helpers';

suite('activation', () => {
  test('activates for a workspace containing a plugin.yaml, without being asked', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    // workspaceContains:**/plugin.yaml fires on its own when the workspace opens: wait for it, don't call activate().
    for (let i = 0; !ext.isActive && i < 600; i++) await new Promise((r) => setTimeout(r, 50)); // no activation event in the API
    assert.equal(ext.isActive, true, 'activated by workspaceContains');
    console.log(`running in ${vscode.env.appName} ${vscode.version}, uiKind=${vscode.UIKind[vscode.env.uiKind]}, remote=${vscode.env.remoteName}`);
  });

  test('the extension under test is the packaged .vsix when the run installed one', function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    console.log(`extension loaded from ${ext.extensionPath}`);
    if (process.env.MOCKFORGE_E2E_INSTALLED !== '1') this.skip();
    assert.match(ext.extensionPath, /[/\\]extensions[/\\]mockforge\.mockforge-plugin-studio-/);
    // --no-dependencies: everything the extension runs must be inside its bundles.
    assert.equal(fs.existsSync(`${ext.extensionPath}/node_modules`), false);
    assert.equal(fs.existsSync(`${ext.extensionPath}/client`), false, 'sources are not shipped');
  });

  test('the language server starts and the status bar knows it', async () => {
    const api = await activeApi();
    assert.equal(api.ctx.server.state, 'running');
  });

  test('every contributed command is registered', async () => {
    const pkg = JSON.parse(fs.readFileSync(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath + '/package.json', 'utf8')) as { contributes: { commands: { command: string }[] } };
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = pkg.contributes.commands.map((c) => c.command).filter((c) => !all.has(c));
    assert.deepEqual(missing, []);
    assert.ok(pkg.contributes.commands.length >= 6);
  });

  test('a .wit file gets the wit language', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('auth-plugin', 'wit', 'plugin.wit'));
    assert.equal(doc.languageId, 'wit');
  });

  test('plugin.yaml stays YAML for the user', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('auth-plugin', 'plugin.yaml'));
    assert.equal(doc.languageId, 'yaml');
  });
});
