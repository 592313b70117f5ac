// The problem matchers declared in package.json, fed with real compiler output: asc and go build run here on broken
// sources; TinyGo (not installable on these machines) comes from recorded output in test/fixtures. Compiler output
// goes through the build task's path anchoring first, as in the editor, and the matchers resolve relative paths
// against a workspace folder that is NOT the plugin folder (as VS Code does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyMatcher, loadMatchers } from './problemMatcher';
import { anchorLine, LineAnchorer } from '../../client/src/buildOutput';

const ROOT = path.resolve(__dirname, '../../..');
const matchers = loadMatchers(path.join(ROOT, 'package.json'));
const WORKSPACE = '/workspace-elsewhere';

function relayed(output: string, pluginDir: string): string {
  const lines: string[] = [];
  const anchor = new LineAnchorer(pluginDir, (l) => lines.push(l));
  // Chunk boundaries in the middle of lines, as pipes deliver them.
  for (let i = 0; i < output.length; i += 7) anchor.push(output.slice(i, i + 7));
  anchor.end();
  return lines.join('\n');
}

function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

test('$mockforge-asc locates real AssemblyScript compiler errors', () => {
  const dir = tempDir('mf-asc-');
  fs.mkdirSync(path.join(dir, 'assembly'));
  fs.writeFileSync(path.join(dir, 'assembly', 'index.ts'), [
    'export function authenticate(ptr: i32, len: i32): i64 {',
    '  const token: i32 = "secret";',
    '  return missing + 1;',
    '}',
    '',
  ].join('\n'));
  const asc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/assemblyscript/bin/asc.js'), 'assembly/index.ts', '-o', 'build/plugin.wasm'], { cwd: dir, encoding: 'utf8' });
  assert.equal(asc.status, 1, `asc should fail on the broken source:\n${asc.stdout}${asc.stderr}`);
  const problems = applyMatcher(matchers.get('mockforge-asc')!, relayed(asc.stdout + asc.stderr, dir), WORKSPACE);
  const file = path.join(dir, 'assembly', 'index.ts');
  assert.deepEqual(problems, [
    { file, line: 2, column: 22, severity: 'error', code: 'TS2322', message: "Type '~lib/string/String' is not assignable to type 'i32'." },
    { file, line: 3, column: 10, severity: 'error', code: 'TS2304', message: "Cannot find name 'missing'." },
  ]);
});

test('$mockforge-asc reports warnings as warnings', () => {
  const dir = tempDir('mf-asc-warn-');
  // Exporting a class is a warning in asc (AS235); a duplicate decorator is an error (AS213).
  fs.writeFileSync(path.join(dir, 'index.ts'), 'export function f(): i32 {\n  return 1;\n}\n// @ts-ignore\n@unmanaged export class A {}\n@final @final export class B {}\n');
  const asc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/assemblyscript/bin/asc.js'), 'index.ts', '-o', 'out.wasm'], { cwd: dir, encoding: 'utf8' });
  // asc colours its output when CI is set (as CI machines do); VS Code strips colour codes before matching, so do we.
  const output = stripVTControlCharacters(asc.stdout + asc.stderr);
  const problems = applyMatcher(matchers.get('mockforge-asc')!, relayed(output, dir), WORKSPACE);
  const headers = output.split('\n').filter((l) => /^(ERROR|WARNING|INFO)/.test(l));
  assert.ok(headers.length > 0, `asc printed no diagnostics:\n${output}`);
  assert.equal(problems.length, headers.length, `every diagnostic asc printed is matched:\n${output}`);
  for (const [i, h] of headers.entries()) {
    assert.equal(problems[i].severity, h.startsWith('WARNING') ? 'warning' : h.startsWith('INFO') ? 'info' : 'error');
    assert.equal(problems[i].file, path.join(dir, 'index.ts'));
  }
});

test('$mockforge-go locates real go build errors', () => {
  const dir = tempDir('mf-go-');
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/plugin\n\ngo 1.24\n');
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {\n\tcount := 1\n\ttotal = 2\n}\n');
  const go = spawnSync('go', ['build', '-o', 'plugin.wasm', '.'], {
    cwd: dir, encoding: 'utf8',
    env: { ...process.env, GOOS: 'wasip1', GOARCH: 'wasm', GOFLAGS: '-mod=mod', GOCACHE: path.join(os.tmpdir(), 'mf-go-cache') },
  });
  assert.equal(go.status, 1, `go build should fail:\n${go.stdout}${go.stderr}`);
  const problems = applyMatcher(matchers.get('mockforge-go')!, relayed(go.stdout + go.stderr, dir), WORKSPACE);
  const file = path.join(dir, 'main.go');
  assert.deepEqual(problems, [
    { file, line: 4, column: 2, severity: 'error', message: 'declared and not used: count' },
    { file, line: 5, column: 2, severity: 'error', message: 'undefined: total' },
  ]);
});

test('$mockforge-tinygo locates recorded TinyGo errors and ignores lines without a source position', () => {
  const output = fs.readFileSync(path.join(ROOT, 'test/fixtures/matchers/tinygo-output.txt'), 'utf8');
  const problems = applyMatcher(matchers.get('mockforge-tinygo')!, relayed(output, '/work/plugin'), WORKSPACE);
  const lib = '/usr/local/Cellar/go/1.16.5/libexec/src/internal/syscall/unix';
  assert.deepEqual(problems, [
    { file: '/work/plugin/main.go', line: 4, column: 6, severity: 'error', message: 'can only use //go:wasmimport on declarations' },
    { file: `${lib}/at.go`, line: 44, column: 52, severity: 'error', message: 'Stat_t not declared by package syscall' },
    { file: `${lib}/nonblocking.go`, line: 13, column: 36, severity: 'error', message: 'SYS_FCNTL not declared by package syscall' },
    { file: '/work/plugin/match.go', line: 24, column: 25, severity: 'error', message: 'undefined: ErrEmptyBuffer' },
  ]);
});

test('colour codes in a terminal task do not hide problems', () => {
  const coloured = '\x1b[91mERROR\x1b[0m TS2304: Cannot find name \'x\'.\n   :\n 3 │ return x;\n   │        ~\n   └─ in assembly/index.ts(3,10)\n';
  const problems = applyMatcher(matchers.get('mockforge-asc')!, coloured, WORKSPACE);
  assert.deepEqual(problems, [{ file: `${WORKSPACE}/assembly/index.ts`, line: 3, column: 10, severity: 'error', code: 'TS2304', message: "Cannot find name 'x'." }]);
});

test('path anchoring rewrites only relative source locations', () => {
  assert.equal(anchorLine('   \u2514\u2500 in assembly/index.ts(2,14)', '/p'), '   \u2514\u2500 in /p/assembly/index.ts(2,14)');
  assert.equal(anchorLine('./main.go:4:2: declared and not used: x', '/p'), '/p/main.go:4:2: declared and not used: x');
  assert.equal(anchorLine('/abs/main.go:4:2: x', '/p'), '/abs/main.go:4:2: x');
  assert.equal(anchorLine('  --> src/lib.rs:3:5', '/p'), '  --> /p/src/lib.rs:3:5');
  assert.equal(anchorLine('plugin.c:7:3: error: expected', '/p'), '/p/plugin.c:7:3: error: expected');
  assert.equal(anchorLine('# command-line-arguments', '/p'), '# command-line-arguments');
  assert.equal(anchorLine('wasm-ld: error: lto.tmp: undefined symbol: x', '/p'), 'wasm-ld: error: lto.tmp: undefined symbol: x');
});

test('problem matcher patterns are plain ASCII (the web workbench does not match literal box-drawing characters)', () => {
  const pkg = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const json = JSON.parse(pkg) as { contributes: { problemMatchers: unknown[] } };
  assert.doesNotMatch(JSON.stringify(json.contributes.problemMatchers), /[^ -~]/);
});
