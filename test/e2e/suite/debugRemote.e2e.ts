// Debugging a remote plugin inside a real VS Code, as an author does it: a node-remote plugin made by New Plugin, a
// breakpoint in its plugin.js, the `mockforge` configuration started with a saved request. The provider starts the
// service (remote.dev.command) under VS Code's JavaScript debugger and, once its health check passes, sends the saved
// request: the service stops at the breakpoint, and after `continue` the reply opens as a report document. Stopping
// the session closes the service's port.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MockforgeApi } from '../../../client/src/extension';
import { REPORT_SCHEME } from '../../../client/src/reports';
import { extensionApi, listening, workspaceRoot } from './helpers';

interface DapMessage {
  type?: string;
  event?: string;
  body?: { reason?: string; threadId?: number };
}

interface Stop {
  session: vscode.DebugSession;
  message: DapMessage;
}

/** Every `stopped` event of every debug session (js-debug stops in a child session of the one we launch). */
function recordStops(): { stops: Stop[]; next: () => Promise<Stop>; dispose: () => void } {
  const stops: Stop[] = [];
  const waiting: Array<(s: Stop) => void> = [];
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (message: DapMessage) => {
        if (message.type !== 'event' || message.event !== 'stopped') return;
        const stop = { session, message };
        stops.push(stop);
        waiting.splice(0).forEach((w) => w(stop));
      },
    }),
  });
  return {
    stops,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    dispose: () => tracker.dispose(),
  };
}

/** The session started for our launch (the provider turned `mockforge` into a `node` launch carrying what to send). */
function launched(name: string): Promise<vscode.DebugSession> {
  return new Promise((resolve) => {
    const sub = vscode.debug.onDidStartDebugSession((s) => {
      if (s.name === name && s.parentSession === undefined) {
        sub.dispose();
        resolve(s);
      }
    });
  });
}

function ended(session: vscode.DebugSession): Promise<void> {
  return new Promise((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession((s) => {
      if (s.id === session.id) {
        sub.dispose();
        resolve();
      }
    });
  });
}

/** The reply sendWhenReady shows as the report `replies/debug-<plugin>-<request>.json`, once it is set. */
function replyShown(plugin: string, request: string): Promise<{ success: boolean; result?: unknown; error?: unknown }> {
  const uri = vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/replies/debug-${plugin}-${request}.json` }).toString();
  return new Promise((resolve) => {
    const subs = [
      vscode.workspace.onDidOpenTextDocument((d) => check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => check(e.document)),
    ];
    function check(d: vscode.TextDocument): void {
      if (d.uri.toString() !== uri || d.getText() === '') return;
      subs.forEach((s) => s.dispose());
      resolve(JSON.parse(d.getText()) as { success: boolean; result?: unknown });
    }
  });
}

/** The editor reports a failed launch through the MockForge Host log (and an error message): capture its errors. */
function captureHostErrors(api: MockforgeApi): { seen: string[]; dispose: () => void } {
  const host = api.ctx.outputs.host;
  const original = host.error;
  const seen: string[] = [];
  host.error = (message: string | Error, ...args: unknown[]) => {
    seen.push(String(message));
    original.call(host, message, ...args);
  };
  return { seen, dispose: () => (host.error = original) };
}

suite('debugging a remote plugin', function () {
  this.timeout(180_000);
  let api: MockforgeApi;
  let port = 0;
  const id = 'debug-remote';
  const dir = (): string => path.join(workspaceRoot().fsPath, id);
  const source = (): vscode.Uri => vscode.Uri.file(path.join(dir(), 'plugin.js'));
  /** A breakpoint on the first line of plugin.js containing `text` (0-based line). */
  const breakpointAt = (text: string): { bp: vscode.SourceBreakpoint; line: number } => {
    const line = fs.readFileSync(source().fsPath, 'utf8').split('\n').findIndex((l) => l.includes(text));
    assert.ok(line >= 0, `the template still has the line \`${text}\``);
    return { bp: new vscode.SourceBreakpoint(new vscode.Location(source(), new vscode.Position(line, 0))), line };
  };
  const start = async (name: string, savedRequest: string): Promise<vscode.DebugSession> => {
    const session = launched(name);
    assert.equal(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'mockforge', request: 'launch', name, plugin: dir(), savedRequest }), true, 'the debug session starts');
    return session;
  };

  suiteSetup(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('mockforge.newPlugin', { language: 'node-remote', kind: 'template', id, folder: dir(), open: false });
    port = Number(/endpoint: http:\/\/127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(path.join(dir(), 'plugin.yaml'), 'utf8'))?.[1]);
    assert.ok(port > 0, 'the template has a loopback endpoint');
  });

  // A failed test may leave its session (and the service) running: end them all before the next test.
  teardown(async () => {
    await vscode.debug.stopDebugging();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.file(dir()), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('Debug remote: the service stops at a breakpoint in plugin.js, continue shows the reply, stop closes its port', async () => {
    assert.equal(await listening(port), false, 'nothing listens before the session');
    const { bp, line } = breakpointAt('return args[0].toUpperCase();');
    vscode.debug.addBreakpoints([bp]);
    const rec = recordStops();
    try {
      const reply = replyShown(id, 'upper');
      const stopped = rec.next();
      const session = await start('e2e remote debug', 'upper');
      assert.equal(session.type.replace(/^pwa-/, ''), 'node', 'a node-remote service runs under the JavaScript debugger');
      assert.equal(session.configuration.program, source().fsPath);
      const stop = await stopped;
      assert.equal(stop.message.body?.reason, 'breakpoint');
      assert.ok(stop.session.id === session.id || stop.session.parentSession?.id === session.id, 'stopped in the launched service (or its js-debug child session)');
      assert.equal(await listening(port), true, 'the request reached the service once it listened');

      const threadId = stop.message.body?.threadId ?? 0;
      const trace = await stop.session.customRequest('stackTrace', { threadId }) as { stackFrames: Array<{ name: string; line: number; source?: { path?: string } }> };
      const top = trace.stackFrames[0];
      const framePath = top.source?.path ?? '';
      // A remote window (code-server) may hand paths back as vscode-remote:// URIs of the same file.
      assert.equal(/^[a-z][a-z0-9+.-]*:\/\//i.test(framePath) ? vscode.Uri.parse(framePath).fsPath : framePath, source().fsPath, `top frame ${top.name} in ${framePath}`);
      assert.equal(top.line, line + 1, 'stopped on the breakpoint\'s line (DAP lines are 1-based)');
      assert.match(top.name, /executeFunction/);

      await stop.session.customRequest('continue', { threadId });
      assert.deepEqual(await reply, { success: true, result: { result: 'HELLO, WÖRLD' } }, 'the reply is shown once the service answers');

      const gone = ended(session);
      await vscode.debug.stopDebugging(session);
      await gone;
      assert.equal(await listening(port), false, 'the service\'s port is closed after the session stops');
      assert.equal(rec.stops.length, 1, 'one stop: the breakpoint');
    } finally {
      rec.dispose();
      vscode.debug.removeBreakpoints([bp]);
    }
  });

  test('Debug remote: a breakpoint the request never reaches does not hold up the reply', async () => {
    // `uuid` never reaches the `upper` branch (another saved request, so its own reply document).
    const { bp } = breakpointAt('return args[0].toUpperCase();');
    vscode.debug.addBreakpoints([bp]);
    const rec = recordStops();
    try {
      const reply = replyShown(id, 'uuid');
      const session = await start('e2e remote debug, breakpoint not hit', 'uuid');
      const shown = await reply;
      assert.equal(shown.success, true, JSON.stringify(shown));
      assert.match(String((shown.result as { result?: unknown } | undefined)?.result), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const gone = ended(session);
      await vscode.debug.stopDebugging(session);
      await gone;
      assert.deepEqual(rec.stops.map((s) => s.message.body?.reason), [], 'the service never stopped');
      assert.equal(await listening(port), false, 'the service\'s port is closed after the session stops');
    } finally {
      rec.dispose();
      vscode.debug.removeBreakpoints([bp]);
    }
  });

  test('Debug remote: when the endpoint\'s port is taken by another process the launch is refused, saying so', async () => {
    const other = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => other.listen(port, '127.0.0.1', resolve));
    const errors = captureHostErrors(api);
    const starts: vscode.DebugSession[] = [];
    const sub = vscode.debug.onDidStartDebugSession((s) => starts.push(s));
    try {
      const ok = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'mockforge', request: 'launch', name: 'e2e remote debug, port taken', plugin: dir(), savedRequest: 'upper' });
      assert.equal(ok, false, 'no session starts');
      assert.deepEqual(starts.map((s) => s.name), []);
      assert.equal(errors.seen.length, 1, errors.seen.join('\n'));
      assert.match(errors.seen[0], new RegExp(`${id}: port ${port} of remote\\.endpoint http://127\\.0\\.0\\.1:${port} is already in use by another process`));
    } finally {
      sub.dispose();
      errors.dispose();
      await new Promise((resolve) => other.close(resolve));
    }
  });
});
