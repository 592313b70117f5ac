// The WIT TextMate grammar checked by vscode-tmgrammar-test against its annotated test files
// (test/fixtures/grammar/*.wit: `// SYNTAX TEST "source.wit"` header, `^^^ scope` assertion lines). The tool reads
// the grammar the way VS Code does: from package.json's contributes.grammars.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const PKG = path.dirname(require.resolve('vscode-tmgrammar-test/package.json'));
const BIN = path.join(PKG, (JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin['vscode-tmgrammar-test']);
const CASES = ['package-and-comments.wit', 'resources-and-worlds.wit', 'types.wit'];

function run(...args: string[]) {
  return spawnSync(process.execPath, [BIN, '--compact', ...args], { cwd: ROOT, encoding: 'utf8' });
}

test('vscode-tmgrammar-test: every assertion of test/fixtures/grammar/*.wit holds', () => {
  const r = run('test/fixtures/grammar/*.wit');
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  for (const name of CASES) assert.match(r.stdout, new RegExp(`✓ test/fixtures/grammar/${name.replace('.', '\\.')} run successful`), r.stdout);
});

test('vscode-tmgrammar-test fails, with the line, when the grammar gives another scope', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mf-grammar-'));
  try {
    const file = path.join(dir, 'wrong.wit');
    writeFileSync(file, '// SYNTAX TEST "source.wit" "a wrong expectation"\ninterface x {}\n// <--------- keyword.other.wit\n');
    const r = run(file);
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stdout, /wrong\.wit:2:1:10 Missing required scopes: \[ keyword\.other\.wit \] actual scopes: \[source\.wit keyword\.declaration\.interface\.wit\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
