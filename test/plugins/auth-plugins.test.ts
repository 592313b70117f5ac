// The auth test plugins, one per language, each built from source by its real compiler in this test run, then
// called through `mockforge-plugin run` with the right and a wrong token, and identified by `inspect`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BuiltFixture, buildFixture } from './build';
import { OPERATIONS } from '../../host/src/contract/operations';
import { cli, stdoutJson } from './cli';

interface Case {
  fixture: string;
  toolchain: string;
  language: string;
  /** The `lang` claim the plugin returns. */
  claim: string;
  /** Exports the module must have (besides memory). */
  exports: string[];
}

const CASES: Case[] = [
  { fixture: 'as-auth', toolchain: 'asc', language: 'assemblyscript', claim: 'assemblyscript', exports: ['mockforge_alloc', 'mockforge_free', 'authenticate'] },
  { fixture: 'c-auth', toolchain: 'clang', language: 'c', claim: 'c', exports: ['mockforge_alloc', 'mockforge_free', 'authenticate', '_initialize'] },
  { fixture: 'rust-auth', toolchain: 'rustc', language: 'rust', claim: 'rust', exports: ['mockforge_alloc', 'mockforge_free', 'authenticate'] },
  { fixture: 'go-auth', toolchain: 'go', language: 'go', claim: 'go', exports: ['_initialize', 'mockforge_alloc', 'mockforge_free', 'authenticate'] },
  { fixture: 'go-command', toolchain: 'go', language: 'go', claim: 'go-command', exports: ['_start'] },
];

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-auth-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

function request(token: string): string {
  const file = path.join(work, `request-${token || 'empty'}.json`);
  writeFileSync(file, JSON.stringify({
    context: { method: 'GET', uri: '/orders', headers: { authorization: `Bearer ${token}` } },
    credentials: { type: 'bearer', token },
  }));
  return file;
}

// Go is not an apt package here (Debian's is too old for wasip1): the machine provides it or these are skipped.
const haveGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;

for (const c of CASES) {
  const skip = c.toolchain === 'go' && !haveGo ? 'go is not installed here' : undefined;
  describe(`${c.fixture} (${c.language}, built by ${c.toolchain})`, { skip }, () => {
    let built: BuiltFixture;
    before(() => { built = buildFixture(c.fixture); });

    it('builds from source into a module with the ABI exports', () => {
      if (!built.fromCache) assert.match(built.output, /built .*plugin\.wasm \(\d/);
      const mod = new WebAssembly.Module(readFileSync(built.wasm));
      const names = WebAssembly.Module.exports(mod).map((e) => e.name);
      for (const e of ['memory', ...c.exports]) assert.ok(names.includes(e), `${e} missing from exports: ${names.join(', ')}`);
      // Exactly the operation the plugin implements (none for a command-mode module, which reads the operation from argv).
      const operations = names.filter((n) => (OPERATIONS as readonly string[]).includes(n));
      assert.deepEqual(operations, c.exports.includes('_start') ? [] : ['authenticate']);
    });

    it('run: the configured token authenticates, with user_id and claims', () => {
      const r = cli(['run', built.dir, '--call', 'authenticate', '--input', request('t0ken-ok'), '--config', 'token=t0ken-ok']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(stdoutJson(r), { success: true, result: { authenticated: true, user_id: 'user-1', claims: { lang: c.claim }, metadata: {} } });
    });

    it('run: a wrong token is refused with an error message', () => {
      const r = cli(['run', built.dir, '--call', 'authenticate', '--input', request('guess'), '--config', 'token=t0ken-ok']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(stdoutJson(r), {
        success: true, result: { authenticated: false, claims: {}, metadata: {}, error_message: 'invalid token' },
      });
    });

    it('run: without --config the manifest default token applies', () => {
      const r = cli(['run', built.dir, '--call', 'authenticate', '--input', request('fixture-secret'), '--compact']);
      assert.equal(r.code, 0, r.stderr);
      const reply = stdoutJson(r) as { result: { authenticated: boolean } };
      assert.equal(reply.result.authenticated, true);
    });

    it(`inspect: reports ${c.language}`, () => {
      const r = cli(['inspect', built.wasm, '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const report = stdoutJson(r) as { language: string; abi: string };
      assert.equal(report.language, c.language);
      assert.equal(report.abi, c.exports.includes('_start') ? 'command' : 'packed-i64');
    });
  });
}
