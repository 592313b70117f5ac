// The request panel in a real VS Code: open it on a plugin built at test time, send saved requests from inside the
// webview (the test hook loads the request and presses Send there) and assert on what the webview rendered — the
// reply, timing, runtime and logs; markup from the plugin shown as literal text with no element made from it; a trap
// shown with its code and stack. (Named *.e2e.ts: the suite loads those; `node --test` must not pick it up.)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RenderedState } from '../../../webview/src/messages';
import { extensionApi, screenshot, workspaceRoot } from './helpers';
import { PAYLOAD, REPLY, REQUESTS, TRAP_SOURCE, writePanelPlugin } from './panelPlugin';

const INJECTED = ['script', 'img', 'iframe', 'b', 'i'];

suite('request panel', function () {
  this.timeout(120_000);
  let dir: string;

  suiteSetup(async () => {
    await extensionApi();
    dir = path.join(workspaceRoot().fsPath, 'panel-plugin');
    await writePanelPlugin(dir);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true });
  });

  const send = (request: string, env?: string): Thenable<RenderedState> =>
    vscode.commands.executeCommand<RenderedState>('mockforge.requestPanel.test', { action: 'send', plugin: dir, request, env });

  test('sends a saved request and shows the reply, timing, runtime and logs; plugin markup stays inert text', async () => {
    await vscode.commands.executeCommand('mockforge.openRequestPanel', vscode.Uri.file(path.join(dir, 'plugin.yaml')));
    const state = await send('html-payload');
    assert.equal(state.status, 'success', state.text);
    assert.equal(state.savedRequest, 'html-payload');
    assert.deepEqual(JSON.parse(state.editor), (REQUESTS['html-payload'] as { input: unknown }).input, 'the editor holds the saved request');
    for (const literal of [PAYLOAD.userId, PAYLOAD.claim, PAYLOAD.log, PAYLOAD.stdout]) assert.ok(state.text.includes(literal), `rendered text has ${literal}:\n${state.text}`);
    for (const tag of INJECTED) assert.ok(!state.tags.includes(tag), `no <${tag}> element in the result (tags: ${state.tags.join(' ')})`);
    assert.match(state.text, /Timing\s+load [\d.]+ m?s · instantiate [\d.]+ m?s · call [\d.]+ m?s/);
    assert.match(state.text, /Peak memory\s+64\.0 KiB/);
    assert.match(state.text, /authenticate · wasm \(.*abi packed-i64\) · worker/);
    // Logs in order: the mockforge.log call, then the WASI stdout line.
    assert.ok(state.text.indexOf(PAYLOAD.log) < state.text.indexOf(PAYLOAD.stdout), state.text);
    assert.match(state.text, /Logs \(2\)/);
    // The README's picture of the panel, taken as the user sees this reply (the bottom panel closed to give it room).
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await screenshot('request-panel', ['iframe.webview.ready']);
  });

  test('the saved request is the same file the CLI runs, with the same reply', async () => {
    const api = await extensionApi();
    const cli = spawnSync(process.execPath, [api.ctx.engine.cliPath, 'run', dir, '--request', path.join(dir, '.mockforge', 'requests', 'html-payload.json')],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(JSON.parse(cli.stdout), REPLY);
  });

  test('{{variables}} come from the chosen environment of .mockforge/env.json', async () => {
    const without = await send('with-variable');
    assert.equal(without.status, 'failed');
    assert.match(without.text, /uses \{\{token\}\}: pick an environment/);
    const withEnv = await send('with-variable', 'dev');
    assert.equal(withEnv.environment, 'dev');
    assert.equal(withEnv.status, 'success', withEnv.text);
    assert.match(withEnv.editor, /Bearer \{\{token\}\}/, 'the editor keeps the variable; only the sent body is substituted');
  });

  test('a trap shows its code, message and stack', async () => {
    const state = await send('trap');
    assert.equal(state.status, 'trap', state.text);
    assert.match(state.text, /generate_response: trap: unreachable/);
    assert.match(state.text, /Stack\s+at explode_on_purpose \(0x[0-9a-f]+\) src\/explode\.ts:3:5/);
  });

  test("clicking the stack's source location opens the file at that line and column", async () => {
    const target = path.join(dir, TRAP_SOURCE.file);
    const opened = new Promise<vscode.TextEditor>((resolve, reject) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.fsPath !== target) return;
        sub.dispose();
        clearTimeout(timer);
        resolve(e);
      });
      // A bound so a broken link fails with a message instead of hanging the run.
      const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${target} was not opened`)); }, 30_000);
    });
    await vscode.commands.executeCommand('mockforge.requestPanel.test', { action: 'clickLocation', plugin: dir });
    const editor = await opened;
    assert.equal(editor.selection.active.line, TRAP_SOURCE.line - 1);
    assert.equal(editor.selection.active.character, TRAP_SOURCE.column - 1);
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /unreachable\(\)/);
  });

  test('Cancel stops a call that never returns (isolated worker stopped)', async () => {
    await vscode.commands.executeCommand('mockforge.requestPanel.test', { action: 'start', plugin: dir, request: 'forever' });
    const state = await vscode.commands.executeCommand<RenderedState>('mockforge.requestPanel.test', { action: 'cancel' });
    assert.equal(state.status, 'timeout', state.text);
    assert.match(state.text, /query: the call was cancelled and its worker stopped/);
    assert.equal((await send('html-payload')).status, 'success', 'the next call runs in a fresh worker');
  });

  test('re-sending after a rebuild loads the new module (the warm plugin is reloaded)', async () => {
    const wasm = vscode.Uri.file(path.join(dir, 'build', 'plugin.wasm'));
    await vscode.workspace.fs.delete(wasm);
    const state = await send('html-payload');
    assert.equal(state.status, 'load_failed', state.text);
    await writePanelPlugin(dir);
    assert.equal((await send('html-payload')).status, 'success');
  });
});
