// Cross-file check of a built COMPONENT: the manifest's `types` against the world it implements (read by jco from the
// component's embedded WIT). The components are real: a core module (WAT) embedded with a world and wrapped by jco.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES } from '../../server/src/manifest/diagnostic';
import { createManifestService } from '../../server/src/manifest/service';
import { CLI, FIXTURES, REPO, coreToComponent } from '../component/build';
import { productWitSource } from '../../host/src/component/wit-model';
import { show } from './helpers';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

let authComponent: Uint8Array;
before(async () => {
  authComponent = await coreToComponent(readFileSync(join(FIXTURES, 'wat', 'auth.wat'), 'utf8'), productWitSource(), 'auth-plugin');
});

function pluginDir(manifest: string, wasm: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'mf-manifest-comp-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'build'));
  writeFileSync(join(dir, 'build', 'plugin.wasm'), wasm);
  writeFileSync(join(dir, 'plugin.yaml'), manifest);
  writeFileSync(join(dir, 'plugin.js'), 'export {}');
  return dir;
}

const manifest = (types: string) =>
  `plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [${types}]\nwasm:\n  path: build/plugin.wasm\n  build:\n    toolchain: componentize-js\n`;

async function diagnose(dir: string) {
  const text = readFileSync(join(dir, 'plugin.yaml'), 'utf8');
  return createManifestService().validateAsync(text, pathToFileURL(join(dir, 'plugin.yaml')).href);
}

test('a component implementing auth-plugin satisfies `types: [auth]`', async () => {
  const dir = pluginDir(manifest('auth'), authComponent);
  assert.deepEqual(await diagnose(dir), []);
});

test('each kind whose interface the world does not export is an error on its `types` item, listing the operations', async () => {
  const dir = pluginDir(manifest('auth, template, datasource'), authComponent);
  const d = await diagnose(dir);
  assert.deepEqual(d.map((x) => x.code), [CODES.missingExport, CODES.missingExport], show(d));
  assert.match(d[0].message, /^`template` needs the operations `list-functions`, `execute-function` of interface `mockforge:plugin\/template@0\.1\.0`, which the world of build\/plugin\.wasm does not export \(it exports `mockforge:plugin\/auth@0\.1\.0`, `mockforge:plugin\/capabilities@0\.1\.0`\)$/);
  assert.deepEqual(d[0].range, { start: { line: 4, character: 16 }, end: { line: 4, character: 24 } }, 'on the `template` item');
  assert.match(d[1].message, /^`datasource` needs the operation `query` of interface/);
  assert.deepEqual(d[1].range, { start: { line: 4, character: 26 }, end: { line: 4, character: 36 } }, 'on the `datasource` item');
});

test('a component built for another world: its problems on wasm.path, each declared kind on its types item', async () => {
  const foreign = await coreToComponent('(module (func (export "other:thing/api#f")))', 'package other:thing;\ninterface api { f: func(); }\nworld w { export api; }\n', 'w');
  const dir = pluginDir(manifest('auth'), foreign);
  const d = await diagnose(dir);
  assert.deepEqual(d.map((x) => [x.code, x.range.start.line]), [[CODES.missingExport, 4], [CODES.componentWorld, 6]], show(d));
  assert.match(d[0].message, /^`auth` needs the operation `authenticate` of interface `mockforge:plugin\/auth@0\.1\.0`, which the world of build\/plugin\.wasm does not export \(it exports `other:thing\/api`\)$/);
  assert.equal(d[1].message, 'the component `build/plugin.wasm` exports other:thing/api, which is not part of mockforge:plugin@0.1.0 (the host calls only mockforge:plugin interfaces)');
});

test('a component whose WIT cannot be read is an error on wasm.path', async () => {
  const header = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0xff, 0xff, 0xff]);
  const dir = pluginDir(manifest('auth'), header);
  const d = await diagnose(dir);
  assert.deepEqual(d.map((x) => x.code), [CODES.componentWorld], show(d));
  assert.match(d[0].message, /^`build\/plugin\.wasm` is a component whose WIT cannot be read \(Failed to decode wit component: malformed section id \(at offset 0x8\)\) — rebuild it$/);
  assert.deepEqual(d[0].range, { start: { line: 6, character: 8 }, end: { line: 6, character: 25 } });
});

test('a rebuilt component is read again', async () => {
  const header = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0xff]);
  const dir = pluginDir(manifest('auth'), header);
  assert.deepEqual((await diagnose(dir)).map((x) => x.code), [CODES.componentWorld]);
  writeFileSync(join(dir, 'build', 'plugin.wasm'), authComponent);
  utimesSync(join(dir, 'build', 'plugin.wasm'), new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(await diagnose(dir), []);
});

test('`mockforge-plugin check` reports the missing operations of a component', async () => {
  const dir = pluginDir(manifest('auth, response'), authComponent);
  const r = spawnSync(process.execPath, [CLI, 'check', dir, '--format', 'json'], { encoding: 'utf8', cwd: REPO });
  assert.equal(r.status, 1, r.stderr);
  const findings = JSON.parse(r.stdout) as { code: string; message: string; range: { start: { line: number; character: number } } }[];
  assert.deepEqual(findings.map((f) => [f.code, f.range.start.line, f.range.start.character]), [[CODES.missingExport, 4, 16]]);
  assert.match(findings[0].message, /`response` needs the operation `generate-response`/);
});
