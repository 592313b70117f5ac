// Commands called the way other code calls them (with an options object): each either does its job through the
// engine or, when this build of the engine lacks the feature, fails with the engine's own clear message.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, fixture, workspaceRoot } from './helpers';

/** Whether `mockforge-plugin <name>` is implemented in the bundled CLI (planned commands say "not available yet"). */
async function cliHas(name: string): Promise<boolean> {
  const api = await extensionApi();
  const help = spawnSync(process.execPath, [api.ctx.engine.cliPath, '--help'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
  const line = help.stdout.split('\n').find((l) => l.trim().startsWith(`${name} `));
  assert.ok(line, `mockforge-plugin --help lists ${name}`);
  return !line.includes('not available yet');
}

async function rejectsClearly(command: string, options: object, cli: string): Promise<void> {
  await assert.rejects(Promise.resolve(vscode.commands.executeCommand(command, options)), (err: Error) => {
    assert.match(err.message, new RegExp(`mockforge-plugin ${cli}: not available`));
    return true;
  });
}

suite('commands', () => {
  test('Validate Workspace checks the workspace or says why it cannot', async () => {
    if (!(await cliHas('check'))) return rejectsClearly('mockforge.validateWorkspace', {}, 'check');
    const result = await vscode.commands.executeCommand<{ files: number; errors: number; exitCode: number; output: string }>('mockforge.validateWorkspace', {});
    assert.equal(result.exitCode, 0, result.output);
    assert.equal(result.errors, 0, result.output);
    // The fixture plugin is not built: the checker says so (a note, not an error) on its plugin.yaml.
    assert.match(result.output, /auth-plugin[/\\]plugin\.yaml/);
  });

  test('Inspect WASM Module reports on a module or says why it cannot', async () => {
    // Outside the plugin folder: a module in auth-plugin/build would be checked against the manifest by other tests.
    const wasm = vscode.Uri.joinPath(workspaceRoot(), 'scratch', 'empty.wasm');
    await vscode.workspace.fs.writeFile(wasm, new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    try {
      if (!(await cliHas('inspect'))) return await rejectsClearly('mockforge.inspectWasm', { file: wasm.fsPath }, 'inspect');
      const result = await vscode.commands.executeCommand<{ report: string; document: vscode.Uri }>('mockforge.inspectWasm', { file: wasm.fsPath });
      assert.ok(result.report.length > 0);
      const doc = await vscode.workspace.openTextDocument(result.document);
      assert.equal(doc.getText(), result.report);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'scratch'), { recursive: true });
    }
  });

  test('Run Plugin sends a saved request or says why it cannot', async () => {
    const plugin = fixture('auth-plugin').fsPath;
    if (!(await cliHas('run'))) return rejectsClearly('mockforge.runPlugin', { plugin, request: 'valid-token' }, 'run');
    const result = await vscode.commands.executeCommand<{ exitCode: number; reply: unknown }>('mockforge.runPlugin', { plugin, request: 'valid-token' });
    assert.ok(result.reply && typeof result.reply === 'object', 'a reply envelope');
  });

  test('New Plugin scaffolds through the CLI or says why it cannot', async () => {
    const folder = path.join(workspaceRoot().fsPath, 'new-auth');
    const options = { language: 'assemblyscript', kind: 'auth', id: 'new-auth', folder, open: false };
    if (!(await cliHas('new'))) return rejectsClearly('mockforge.newPlugin', options, 'new');
    const created = await vscode.commands.executeCommand<string>('mockforge.newPlugin', options);
    assert.equal(created, folder);
    const manifest = await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(folder, 'plugin.yaml')));
    assert.match(new TextDecoder().decode(manifest), /id: "?new-auth"?/);
  });

  test('Inspect WASM Module on a missing file says so', async () => {
    const missing = path.join(workspaceRoot().fsPath, 'nowhere', 'gone.wasm');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.inspectWasm', { file: missing })), /gone\.wasm does not exist/);
  });

  test('a command given a bad saved request names the file and the problem', async () => {
    const plugin = fixture('auth-plugin').fsPath;
    const bad = path.join(plugin, '.mockforge', 'requests', 'broken.json');
    await vscode.workspace.fs.writeFile(vscode.Uri.file(bad), new TextEncoder().encode('{"operation": "fly"}'));
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.runPlugin', { plugin, request: 'broken' })), /broken\.json: "operation" must be one of the plugin operations \(got "fly"\)/);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.file(bad));
    }
  });

  test('the build task provider offers a mockforge task for the plugin', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'mockforge' });
    const task = tasks.find((t) => t.definition.plugin === 'auth-plugin');
    assert.ok(task, `tasks: ${tasks.map((t) => t.name).join(', ')}`);
    assert.equal(task.definition.builder, 'asc');
    assert.equal(task.name, 'build e2e-auth');
  });
});
