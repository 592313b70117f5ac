// `mockforge-plugin check` as a user runs it: node dist/cli.js check … (text and JSON output, exit codes).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..');
const CLI = join(REPO, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'mf-check-'));
after(() => rmSync(work, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const p = join(work, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
  return p;
}
const check = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', ...args], { cwd: work, encoding: 'utf8' });

const GOOD = 'plugin:\n  id: good\n  version: "1.0.0"\n  name: Good\n  types: [auth]\n  runtime: remote\nremote:\n  protocol: http\n  endpoint: http://localhost:8080\n';
const BAD = 'plugin:\n  id: bad\n  version: "1.0.0"\n  name: Bad\n  types: [authentication]\n';
const WARN = GOOD.replace('http://localhost:8080', 'http://plugins.example.com');

test('text output: path:line:col: severity: message [code], 1-based; exit 1 on errors', () => {
  write('bad/plugin.yaml', BAD);
  const r = check('bad/plugin.yaml');
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stdout, 'bad/plugin.yaml:5:11: error: expected one of auth, template, response, datasource — got "authentication" [schema/enum]\n');
  assert.match(r.stderr, /1 target checked: 1 error, 0 warnings/);
});

test('warnings only exit 0; a clean manifest prints nothing', () => {
  write('warn/plugin.yaml', WARN);
  write('good/plugin.yaml', GOOD);
  const w = check('warn/plugin.yaml');
  assert.equal(w.status, 0);
  assert.match(w.stdout, /^warn\/plugin\.yaml:9:13: warning: plain http:\/\/ to plugins\.example\.com .* \[manifest\/insecure-http\]\n$/);
  const g = check('good/plugin.yaml');
  assert.equal(g.status, 0);
  assert.equal(g.stdout, '');
});

test('json output: 0-based ranges with file, severity, code and message', () => {
  write('bad/plugin.yaml', BAD);
  const r = check('--format', 'json', 'bad/plugin.yaml');
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), [{
    file: 'bad/plugin.yaml',
    range: { start: { line: 4, character: 10 }, end: { line: 4, character: 24 } },
    severity: 'error',
    code: 'schema/enum',
    message: 'expected one of auth, template, response, datasource — got "authentication"',
  }]);
});

test('directories are searched for plugin.yaml, skipping node_modules and .git', () => {
  const tree = join(work, 'tree');
  write('tree/a/plugin.yaml', BAD);
  write('tree/b/c/plugin.yml', WARN);
  write('tree/node_modules/x/plugin.yaml', BAD);
  write('tree/.git/plugin.yaml', BAD);
  const r = check('--format', 'json', tree);
  assert.equal(r.status, 1);
  const files = [...new Set((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file))].sort();
  assert.deepEqual(files, ['tree/a/plugin.yaml', 'tree/b/c/plugin.yml']);
});

test('WIT files and package directories are checked too', () => {
  write('witpkg/world.wit', 'package demo:pkg@0.1.0;\n\ninterface api {\n  run: func(x: strin) -> u32;\n}\n');
  const r = check('witpkg');
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^witpkg\/world\.wit:4:\d+: error: .+ \[wit\/[\w-]+\]$/m);
  write('okwit/ok.wit', 'package demo:ok@0.1.0;\n\ninterface api {\n  run: func(x: string) -> u32;\n}\n');
  assert.equal(check('okwit/ok.wit').status, 0);
});

test('unreadable paths exit 2 with a message and no stack trace; usage errors exit 2', () => {
  const r = check('does/not/exist.yaml');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot read does\/not\/exist\.yaml: no such file or directory/);
  assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
  assert.equal(check().status, 2);
  assert.equal(check('--format', 'xml', 'good/plugin.yaml').status, 2);
});
