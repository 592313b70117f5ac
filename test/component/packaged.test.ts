// The packaged extension (the files `vsce package --no-dependencies` puts in the .vsix: esbuild bundles, wit/, …)
// runs and builds components with no node_modules anywhere: its files are copied to a folder outside the checkout
// and its dist/cli.js is run from there with NODE_PATH unset and a fresh transpile cache, so the bundled
// preview2-shim and jco transpiler (dist/component/) do the work.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, DidOpenTextDocumentNotification, ExitNotification, InitializeRequest, InitializedNotification,
  PublishDiagnosticsNotification, ShutdownRequest, StreamMessageReader, StreamMessageWriter, createProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver/node';
import { CODES } from '../../server/src/manifest/diagnostic';
import { FIXTURES, REPO, buildCComponent, buildJsComponent, writeTemp } from './build';

/** The .vsix's file list, from vsce itself. */
function packagedFiles(): string[] {
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`vsce ls failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('packaged extension: components without node_modules', () => {
  let root = '';
  let ext = '';
  let env: NodeJS.ProcessEnv = {};
  const ctx = { method: 'GET', uri: '/p', headers: {} };

  before(() => {
    root = writeTemp('mf-packaged-', {});
    ext = path.join(root, 'extension');
    for (const f of packagedFiles()) {
      mkdirSync(path.dirname(path.join(ext, f)), { recursive: true });
      cpSync(path.join(REPO, f), path.join(ext, f));
    }
    env = { ...process.env, MOCKFORGE_CACHE_DIR: path.join(root, 'cache') };
    delete env.NODE_PATH;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const cli = (args: string[], input?: string, extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [path.join(ext, 'dist', 'cli.js'), ...args], { cwd: root, env: { ...env, ...extraEnv }, input, encoding: 'utf8' });

  test('no node_modules above the copy; the component runtime files are in it', () => {
    for (let d = ext; path.dirname(d) !== d; d = path.dirname(d)) assert.equal(existsSync(path.join(d, 'node_modules')), false, `${d}/node_modules`);
    for (const f of ['shim.js', 'jco.js', 'worker-thread.bundle.js', 'wasi_snapshot_preview1.reactor.wasm', 'package.json']) {
      assert.ok(existsSync(path.join(ext, 'dist', 'component', f)), `dist/component/${f} is packaged`);
    }
  });

  test('a ComponentizeJS component: transpiled by the bundled jco, run on the bundled shim', () => {
    const plugin = path.join(root, 'js');
    cpSync(buildJsComponent(), plugin, { recursive: true });
    const input = JSON.stringify({ context: ctx, credentials: { type: 'bearer', token: 'letmein' } });
    const r = cli(['run', plugin, '--call', 'authenticate', '--input', '-', '--compact', '--timeout', '60000'], input);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).result.user_id, 'js-user');
    assert.ok(readFileSync(path.join(root, 'cache', 'components', readdirOne(path.join(root, 'cache', 'components')), 'plugin.js'), 'utf8').includes('export function instantiate(getCoreModule, imports'));
    const q = cli(['run', plugin, '--call', 'execute_function', '--input', '-', '--compact', '--timeout', '60000'],
      JSON.stringify({ function_name: 'uppercase', args: ['packaged'], context: ctx }));
    assert.deepEqual(JSON.parse(q.stdout), { success: true, result: { result: 'PACKAGED' } });
  });

  test('build from the package: clang + jco new with the packaged preview1 adapter, then run', () => {
    const plugin = path.join(root, 'c');
    cpSync(path.join(FIXTURES, 'c-auth'), plugin, { recursive: true });
    const b = cli(['build', plugin]);
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stderr, /WASI preview1 reactor adapter/);
    const r = cli(['run', plugin, '--call', 'authenticate', '--input', '-', '--compact'], JSON.stringify({ context: ctx, credentials: { type: 'bearer', token: 'letmein' } }));
    assert.equal(JSON.parse(r.stdout).result.user_id, 'c-user', r.stderr);
  });

  test('check from the package: the bundled jco reads the world, a declared kind it lacks is an error', () => {
    const plugin = path.join(root, 'c-check');
    cpSync(buildCComponent(), plugin, { recursive: true });
    const yaml = path.join(plugin, 'plugin.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace('types: [auth]', 'types: [auth, response]'));
    const r = cli(['check', plugin, '--format', 'json']);
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { code: string; message: string }[];
    assert.deepEqual(findings.map((f) => f.code), [CODES.missingExport], r.stdout);
    assert.match(findings[0].message, /`response` needs the operation `generate-response`/);
  });

  test('the language server from the package: the same world check in the editor', { timeout: 120_000 }, async () => {
    const plugin = path.join(root, 'c-lsp');
    cpSync(buildCComponent(), plugin, { recursive: true });
    const yaml = path.join(plugin, 'plugin.yaml');
    const text = readFileSync(yaml, 'utf8').replace('types: [auth]', 'types: [auth, response]');
    writeFileSync(yaml, text);
    const uri = pathToFileURL(yaml).href;
    const proc = spawn(process.execPath, [path.join(ext, 'dist', 'server.js'), '--stdio'], { cwd: root, env, stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const found = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      if (p.uri === uri && p.diagnostics.some((d) => d.code === CODES.missingExport || d.code === CODES.componentWorld)) resolve(p);
    }));
    conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({ manifest: { enable: true, severity: {} } })));
    conn.listen();
    try {
      await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(plugin).href, workspaceFolders: null, capabilities: { workspace: { configuration: true } } });
      await conn.sendNotification(InitializedNotification.type, {});
      await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const p = await found;
      assert.deepEqual(p.diagnostics.map((d) => d.code), [CODES.missingExport], JSON.stringify(p.diagnostics));
      const message = p.diagnostics[0].message;
      assert.match(typeof message === 'string' ? message : message.value, /`response` needs the operation `generate-response`/);
    } finally {
      await conn.sendRequest(ShutdownRequest.type);
      await conn.sendNotification(ExitNotification.type);
      await new Promise((r) => proc.once('exit', r));
      conn.dispose();
    }
  });

  test('componentize-js without jco installed: exit 2 with how to install it', () => {
    const plugin = path.join(root, 'js-src');
    cpSync(path.join(FIXTURES, 'js-plugin'), plugin, { recursive: true });
    const r = cli(['build', plugin], undefined, { PATH: path.dirname(process.execPath) });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /jco \(ComponentizeJS\) is not installed or not on PATH\.\n {2}hint: install jco .*npm install --save-dev @bytecodealliance\/jco@~1\.35 @bytecodealliance\/preview2-shim@0\.26\.0/);
  });
});

function readdirOne(dir: string): string {
  // index/ holds the remembered content hashes (identity.ts); the rest are transpilations.
  const entries = readdirSync(dir).filter((e) => e !== 'index');
  assert.equal(entries.length, 1, `one transpilation in ${dir}: ${entries.join(', ')}`);
  return entries[0];
}
