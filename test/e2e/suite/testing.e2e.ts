// Saved requests with `expect` as tests in VS Code's Testing API, inside a real VS Code: a plugin scaffolded and
// built through the commands brings its template's saved requests; `testing.runAll` runs them through the embedded
// host and they pass; a request whose expectation is wrong fails with an expected/actual diff.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSummary } from '../../../client/src/testing/controller';
import type { MockforgeApi } from '../../../client/src/extension';
import { extensionApi, workspaceRoot } from './helpers';

function nextRun(api: MockforgeApi): Promise<RunSummary> {
  return new Promise((resolve) => {
    const sub = api.tests.onDidFinishRun((s) => {
      sub.dispose();
      resolve(s);
    });
  });
}

/** The controller's item for a saved request file, after a fresh discovery (the file is on disk already). */
async function listed(api: MockforgeApi, id: string): Promise<vscode.TestItem> {
  await api.tests.discover(true);
  let found: vscode.TestItem | undefined;
  api.tests.controller.items.forEach((p) => { found ??= p.children.get(id); });
  const ids: string[] = [];
  api.tests.controller.items.forEach((p) => p.children.forEach((c) => ids.push(c.id)));
  assert.ok(found, `${id} is a test; the controller lists ${JSON.stringify(ids)}`);
  return found;
}

suite('testing: saved requests with expect', function () {
  this.timeout(180_000);
  let api: MockforgeApi;
  let dir: string;

  suiteSetup(async function () {
    api = await extensionApi();
    if (process.env.MOCKFORGE_E2E_INSTALLED === '1') {
      console.log('skipped in the packaged-.vsix run: building AssemblyScript needs asc, which the .vsix does not ship');
      this.skip();
    }
    dir = path.join(workspaceRoot().fsPath, 'testing-auth');
    await vscode.commands.executeCommand('mockforge.newPlugin', { language: 'assemblyscript', kind: 'auth', id: 'testing-auth', folder: dir, open: false });
    assert.equal(await vscode.commands.executeCommand<number>('mockforge.buildPlugin', { plugin: dir }), 0);
  });

  suiteTeardown(async () => {
    if (dir) await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('the template\'s saved requests are tests grouped under their plugin, and testing.runAll passes them', async () => {
    const valid = path.join(dir, '.mockforge', 'requests', 'valid-token.json');
    const item = await listed(api, valid);
    assert.equal(item.parent?.id, dir);
    assert.equal(item.parent?.label, 'testing-auth');
    assert.equal(item.label, 'valid bearer token');
    assert.equal(item.description, 'authenticate');
    assert.ok(item.range, 'located at its "expect" line');

    const finished = nextRun(api);
    await vscode.commands.executeCommand('testing.runAll');
    const summary = await finished;
    const mine = [...summary.outcomes].filter(([id]) => id.startsWith(dir));
    assert.ok(mine.length >= 3, JSON.stringify(mine));
    assert.deepEqual(mine.filter(([, o]) => o !== 'passed'), [], JSON.stringify(Object.fromEntries(summary.messages)));
  });

  test('a wrong expectation fails with the mismatch and an expected/actual diff', async () => {
    const file = path.join(dir, '.mockforge', 'requests', 'wrong-expectation.json');
    await vscode.workspace.fs.writeFile(vscode.Uri.file(file), new TextEncoder().encode(JSON.stringify({
      name: 'claims the wrong user',
      operation: 'authenticate',
      input: { context: { method: 'GET', uri: '/', headers: { Authorization: 'Bearer letmein' } }, credentials: { type: 'bearer', token: 'letmein' } },
      expect: { success: true, result: { authenticated: true, user_id: 'somebody-else' } },
    }, null, 2)));
    const item = await listed(api, file);
    const summary = await api.tests.run([item]);
    assert.equal(summary.outcomes.get(file), 'failed');
    const message = summary.messages.get(file) ?? '';
    assert.match(message, /\$\.result\.user_id: expected "somebody-else", got "demo-user"/);
    assert.deepEqual([...summary.outcomes.keys()], [file], 'only the selected test ran');
  });
});
