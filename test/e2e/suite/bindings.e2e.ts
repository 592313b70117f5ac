// Generate Bindings from WIT… inside a real VS Code: the repo's wit/ package becomes Go and TypeScript bindings in a
// temporary folder (the file is opened, and it compiles: gofmt parses the Go, tsc --strict checks the TypeScript); a
// broken .wit in the workspace puts its error in Problems at the right line and column. Also: every command the
// extension contributes is registered, and the new ones sit in the menus the issue names.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import ts from 'typescript';
import { diagnosticsWhere, EXTENSION_ID, extensionApi, workspaceRoot } from './helpers';

/** The repo's WIT package (the suite runs from the checkout's out/test/e2e/suite in both runs). */
const REPO_WIT = path.resolve(__dirname, '../../../../wit');

/** gofmt from PATH, or from the usual Go installs (the extension host's PATH may not include them). */
function findGofmt(): string | undefined {
  const candidates = ['gofmt', ...[process.env.GOROOT, '/usr/local/go'].filter((d): d is string => !!d).map((d) => path.join(d, 'bin', 'gofmt'))];
  return candidates.find((c) => !spawnSync(c, ['-h'], { encoding: 'utf8' }).error);
}

interface Generated {
  file: string;
  language: string;
  output: string;
}

suite('Generate Bindings from WIT', function () {
  this.timeout(120_000);
  let out: string;

  suiteSetup(async () => {
    await extensionApi();
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-e2e-bindings-'));
  });

  suiteTeardown(() => {
    fs.rmSync(out, { recursive: true, force: true });
  });

  test('Go bindings from the repo\'s wit/ land in the chosen folder, open, and parse as Go', async () => {
    const target = path.join(out, 'go');
    const result = await vscode.commands.executeCommand<Generated>('mockforge.generateBindings', { wit: REPO_WIT, language: 'go', out: target });
    assert.equal(result.file, path.join(target, 'types_gen.go'));
    const text = fs.readFileSync(result.file, 'utf8');
    assert.match(text, /^package mockforge$/m);
    assert.match(text, /^type AuthCredentials struct \{$/m);
    assert.match(result.output, /types from mockforge:plugin@0\.1\.0/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, result.file, 'the generated file is open');
    const gofmt = findGofmt();
    if (!gofmt) {
      console.log('gofmt not found (PATH, $GOROOT, /usr/local/go): the Go file\'s syntax is not checked here');
    } else {
      const check = spawnSync(gofmt, ['-e', '-l', result.file], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      assert.equal(check.stderr, '', 'gofmt parses the generated Go');
    }
  });

  test('TypeScript bindings from the repo\'s wit/ type-check under tsc --strict', async () => {
    const target = path.join(out, 'ts');
    const result = await vscode.commands.executeCommand<Generated>('mockforge.generateBindings', { wit: REPO_WIT, language: 'typescript', out: target, open: false });
    assert.equal(result.file, path.join(target, 'types.gen.ts'));
    assert.match(fs.readFileSync(result.file, 'utf8'), /export interface AuthCredentials \{/);
    // atob/btoa (base64 fields) are globals in Node and browsers alike; lib.dom declares them.
    const program = ts.createProgram([result.file], { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    assert.deepEqual(problems, []);
  });

  test('a broken .wit: the command fails with the location, and Problems shows the error at its line and column', async () => {
    const dir = vscode.Uri.joinPath(workspaceRoot(), 'broken-wit');
    const file = vscode.Uri.joinPath(dir, 'api.wit');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('package demo:api@0.1.0;\n\ninterface api {\n  record r {\n    a: strin,\n  }\n}\n'));
    try {
      const target = path.join(out, 'broken');
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('mockforge.generateBindings', { wit: dir.fsPath, language: 'python', out: target })),
        (err: Error) => {
          assert.match(err.message, /broken-wit[/\\]api\.wit:5:8: .*strin/);
          return true;
        },
      );
      assert.equal(fs.existsSync(target), false, 'nothing generated');
      const diags = vscode.languages.getDiagnostics(file).filter((d) => d.source === 'mockforge codegen');
      assert.equal(diags.length >= 1, true, JSON.stringify(vscode.languages.getDiagnostics(file)));
      assert.equal(diags[0].range.start.line, 4);
      assert.equal(diags[0].range.start.character, 7);
      assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    } finally {
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
    }
    // The folder is gone: so are its entries in Problems.
    await diagnosticsWhere(file, (d) => !d.some((x) => x.source === 'mockforge codegen'), 'the codegen errors of the deleted file to go');
  });

  test('from a menu on one file of a multi-file package (wit/worlds.wit), the whole package is generated', async () => {
    const target = path.join(out, 'py');
    const worlds = vscode.Uri.file(path.join(REPO_WIT, 'worlds.wit'));
    const result = await vscode.commands.executeCommand<Generated>('mockforge.generateBindings', worlds, { language: 'python', out: target, open: false });
    assert.equal(result.file, path.join(target, 'types_gen.py'));
    assert.match(result.output, /\(\d+ types from mockforge:plugin@0\.1\.0\)/);
    assert.match(fs.readFileSync(result.file, 'utf8'), /^# generated by mockforge-plugin codegen from wit\/ /, 'generated from the wit/ package, not the file alone');
  });

  test('an unknown language is refused with the list of languages', async () => {
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('mockforge.generateBindings', { wit: REPO_WIT, language: 'cobol', out })), /unknown language "cobol" \(one of go, assemblyscript, python, typescript\)/);
  });

  test('every contributed command is registered, and the new ones are in the palette and context menus', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { commands: { command: string }[]; menus: Record<string, { command: string; when?: string }[]> };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of pkg.contributes.commands) assert.ok(registered.has(command), `${command} is registered`);
    // The command list, each contributed.
    for (const id of ['newPlugin', 'buildPlugin', 'runPlugin', 'debugPlugin', 'validateWorkspace', 'generateBindings', 'inspectWasm', 'startRemotePlugin', 'stopRemotePlugin', 'showHostLog']) {
      assert.ok(pkg.contributes.commands.some((c) => c.command === `mockforge.${id}`), `mockforge.${id} is contributed`);
    }
    const hidden = new Set((pkg.contributes.menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command));
    for (const id of ['mockforge.generateBindings', 'mockforge.startRemotePlugin', 'mockforge.stopRemotePlugin']) assert.ok(!hidden.has(id), `${id} is in the palette`);
    const inMenu = (menu: string, id: string) => (pkg.contributes.menus[menu] ?? []).some((m) => m.command === id);
    assert.ok(inMenu('explorer/context', 'mockforge.generateBindings'));
    assert.ok(inMenu('editor/context', 'mockforge.generateBindings'));
    assert.ok(inMenu('explorer/context', 'mockforge.startRemotePlugin') && inMenu('explorer/context', 'mockforge.stopRemotePlugin'));
    assert.ok(inMenu('view/item/context', 'mockforge.startRemotePlugin') && inMenu('view/item/context', 'mockforge.stopRemotePlugin'));
    await vscode.commands.executeCommand('mockforge.showHostLog');
  });
});
