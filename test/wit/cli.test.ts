// `mockforge-plugin check` on WIT, run like a user: a package directory with deps/ and a single file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { checkWitPath } from '../../server/src/wit/check';
import { FIXTURES, ROOT } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const dir = mkdtempSync(path.join(tmpdir(), 'wit-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8', cwd: dir });
}

test('a WIT package directory is checked as one package with its deps/', async () => {
  const pkg = path.join(dir, 'pkg');
  mkdirSync(path.join(pkg, 'deps', 'io'), { recursive: true });
  writeFileSync(path.join(pkg, 'a.wit'), 'package local:demo;\n\ninterface a {\n    use b.{thing};\n    use wasi:io/poll.{pollable};\n    f: func(t: thing) -> pollable;\n}\n');
  writeFileSync(path.join(pkg, 'b.wit'), 'interface b {\n    record thing {\n        x: strin,\n    }\n}\n');
  writeFileSync(path.join(pkg, 'deps', 'io', 'poll.wit'), 'package wasi:io;\n\ninterface poll {\n    resource pollable;\n}\n');
  const res = run('pkg', '--format', 'json');
  assert.equal(res.status, 1, res.stderr);
  const findings = JSON.parse(res.stdout) as { file: string; range: { start: { line: number; character: number } }; code: string; message: string }[];
  assert.deepEqual(findings.map((f) => `${f.file}:${f.range.start.line}:${f.range.start.character}:${f.code}`), [path.join('pkg', 'b.wit') + ':2:11:wit/unknown-name']);
  const text = run('pkg');
  assert.equal(text.status, 1);
  assert.match(text.stdout, /pkg[/\\]b\.wit:3:12: error: name `strin` does not exist \[wit\/unknown-name\]/);

  writeFileSync(path.join(pkg, 'b.wit'), 'interface b {\n    record thing {\n        x: string,\n    }\n}\n');
  const ok = run('pkg');
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.stdout, '');
});

test('a single .wit file is checked on its own', () => {
  writeFileSync(path.join(dir, 'single.wit'), 'package a:b;\n\nworld w {\n    import f: func();\n    import f: func();\n}\n');
  const res = run('single.wit');
  assert.equal(res.status, 1);
  assert.match(res.stdout, /single\.wit:5:12: error: import `f` conflicts with prior func of same name \[wit\/duplicate\]/);
});

test('checkWitPath: the WASI-style fixture and the product wit/ have no diagnostics', async () => {
  for (const p of [path.join(FIXTURES, 'packages', 'wasi-cli'), path.join(ROOT, 'wit')]) {
    const reports = await checkWitPath(p);
    assert.ok(reports.length > 3);
    assert.deepEqual(reports.flatMap((r) => r.diagnostics.map((d) => `${r.file}: ${d.message}`)), []);
  }
});
