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

  /** Picks the plugin and the saved request in Run Plugin…'s quick picks, checking what each offers. */
  async function pickPluginAndRequest(): Promise<void> {
    const plugins = await ui.quickInput({ item: 'panel-html' });
    assert.match(plugins.placeholder, /Plugin to run/);
    for (const id of ['e2e-auth', 'panel-html']) assert.ok(plugins.items.includes(id), `plugin pick offers ${id}: ${plugins.items.join(', ')}`);
    await ui.pick('panel-html');
    const requests = await ui.quickInput({ item: 'html-payload' });
    assert.match(requests.placeholder, /Saved request to send/);
    assert.deepEqual(requests.items, Object.keys(REQUESTS).sort(), "the plugin's saved requests are offered");
    await ui.pick('html-payload');
  }

  test('from the Command Palette: plugin and saved request picked in quick picks; the request panel shows the reply', async () => {
    // With no editor open, Run Plugin… cannot guess the plugin from the active file: it asks.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await ui.palette('MockForge: Run Plugin', 'MockForge: Run Plugin…');
    await pickPluginAndRequest();
    // The reply as the author sees it: text in the panel's page, markup from the plugin shown literally.
    const page = await ui.webview(PAYLOAD.userId);
    assert.ok(page.includes(PAYLOAD.claim), page);
    const shown = await vscode.commands.executeCommand<RenderedState>('mockforge.requestPanel.test', { action: 'probe' });
    assert.equal(shown.status, 'success', shown.text);
    assert.equal(shown.savedRequest, 'html-payload');
  });

  test('run without arguments, the command resolves with what the panel shows', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const result = Promise.resolve(vscode.commands.executeCommand<RenderedState | undefined>('mockforge.runPlugin'));
    await pickPluginAndRequest();
    const state = await result;
    assert.ok(state, 'Run Plugin… resolved with what the panel shows');
    assert.equal(state.status, 'success', state.text);
    assert.equal(state.savedRequest, 'html-payload');
    for (const literal of [PAYLOAD.userId, PAYLOAD.claim]) assert.ok(state.text.includes(literal), `the panel shows ${literal}:\n${state.text}`);
  });

  for (const step of ['plugin', 'saved request']) {
    test(`Escape at the ${step} pick sends nothing and opens no panel`, async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const result = Promise.resolve(vscode.commands.executeCommand<RenderedState | undefined>('mockforge.runPlugin'));
      await ui.quickInput({ item: 'panel-html' });
      if (step === 'saved request') {
        await ui.pick('panel-html');
        await ui.quickInput({ item: 'html-payload' });
      }
      await ui.press('Escape');
      assert.equal(await result, undefined);
      await ui.closed();
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
      assert.ok(!tabs.includes('MockForge Request'), `open tabs: ${tabs.join(', ')}`);
    });
  }
});
