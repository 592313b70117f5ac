// Run Plugin… the way an author runs it, with more than one plugin in the workspace: the plugin and the saved request
// are picked in the workbench's quick picks (through the runner's playwright Page, ui.ts), and the request panel
// shows the reply (read from inside its webview).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderedState } from '../../../webview/src/messages';
import { extensionApi, workspaceRoot } from './helpers';
import { PAYLOAD, REQUESTS, writePanelPlugin } from './panelPlugin';
import { ui, uiAvailable } from './ui';

suite('UI: Run Plugin', function () {
  this.timeout(180_000);
  let dir: string;

  suiteSetup(async function () {
    if (!uiAvailable()) {
      console.log('skipped: this runner cannot drive the workbench UI (no MOCKFORGE_E2E_UI)');
      this.skip();
    }
    await extensionApi();
    dir = path.join(workspaceRoot().fsPath, 'ui-run-plugin');
    await writePanelPlugin(dir);
  });

  teardown(async () => {
    // A failed step can leave a quick pick open; later suites start from a clean workbench.
    if (uiAvailable()) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  suiteTeardown(async () => {
    if (!uiAvailable()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true });
  });

  test('the plugin and the saved request picked in quick picks; the request panel shows the reply', async () => {
    // With no editor open, Run Plugin… cannot guess the plugin from the active file: it asks.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = Promise.resolve(vscode.commands.executeCommand<RenderedState | undefined>('mockforge.runPlugin'));

    const plugins = await ui.quickInput({ item: 'panel-html' });
    assert.match(plugins.placeholder, /Plugin to run/);
    for (const id of ['e2e-auth', 'panel-html']) assert.ok(plugins.items.includes(id), `plugin pick offers ${id}: ${plugins.items.join(', ')}`);
    await ui.pick('panel-html');

    const requests = await ui.quickInput({ item: 'html-payload' });
    assert.match(requests.placeholder, /Saved request to send/);
    assert.deepEqual(requests.items, Object.keys(REQUESTS).sort(), 'the plugin\'s saved requests are offered');
    await ui.pick('html-payload');

    const state = await result;
    assert.ok(state, 'Run Plugin… resolved with what the panel shows');
    assert.equal(state.status, 'success', state.text);
    assert.equal(state.savedRequest, 'html-payload');
    // The reply's values, rendered as text inside the webview.
    for (const literal of [PAYLOAD.userId, PAYLOAD.claim]) assert.ok(state.text.includes(literal), `the panel shows ${literal}:\n${state.text}`);
    // Read back from the panel on its own: the reply stays on screen.
    const shown = await vscode.commands.executeCommand<RenderedState>('mockforge.requestPanel.test', { action: 'probe' });
    assert.equal(shown.status, 'success');
    assert.ok(shown.text.includes(PAYLOAD.userId), shown.text);
  });
});
