// Debugging a plugin inside a real VS Code: an AssemblyScript plugin made and built through the commands, a
// breakpoint set in its assembly/index.ts, the `mockforge` configuration started. With the module's source map the
// session is MockForge's own wasm debug adapter: it stops at that line of the AssemblyScript source, then runs on to
// the reply. Without a source map the same configuration falls back to the runner under the JavaScript debugger.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, workspaceRoot } from './helpers';

interface DapMessage {
  type?: string;
  event?: string;
  body?: { output?: string; reason?: string; threadId?: number; exitCode?: number };
}

/** Every message each debug session sends, and a wait for the first one a test is after. */
function recordSessions(): { messages: Map<string, DapMessage[]>; next: (accept: (sessionId: string, m: DapMessage) => boolean) => Promise<DapMessage>; dispose: () => void } {
  const messages = new Map<string, DapMessage[]>();
  const waiting: Array<{ accept: (sessionId: string, m: DapMessage) => boolean; resolve: (m: DapMessage) => void }> = [];
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('*', {
    createDebugAdapterTracker: (session) => ({
      onDidSendMessage: (m: DapMessage) => {
        const list = messages.get(session.id) ?? [];
        list.push(m);
        messages.set(session.id, list);
        for (const w of [...waiting]) {
          if (w.accept(session.id, m)) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(m);
          }
        }
      },
    }),
  });
  return {
    messages,
    next: (accept) => {
      for (const [id, list] of messages) {
        const seen = list.find((m) => accept(id, m));
        if (seen) return Promise.resolve(seen);
      }
      return new Promise((resolve) => waiting.push({ accept, resolve }));
    },
    dispose: () => tracker.dispose(),
  };
}

function outputOf(messages: DapMessage[] | undefined): string[] {
  return (messages ?? []).filter((m) => m.type === 'event' && m.event === 'output' && m.body?.output).map((m) => m.body!.output!);
}

function replyIn(output: string[]): { success: boolean; result?: { authenticated?: boolean } } | undefined {
  const line = output.join('').split('\n').map((l) => l.trim()).find((l) => l.startsWith('{"success"'));
  return line ? JSON.parse(line) as { success: boolean; result?: { authenticated?: boolean } } : undefined;
}

function sessionEnded(match: (s: vscode.DebugSession) => boolean): Promise<vscode.DebugSession> {
  return new Promise((resolve) => {
    const sub = vscode.debug.onDidTerminateDebugSession((s) => {
      if (match(s)) {
        sub.dispose();
        resolve(s);
      }
    });
  });
}

suite('debugging', function () {
  this.timeout(180_000);
  const dir = (): string => path.join(workspaceRoot().fsPath, 'debug-auth');

  suiteSetup(async function () {
    if (process.env.MOCKFORGE_E2E_INSTALLED === '1') {
      console.log('skipped in the packaged-.vsix run: building AssemblyScript needs asc, which the .vsix does not ship');
      this.skip();
    }
    await extensionApi();
    await vscode.commands.executeCommand('mockforge.newPlugin', { language: 'assemblyscript', kind: 'auth', id: 'debug-auth', folder: dir(), open: false });
    assert.equal(await vscode.commands.executeCommand<number>('mockforge.buildPlugin', { plugin: dir() }), 0, 'the plugin builds');
    assert.ok(fs.existsSync(path.join(dir(), 'build', 'plugin.wasm.map')), 'asc wrote the source map');
  });

  suiteTeardown(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await vscode.workspace.fs.delete(vscode.Uri.file(dir()), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('Debug: a breakpoint in assembly/index.ts stops at that line through the mockforge adapter; continue prints the reply', async () => {
    const source = vscode.Uri.file(path.join(dir(), 'assembly', 'index.ts'));
    const line = fs.readFileSync(source.fsPath, 'utf8').split('\n').findIndex((l) => l.includes('const token = credentials.token;'));
    assert.ok(line >= 0, 'the template still has the line this test stops at');
    const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(source, new vscode.Position(line, 0)));
    vscode.debug.addBreakpoints([breakpoint]);
    const rec = recordSessions();
    try {
      const started = new Promise<vscode.DebugSession>((resolve) => {
        const sub = vscode.debug.onDidStartDebugSession((s) => {
          if (s.type === 'mockforge') {
            sub.dispose();
            resolve(s);
          }
        });
      });
      const ended = sessionEnded((s) => s.type === 'mockforge');
      const stopped = rec.next((_, m) => m.type === 'event' && m.event === 'stopped');
      assert.equal(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'mockforge', request: 'launch', name: 'e2e wasm debug', plugin: dir(), savedRequest: 'valid-token' }), true);
      const session = await started;
      assert.equal(session.type, 'mockforge', 'a built AssemblyScript plugin with a source map is debugged by our adapter, not js-debug');
      const stop = await stopped;
      assert.equal(stop.body?.reason, 'breakpoint');

      const trace = await session.customRequest('stackTrace', { threadId: stop.body?.threadId ?? 1 }) as { stackFrames: Array<{ id: number; name: string; line: number; source?: { path?: string } }> };
      const top = trace.stackFrames[0];
      // A remote window (code-server) hands the adapter's paths back as vscode-remote:// URIs of the same file.
      const framePath = top.source?.path ?? '';
      assert.equal(/^[a-z][a-z0-9+.-]*:\/\//i.test(framePath) ? vscode.Uri.parse(framePath).fsPath : framePath, source.fsPath, `top frame ${top.name} in ${framePath}`);
      assert.equal(top.line, line + 1, 'stopped on the breakpoint\'s line (DAP lines are 1-based)');
      assert.match(top.name, /authenticate/);
      const { scopes } = await session.customRequest('scopes', { frameId: top.id }) as { scopes: Array<{ name: string; variablesReference: number }> };
      const locals = scopes.find((s) => s.name === 'Locals');
      assert.ok(locals, `scopes: ${scopes.map((s) => s.name).join(', ')}`);
      const { variables } = await session.customRequest('variables', { variablesReference: locals.variablesReference }) as { variables: Array<{ name: string; value: string }> };
      assert.equal(variables.find((v) => v.name === 'secret')?.value, '"letmein"', 'the configured token, shown as the AssemblyScript string');

      await session.customRequest('continue', { threadId: stop.body?.threadId ?? 1 });
      await ended;
      const reply = replyIn(outputOf(rec.messages.get(session.id)));
      assert.ok(reply, `the runner printed the reply in the debug console:\n${outputOf(rec.messages.get(session.id)).join('')}`);
      assert.equal(reply.success, true);
      assert.equal(reply.result?.authenticated, true);
    } finally {
      rec.dispose();
      vscode.debug.removeBreakpoints([breakpoint]);
    }
  });

  test('Debug: without a source map the mockforge launch falls back to the runner under the JavaScript debugger', async () => {
    const map = path.join(dir(), 'build', 'plugin.wasm.map');
    const kept = `${map}.kept`;
    fs.renameSync(map, kept);
    const rec = recordSessions();
    try {
      const ended = sessionEnded((s) => String(s.configuration.program ?? '').endsWith('debug-runner.js'));
      assert.equal(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'mockforge', request: 'launch', name: 'e2e node fallback', plugin: dir(), savedRequest: 'valid-token' }), true);
      const runner = await ended;
      assert.equal(runner.configuration.type.replace(/^pwa-/, ''), 'node');
      // js-debug runs the program in a child session: the reply is in one of the sessions' output.
      const reply = [...rec.messages.values()].map((m) => replyIn(outputOf(m))).find((r) => r !== undefined);
      assert.ok(reply, 'the runner printed the reply in the debug console');
      assert.equal(reply.result?.authenticated, true);
    } finally {
      rec.dispose();
      fs.renameSync(kept, map);
    }
  });

  test('Debug: a plugin that traps stops at the trapping line of assembly/index.ts with the trap message', async () => {
    // Runs last: it adds a trap to the plugin's source and rebuilds.
    const source = path.join(dir(), 'assembly', 'index.ts');
    const lines = fs.readFileSync(source, 'utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('let presented = token != null'));
    assert.ok(at >= 0, 'the template still has the line this test adds its trap after');
    lines.splice(at + 1, 0, "    if (presented == 'trap-now') unreachable();");
    fs.writeFileSync(source, lines.join('\n'));
    assert.equal(await vscode.commands.executeCommand<number>('mockforge.buildPlugin', { plugin: dir() }), 0, 'the plugin builds with its trap');
    const requests = path.join(dir(), '.mockforge', 'requests');
    const valid = JSON.parse(fs.readFileSync(path.join(requests, 'valid-token.json'), 'utf8')) as { name: string; input: { credentials: { token: string } }; expect?: unknown };
    valid.name = 'trap';
    valid.input.credentials.token = 'trap-now';
    delete valid.expect;
    fs.writeFileSync(path.join(requests, 'trap.json'), JSON.stringify(valid));
    const rec = recordSessions();
    try {
      const ended = sessionEnded((s) => s.type === 'mockforge');
      const stopped = rec.next((_, m) => m.type === 'event' && m.event === 'stopped');
      assert.equal(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'mockforge', request: 'launch', name: 'e2e wasm trap', plugin: dir(), savedRequest: 'trap' }), true);
      const stop = await stopped;
      assert.equal(stop.body?.reason, 'exception', 'the "Plugin traps" filter is on by default');
      const session = vscode.debug.activeDebugSession!;
      const trace = await session.customRequest('stackTrace', { threadId: stop.body?.threadId ?? 1 }) as { stackFrames: Array<{ name: string; line: number }> };
      assert.equal(trace.stackFrames[0].line, at + 2, `stopped on the unreachable() line, at ${trace.stackFrames[0].name}:${trace.stackFrames[0].line}`);
      const info = await session.customRequest('exceptionInfo', { threadId: stop.body?.threadId ?? 1 }) as { description?: string };
      assert.match(info.description ?? '', /unreachable/);
      await session.customRequest('continue', { threadId: stop.body?.threadId ?? 1 });
      await ended;
      const reply = [...rec.messages.values()].map((m) => replyIn(outputOf(m))).find((r) => r !== undefined);
      assert.equal(reply?.success, false, 'the host still replies with the trap as an error');
    } finally {
      rec.dispose();
    }
  });
});
