// The packaged extension (the files `vsce package --no-dependencies` puts in the .vsix) runs Python plugins with no
// node_modules and no host/ sources: its files are copied to a folder outside the checkout and its dist/cli.js makes
// and runs a python-pyodide template from there with NODE_PATH unset and an empty cache, so the Pyodide runtime, the
// glue and the SDK all come from dist/pyodide/ (and the sandbox's read allow-list must point there).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** The .vsix's file list, from vsce itself. */
function packagedFiles(): string[] {
  const vsce = path.join(REPO, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`vsce ls failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('packaged extension: Python plugins without node_modules', () => {
  let root = '';
  let ext = '';
  let files: string[] = [];
  let env: NodeJS.ProcessEnv = {};

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mf-packaged-pyodide-'));
    ext = path.join(root, 'extension');
    files = packagedFiles();
    for (const f of files) {
      mkdirSync(path.dirname(path.join(ext, f)), { recursive: true });
      cpSync(path.join(REPO, f), path.join(ext, f));
    }
    env = { ...process.env, MOCKFORGE_CACHE_DIR: path.join(root, 'cache') };
    delete env.NODE_PATH;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const cli = (args: string[]) =>
    spawnSync(process.execPath, [path.join(ext, 'dist', 'cli.js'), ...args], { cwd: root, env, encoding: 'utf8' });

  test('the package carries the Pyodide runtime and the Python files, and nothing of node_modules or host/', () => {
    for (let d = ext; path.dirname(d) !== d; d = path.dirname(d)) assert.equal(existsSync(path.join(d, 'node_modules')), false, `${d}/node_modules`);
    for (const f of ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'package.json',
      'python/mockforge_pyodide.py', 'python/mockforge_host.py', 'python/pydantic.py', 'python/mockforge_plugin/__init__.py', 'python/mockforge_plugin/plugin.py']) {
      assert.ok(files.includes(`dist/pyodide/${f}`), `dist/pyodide/${f} is in vsce's file list`);
    }
    assert.deepEqual(files.filter((f) => f.startsWith('node_modules/') || f.startsWith('host/')), []);
  });

  test('new --lang python-pyodide --type template, then run: first start makes the snapshot, the next restores it', () => {
    const dir = path.join(root, 'py-template');
    const made = cli(['new', dir, '--lang', 'python-pyodide', '--type', 'template', '--id', 'py-packaged']);
    assert.equal(made.status, 0, made.stdout + made.stderr);
    const request = path.join(dir, '.mockforge', 'requests', 'upper.json');
    assert.ok(existsSync(request), `${request} was made`);
    const first = cli(['run', dir, '--request', request, '--compact']);
    assert.equal(first.status, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /^\{"success":true,"result":\{"result":/);
    const snapshots = readdirSync(path.join(root, 'cache', 'pyodide')).filter((f) => f.endsWith('.snapshot'));
    assert.equal(snapshots.length, 1, snapshots.join(', '));
    const second = cli(['run', dir, '--request', request, '--compact']);
    assert.equal(second.status, 0, second.stdout + second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.doesNotMatch(second.stderr, /could not be used/);
  });

  test('its saved requests pass under `test` from the package', () => {
    const dir = path.join(root, 'py-template');
    const r = cli(['test', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, / passed, 0 failed/);
  });
});
