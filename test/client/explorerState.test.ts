// What the Plugin Explorer shows, computed without VS Code: build state from file times (missing / stale / fresh),
// the runtime line from the host's inspect report of a real built module, the remote line from health, and the
// expected/actual diff a failing saved-request test carries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildStatus } from '../../client/src/explorer/buildStatus';
import { inspectModule, remoteLabel, wasmLabel } from '../../client/src/explorer/runtimeLabel';
import { checkExpect, projectOnto } from '../../client/src/testing/expectDiff';
import { buildTemplate } from '../plugins/build';

function at(file: string, seconds: number): void {
  utimesSync(file, seconds, seconds);
}

test('build state: missing without a module, stale when a source is newer, fresh otherwise; outputs and deps ignored', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mf-explorer-'));
  try {
    mkdirSync(path.join(dir, 'assembly'));
    mkdirSync(path.join(dir, 'build'));
    mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    const src = path.join(dir, 'assembly', 'index.ts');
    const wasm = path.join(dir, 'build', 'plugin.wasm');
    writeFileSync(path.join(dir, 'plugin.yaml'), 'plugin: {}\n');
    writeFileSync(src, 'export function f(): void {}\n');
    at(src, 1_000_000);
    assert.deepEqual(buildStatus(dir, wasm), { state: 'missing' });

    writeFileSync(wasm, 'x');
    at(wasm, 1_000_100);
    assert.equal(buildStatus(dir, wasm).state, 'fresh');

    const dep = path.join(dir, 'node_modules', 'x', 'index.ts');
    writeFileSync(dep, '');
    at(dep, 1_000_200);
    const note = path.join(dir, 'README.md');
    writeFileSync(note, '');
    at(note, 1_000_200);
    assert.equal(buildStatus(dir, wasm).state, 'fresh', 'dependencies and non-sources do not make it stale');

    at(src, 1_000_300);
    assert.deepEqual(buildStatus(dir, wasm), { state: 'stale', newest: src, moduleMtimeMs: 1_000_100_000 });

    // A nested plugin is its own plugin: its sources do not make the outer one stale.
    at(src, 1_000_000);
    mkdirSync(path.join(dir, 'inner'));
    writeFileSync(path.join(dir, 'inner', 'plugin.yaml'), '');
    const inner = path.join(dir, 'inner', 'main.go');
    writeFileSync(inner, '');
    at(inner, 1_000_400);
    assert.equal(buildStatus(dir, wasm).state, 'fresh');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runtime line: language and ABI detected in a real AssemblyScript module; not built; not a module', () => {
  const built = buildTemplate('assemblyscript', 'auth');
  const facts = inspectModule(built.wasm);
  assert.ok(facts && !('error' in facts));
  assert.equal(facts.language, 'assemblyscript');
  assert.deepEqual(facts.operations, ['authenticate']);
  assert.equal(wasmLabel(facts), `wasm · assemblyscript · ${facts.abi}`);
  assert.notEqual(facts.abi, 'none');

  assert.equal(inspectModule(path.join(built.dir, 'build', 'nothing.wasm')), undefined);
  assert.equal(wasmLabel(undefined), 'wasm · not built');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'mf-explorer-'));
  try {
    const junk = path.join(tmp, 'junk.wasm');
    writeFileSync(junk, 'not wasm at all');
    const bad = inspectModule(junk);
    assert.ok(bad && 'error' in bad, JSON.stringify(bad));
    assert.equal(wasmLabel(bad), 'wasm · unreadable module');
    cpSync(built.wasm, path.join(tmp, 'copy.wasm'));
    assert.equal(wasmLabel(inspectModule(path.join(tmp, 'copy.wasm'))), wasmLabel(facts));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('remote line: protocol and health state', () => {
  assert.equal(remoteLabel('http', undefined), 'remote · http · unknown');
  assert.equal(remoteLabel('grpc', { state: 'healthy', rttMs: 2.6 }), 'remote · grpc · healthy 3 ms');
  assert.equal(remoteLabel('http', { state: 'unhealthy', message: 'refused' }), 'remote · http · unhealthy');
});

test('a failing expect: the mismatches, and the actual reply cut to the shape of the expectation for the diff', () => {
  const expected = { success: true, result: { authenticated: true, claims: { sub: 'demo' } } };
  const actual = { success: true, result: { authenticated: false, user_id: 'x', claims: { sub: 'demo', extra: 1 }, error_message: 'invalid token' } };
  const check = checkExpect(expected, actual);
  assert.equal(check.passed, false);
  assert.deepEqual(check.mismatches, ['$.result.authenticated: expected true, got false']);
  assert.deepEqual(JSON.parse(check.actualText), { success: true, result: { authenticated: false, claims: { sub: 'demo' } } });
  assert.deepEqual(JSON.parse(check.expectedText), expected);
  assert.equal(checkExpect(expected, { ...actual, result: { ...actual.result, authenticated: true } }).passed, true);
  assert.deepEqual(projectOnto([{ a: 1 }], [{ a: 2, b: 3 }, { c: 4 }]), [{ a: 2 }, { c: 4 }]);
  assert.deepEqual(projectOnto({ a: { b: 1 } }, { a: 'str' }), { a: 'str' });
  const err = checkExpect(expected, { success: false, error: { code: 'trap', message: 'unreachable' } });
  assert.deepEqual(JSON.parse(err.actualText), { success: false });
  assert.ok(err.mismatches.some((m) => m.startsWith('$.success')));
});
