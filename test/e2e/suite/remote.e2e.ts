// Start/Stop Remote Plugin inside a real VS Code: a Node remote plugin made by New Plugin is started from the editor
// (its remote.dev command, health checked), shows as running in the Plugin Explorer and the status bar, answers a
// saved request sent through the host (`run` finds it up and starts no second copy), and after Stop its port is
// closed and its processes are gone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MockforgeApi } from '../../../client/src/extension';
import type { StartOutcome } from '../../../client/src/remote/services';
import { extensionApi, listening, nodeWhere, workspaceRoot } from './helpers';

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

suite('Start/Stop Remote Plugin', function () {
  this.timeout(120_000);
  let api: MockforgeApi;
  const dir = (): string => path.join(workspaceRoot().fsPath, 'remote-fns');

  suiteSetup(async () => {
    api = await extensionApi();
  });

  suiteTeardown(async () => {
    await api.ctx.remotes.stopAll();
    await vscode.workspace.fs.delete(vscode.Uri.file(dir()), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('a node-remote plugin starts from the editor, answers through the host, and stops with its port closed', async () => {
    await vscode.commands.executeCommand('mockforge.newPlugin', { language: 'node-remote', kind: 'template', id: 'remote-fns', folder: dir(), open: false });
    const manifest = fs.readFileSync(path.join(dir(), 'plugin.yaml'), 'utf8');
    const port = Number(/endpoint: http:\/\/127\.0\.0\.1:(\d+)/.exec(manifest)?.[1]);
    assert.ok(port > 0, `the template has a loopback endpoint:\n${manifest}`);
    assert.equal(await listening(port), false, 'nothing listens before Start');
    const listed = await nodeWhere(api, dir(), (n) => n.devCommand !== undefined, 'remote-fns with its remote.dev command', 30_000);
    assert.equal(api.explorer.getTreeItem(listed).contextValue, 'mockforge.plugin.remote.dev', 'the inline Start action applies');

    // Started through the explorer node, as its inline action passes it.
    const outcome = await vscode.commands.executeCommand<StartOutcome>('mockforge.startRemotePlugin', listed);
    assert.equal(outcome.state, 'started');
    const pid = outcome.state === 'started' ? outcome.service.pid : undefined;
    assert.ok(pid && groupAlive(pid), 'the service runs in its own process group');
    assert.equal(await listening(port), true, 'the service listens once Start resolves (its health check passed)');

    const running = await nodeWhere(api, dir(), (n) => n.service?.state === 'running' && n.health?.state === 'healthy', 'remote-fns to show as running and healthy', 30_000);
    const item = api.explorer.getTreeItem(running);
    assert.equal(item.contextValue, 'mockforge.plugin.remote.dev.running', 'the inline Stop action applies');
    assert.match(String(item.description), new RegExp(`^remote · http · healthy \\d+ ms · started \\(pid ${pid}\\)$`));
    assert.equal(api.ctx.remotes.list().map((s) => s.id).join(), 'remote-fns');
    assert.ok(vscode.window.terminals.some((t) => t.name === 'MockForge: remote-fns'), 'the service has its terminal tab');

    // Starting again is a no-op that says so.
    const again = await vscode.commands.executeCommand<StartOutcome>('mockforge.startRemotePlugin', { plugin: dir() });
    assert.equal(again.state, 'already-running');

    // A saved request through the host (the CLI's `run`): it finds the service up and uses it.
    const reply = await vscode.commands.executeCommand<{ exitCode: number; reply: { success: boolean; result: unknown }; stderr: string }>('mockforge.runPlugin', { plugin: dir(), request: 'upper' });
    assert.equal(reply.exitCode, 0, reply.stderr);
    assert.deepEqual(reply.reply, { success: true, result: { result: 'HELLO, WÖRLD' } });
    assert.doesNotMatch(reply.stderr, /starting the dev service/, 'run started no second copy');
    assert.ok(groupAlive(pid), 'the editor-started service still runs after the call');

    assert.equal(await vscode.commands.executeCommand<boolean>('mockforge.stopRemotePlugin', { plugin: dir() }), true);
    assert.equal(await listening(port), false, 'the port is closed after Stop');
    assert.equal(groupAlive(pid), false, 'every process of the service is gone');
    const stopped = await nodeWhere(api, dir(), (n) => n.service === undefined, 'remote-fns to show as not running', 30_000);
    assert.equal(api.explorer.getTreeItem(stopped).contextValue, 'mockforge.plugin.remote.dev');
  });

  test('closing the service\'s terminal tab stops the service', async () => {
    await api.ctx.remotes.stopAll();
    const outcome = await vscode.commands.executeCommand<StartOutcome>('mockforge.startRemotePlugin', { plugin: dir() });
    assert.equal(outcome.state, 'started');
    const { pid, endpoint } = outcome.state === 'started' ? outcome.service : { pid: undefined, endpoint: '' };
    const port = Number(new URL(endpoint).port);
    assert.equal(await listening(port), true);
    const terminal = vscode.window.terminals.find((t) => t.name === 'MockForge: remote-fns');
    assert.ok(terminal, 'the service has its terminal tab');
    const gone = new Promise<void>((resolve) => {
      const sub = api.ctx.remotes.onDidChange(() => {
        if (api.ctx.remotes.list().length === 0) {
          sub.dispose();
          resolve();
        }
      });
    });
    // Closed the way the tab's trash button closes it: the terminal's process (here the pseudoterminal) is shut down.
    terminal.dispose();
    await gone;
    // The service leaves the list first, then its process group is ended: stopAll() waits for that to finish.
    await api.ctx.remotes.stopAll();
    assert.equal(await listening(port), false, 'the port is closed');
    assert.equal(groupAlive(pid!), false, 'every process of the service is gone');
  });

  test('a service already answering on the endpoint (started elsewhere) is left alone: nothing to start or stop', async () => {
    const manifest = fs.readFileSync(path.join(dir(), 'plugin.yaml'), 'utf8');
    const port = Number(/endpoint: http:\/\/127\.0\.0\.1:(\d+)/.exec(manifest)?.[1]);
    const hits: string[] = [];
    const other = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    try {
      const outcome = await vscode.commands.executeCommand<StartOutcome>('mockforge.startRemotePlugin', { plugin: dir() });
      assert.deepEqual(outcome, { state: 'external', endpoint: `http://127.0.0.1:${port}` });
      assert.ok(hits.includes('/health'), `the health endpoint was asked: ${hits.join(', ')}`);
      assert.deepEqual(api.ctx.remotes.list(), []);
    } finally {
      await new Promise((resolve) => other.close(resolve));
    }
  });

  test('Stop with nothing running and Start on a wasm plugin say why', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.stopRemotePlugin', { plugin: dir() })), /No service started from the editor is running for/);
    const wasm = path.join(workspaceRoot().fsPath, 'auth-plugin');
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.startRemotePlugin', { plugin: wasm })), /is a wasm plugin; Start Remote Plugin is for plugin\.runtime: remote/);
  });

  test('a service whose command fails to come up is reported with its output, and nothing is left running', async () => {
    const manifest = path.join(dir(), 'plugin.yaml');
    const text = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, text.replace('command: node plugin.js', 'command: node -e "console.error(\'no port for you\'); process.exit(3)"'));
    try {
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.startRemotePlugin', { plugin: dir() })), (err: Error) => {
        assert.match(err.message, /exited \(exit code 3\) before its health check passed/);
        assert.match(err.message, /no port for you/);
        return true;
      });
      assert.deepEqual(api.ctx.remotes.list(), []);
    } finally {
      fs.writeFileSync(manifest, text);
    }
  });
});
