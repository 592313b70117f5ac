// `mockforge-plugin build` as a user meets it: compiler errors streamed unchanged (problem matchers read them),
// missing toolchains explained with an install hint, --release, and manifests with nothing to build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { cli } from './cli';

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-build-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('build', () => {
  const as = path.join(work, 'as-auth');
  const go = path.join(work, 'go-auth');
  before(() => {
    assert.equal(cli(['new', as, '--lang', 'assemblyscript', '--type', 'auth']).code, 0);
    assert.equal(cli(['new', go, '--lang', 'go', '--type', 'auth']).code, 0);
  });

  it('--release builds an optimised module and reports its size', () => {
    const r = cli(['build', '--release'], as);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^\$ asc assembly\/index\.ts -o build\/plugin\.wasm --sourceMap --path lib -O3/m);
    const size = statSync(path.join(as, 'build', 'plugin.wasm')).size;
    assert.match(r.stdout, new RegExp(`built build/plugin\\.wasm \\(${(size / 1024).toFixed(1)} KiB\\)`));
    assert.ok(statSync(path.join(as, 'build', 'plugin.wasm.map')).size > 0, 'source map written');
  });

  it('streams an asc error unchanged, located relative to the project, and exits 1', () => {
    const src = path.join(as, 'assembly', 'index.ts');
    writeFileSync(src, readFileSync(src, 'utf8').replace("return new Rejected('invalid token');", 'return new Rejected(42);'));
    const r = cli(['build', as], work);
    assert.equal(r.code, 1);
    // asc colours its output when CI is set; the text under the colour codes is what users and matchers read.
    const stderr = stripVTControlCharacters(r.stderr);
    assert.match(stderr, /^ERROR TS2322: Type 'i32' is not assignable to type '~lib\/string\/String'\./m);
    assert.match(stderr, /└─ in assembly\/index\.ts\(\d+,\d+\)/);
    assert.match(r.stderr, /mockforge-plugin build: asc failed \(exit 1\)/);
  });

  it('streams a go error as file:line:column and exits 1', () => {
    const src = path.join(go, 'main.go');
    writeFileSync(src, readFileSync(src, 'utf8').replace('func main() {}', 'func main() { undefinedThing() }'));
    const r = cli(['build', go], work);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^\.\/main\.go:\d+:\d+: undefined: undefinedThing$/m);
  });

  it('explains a missing toolchain with an install hint (tinygo offers --toolchain go)', () => {
    const noTools = { PATH: path.join(work, 'empty-bin') };
    mkdirSync(noTools.PATH, { recursive: true });
    const tiny = cli(['build', go, '--toolchain', 'tinygo'], work, noTools);
    assert.equal(tiny.code, 2);
    assert.match(tiny.stderr, /tinygo is not installed or not on PATH\.\n {2}hint: install TinyGo from https:\/\/tinygo\.org\/.*`mockforge-plugin build --toolchain go`/);
    const goMissing = cli(['build', go], work, noTools);
    assert.equal(goMissing.code, 2);
    assert.match(goMissing.stderr, /go is not installed or not on PATH\.\n {2}hint: install Go 1\.24 or newer/);
  });

  it('rejects an unknown --toolchain and a folder without plugin.yaml', () => {
    const unknown = cli(['build', as, '--toolchain', 'gcc'], work);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown toolchain "gcc": use one of asc, go, tinygo, clang, rustc, cargo/);
    const empty = path.join(work, 'empty');
    mkdirSync(empty);
    const missing = cli(['build', empty], work);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no plugin\.yaml in this folder/);
  });

  it('has nothing to build for a remote plugin', () => {
    const dir = path.join(work, 'remote');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'plugin.yaml'), [
      'plugin: {id: remote-auth, version: "0.1.0", name: Remote, types: [auth], runtime: remote}',
      'remote: {protocol: http, endpoint: "http://127.0.0.1:9"}',
      '',
    ].join('\n'));
    const r = cli(['build', dir], work);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /remote-auth is a remote plugin: there is nothing to build\./);
  });
});
