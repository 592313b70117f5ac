// The editor-independent parts of the client: builders per toolchain, the Validate Workspace summary, the manifest
// summary shown in the status bar, and the CLI runner against the real dist/cli.js bundle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { buildArgs, builderFor, problemMatchersFor, BUILDERS } from '../../client/src/builders';
import { countProblems } from '../../client/src/checkSummary';
import { summariseManifest } from '../../client/src/manifestSummary';
import { Engine, EngineMissingError } from '../../client/src/engine';

const ROOT = path.resolve(__dirname, '../../..');

test('every manifest toolchain maps to a task builder, and every builder names declared problem matchers', () => {
  assert.equal(builderFor('asc'), 'asc');
  assert.equal(builderFor('rustc'), 'cargo');
  assert.equal(builderFor('componentize-py'), 'componentize');
  assert.equal(builderFor(undefined), undefined);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const declared = new Set((pkg.contributes.problemMatchers as { name: string }[]).map((m) => `$${m.name}`));
  const taskDef = (pkg.contributes.taskDefinitions as { type: string; properties: { builder: { enum: string[] } } }[]).find((d) => d.type === 'mockforge');
  assert.deepEqual(taskDef?.properties.builder.enum, [...BUILDERS]);
  // VS Code hides markers whose owner is also an extension's diagnostic collection (the language client's is
  // `mockforge`) from the diagnostics API, and one owner's build clears the other's problems: keep them apart.
  for (const m of pkg.contributes.problemMatchers as { owner: string }[]) assert.notEqual(m.owner, 'mockforge');
  for (const b of ['asc', 'tinygo', 'go'] as const) {
    for (const m of problemMatchersFor(b)) assert.ok(declared.has(m), `${m} is declared in package.json`);
  }
});

test('build arguments keep the manifest toolchain unless the task overrides it', () => {
  assert.deepEqual(buildArgs('.', 'asc', 'asc'), ['build', '.']);
  assert.deepEqual(buildArgs('.', 'tinygo', 'go', true), ['build', '.', '--toolchain', 'tinygo', '--release']);
  assert.deepEqual(buildArgs('p', 'componentize', 'componentize-py'), ['build', 'p']);
  assert.deepEqual(buildArgs('p', 'componentize', 'asc'), ['build', 'p', '--toolchain', 'componentize-js']);
});

test('check summaries count errors and warnings per file from JSON, whatever the nesting', () => {
  const json = JSON.stringify([
    { file: 'a/plugin.yaml', diagnostics: [{ severity: 'error', message: 'x' }, { severity: 2, message: 'y' }] },
    { file: 'b/api.wit', diagnostics: [] },
    { file: 'c/plugin.yaml', diagnostics: [{ severity: 1, message: 'z' }, { severity: 'information', message: 'i' }] },
  ]);
  assert.deepEqual(countProblems(json), { files: 3, errors: 2, warnings: 1, parsed: true });
  assert.deepEqual(countProblems('not json', 1), { files: 0, errors: 1, warnings: 0, parsed: false });
});

test('manifest summaries survive broken YAML', () => {
  const s = summariseManifest('plugin:\n  id: auth-demo\n  types: [auth]\nwasm:\n  path: build/p.wasm\n  build:\n    toolchain: asc\n');
  assert.deepEqual(s, { id: 'auth-demo', name: undefined, kinds: ['auth'], runtime: 'wasm', toolchain: 'asc', wasmPath: 'build/p.wasm', devCommand: undefined });
  const broken = summariseManifest('plugin:\n  id: half\n  types: [auth\n');
  assert.equal(broken.runtime, 'wasm');
  assert.deepEqual(summariseManifest(': : :\n- ['), { id: undefined, name: undefined, kinds: [], runtime: 'wasm', toolchain: undefined, wasmPath: undefined, devCommand: undefined });
});

test('the engine runs the real CLI bundle and reports a missing one clearly', async () => {
  const lines: string[] = [];
  const engine = new Engine(path.join(ROOT, 'dist/cli.js'), (l) => lines.push(l));
  const version = await engine.run(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  const unknown = await engine.run(['no-such-command']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "no-such-command"/);
  assert.ok(lines.some((l) => l.includes('mockforge-plugin --version')));
  const missing = new Engine(path.join(ROOT, 'dist/nope.js'));
  await assert.rejects(missing.run(['--version']), EngineMissingError);
});
