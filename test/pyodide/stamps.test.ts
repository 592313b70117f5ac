// The reload check a Python plugin runs before each call (host/src/pyodide/stamps.ts): descriptors held open on the
// plugin's .py files and folders, fstat'ed. Every kind of edit an editor or a user makes must be seen, and nothing
// else. Files and folders start with an mtime in the past, so an edit in the same clock tick still shows.
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FileStamps } from '../../host/src/pyodide/stamps';

let dir = '';
let stamps: FileStamps | undefined;
const past = new Date('2020-01-01T00:00:00Z');

function age(...paths: string[]): void {
  for (const p of paths) utimesSync(p, past, past);
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'mf-pyodide-stamps-'));
  writeFileSync(path.join(dir, 'plugin.py'), 'x = 1\n');
  mkdirSync(path.join(dir, 'helpers'));
  writeFileSync(path.join(dir, 'helpers', '__init__.py'), '');
  writeFileSync(path.join(dir, 'helpers', 'util.py'), 'y = 2\n');
  mkdirSync(path.join(dir, 'data'));
  writeFileSync(path.join(dir, 'data', 'inside.txt'), 'data');
  age(path.join(dir, 'plugin.py'), path.join(dir, 'helpers', '__init__.py'), path.join(dir, 'helpers', 'util.py'),
    path.join(dir, 'helpers'), path.join(dir, 'data'), dir);
  stamps = new FileStamps(dir);
});

afterEach(() => {
  stamps?.close();
  rmSync(dir, { recursive: true, force: true });
});

const check = () => (stamps as FileStamps).changed();

test('nothing changed: false, as often as it is asked', () => {
  for (let i = 0; i < 5; i++) assert.equal(check(), false);
});

test('an edit in place (same file, new content) is seen, and refresh takes it as the new baseline', () => {
  writeFileSync(path.join(dir, 'plugin.py'), 'x = 10\n');
  assert.equal(check(), true);
  stamps?.refresh();
  assert.equal(check(), false);
});

test('an edit of the same size is seen by its modification time', () => {
  writeFileSync(path.join(dir, 'helpers', 'util.py'), 'y = 3\n');
  assert.equal(check(), true);
});

test('an atomic save (a new file renamed over the old one) is seen', () => {
  const tmp = path.join(dir, '.plugin.py.swp');
  writeFileSync(tmp, 'x = 1\n');
  age(tmp);
  renameSync(tmp, path.join(dir, 'plugin.py'));
  age(dir); // even with the folder's time put back, the old file's descriptor now points at a deleted file
  assert.equal(check(), true);
});

test('a new module, a deleted module, and a folder that becomes a package are seen', () => {
  writeFileSync(path.join(dir, 'extra.py'), 'z = 3\n');
  assert.equal(check(), true);
  stamps?.refresh();
  unlinkSync(path.join(dir, 'helpers', 'util.py'));
  assert.equal(check(), true);
  stamps?.refresh();
  writeFileSync(path.join(dir, 'data', '__init__.py'), '');
  assert.equal(check(), true);
});

test('files the plugin does not load (not .py, hidden folders, __pycache__) are not watched', () => {
  writeFileSync(path.join(dir, 'data', 'inside.txt'), 'other data, longer');
  mkdirSync(path.join(dir, '__pycache__'));
  age(dir);
  writeFileSync(path.join(dir, '__pycache__', 'plugin.cpython-311.pyc'), 'bytes');
  assert.equal(check(), false);
});

test('close releases the descriptors', { skip: !existsSync('/proc/self/fd') && 'no /proc/self/fd here' }, () => {
  const before = readdirSync('/proc/self/fd').length;
  const more = new FileStamps(dir);
  assert.ok(readdirSync('/proc/self/fd').length >= before + 5, 'a descriptor per folder and .py file');
  more.close();
  assert.equal(readdirSync('/proc/self/fd').length, before);
});
