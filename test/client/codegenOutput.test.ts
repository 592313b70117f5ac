// Generate Bindings reads the real CLI's codegen output: the written file, or the WIT errors located at file:line:col.
// Checked against `node dist/cli.js codegen` run on real WIT (the repo's wit/ and a broken copy), not recorded text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { languageForPlugin, parseLocatedErrors, parseWrittenFile } from '../../client/src/codegenOutput';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function codegen(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'codegen', ...args], { cwd, encoding: 'utf8' });
}

test('the written file is read from codegen\'s stdout, relative to its working folder', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-codegen-out-'));
  try {
    const r = codegen(ROOT, '--wit', 'wit', '--lang', 'go', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const file = parseWrittenFile(r.stdout, ROOT);
    assert.equal(file, path.join(out, 'types_gen.go'));
    assert.ok(fs.existsSync(file!));
    // Printed relative when inside the working folder.
    const inside = path.join(ROOT, 'out', 'codegen-parse-test');
    const rel = codegen(ROOT, '--wit', 'wit', '--lang', 'typescript', '--out', inside);
    assert.equal(rel.status, 0, rel.stderr);
    assert.match(rel.stdout, /^wrote out\//);
    assert.equal(parseWrittenFile(rel.stdout, ROOT), path.join(inside, 'types.gen.ts'));
    fs.rmSync(inside, { recursive: true, force: true });
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  assert.equal(parseWrittenFile('nothing here\n', ROOT), undefined);
});

test('WIT errors are read with their file, line, column and message', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-codegen-bad-'));
  try {
    fs.writeFileSync(path.join(dir, 'api.wit'), 'package demo:api@0.1.0;\n\ninterface api {\n  record r {\n    a: strin,\n  }\n}\n');
    const r = codegen(dir, '--wit', '.', '--lang', 'python', '--out', path.join(dir, 'gen'));
    assert.equal(r.status, 2, r.stdout);
    const errors = parseLocatedErrors(r.stderr, dir);
    assert.ok(errors.length >= 1, r.stderr);
    assert.equal(errors[0].file, path.join(dir, 'api.wit'));
    assert.equal(errors[0].line, 5);
    assert.equal(errors[0].col, 8);
    assert.match(errors[0].message, /strin/);
    assert.equal(fs.existsSync(path.join(dir, 'gen')), false, 'nothing written on error');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  assert.deepEqual(parseLocatedErrors('mockforge-plugin: usage\n', '/x'), []);
});

test('the suggested bindings language follows the plugin\'s toolchain or service command', () => {
  assert.equal(languageForPlugin({ runtime: 'wasm', toolchain: 'asc' }), 'assemblyscript');
  assert.equal(languageForPlugin({ runtime: 'wasm', toolchain: 'tinygo' }), 'go');
  assert.equal(languageForPlugin({ runtime: 'wasm', toolchain: 'clang' }), undefined);
  assert.equal(languageForPlugin({ runtime: 'remote', devCommand: 'PORT=8080 python3 -m uvicorn app:app' }), 'python');
  assert.equal(languageForPlugin({ runtime: 'remote', devCommand: 'node plugin.js' }), 'typescript');
  assert.equal(languageForPlugin({ runtime: 'remote' }), undefined);
  assert.equal(languageForPlugin({ runtime: 'pyodide' }), 'python');
});
