// Every template whose toolchain is on this machine, exactly as a user would type it, in a folder outside the
// repository: `new` → `build` → `run --request` for each saved request → `test`; Go templates also pass `go test`.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from './build';
import { cli } from './cli';
import { OPERATIONS_BY_KIND, PluginKind } from '../../host/src/contract/operations';

interface TemplateCase { lang: string; kind: string }

function templateCases(): TemplateCase[] {
  const root = path.join(REPO, 'templates');
  const out: TemplateCase[] = [];
  for (const name of readdirSync(root).sort()) {
    const cut = name.lastIndexOf('-');
    const kind = name.slice(cut + 1);
    const meta = path.join(root, name, 'template.json');
    const parsed = existsSync(meta) ? (JSON.parse(readFileSync(meta, 'utf8')) as { build?: boolean; aliases?: Record<string, unknown> }) : {};
    // Templates with nothing to build (remote services, Pyodide) are driven by remote-templates.test.ts.
    if (parsed.build === false) continue;
    // Component templates (<lang>-component-<kind>: ComponentizeJS …) are driven by test/component/template.test.ts.
    if (name.slice(0, cut).endsWith('-component')) continue;
    out.push({ lang: name.slice(0, cut), kind });
    for (const alias of Object.keys(parsed.aliases ?? {})) out.push({ lang: alias, kind });
  }
  return out;
}

function onPath(tool: string): boolean {
  return spawnSync(tool, ['version'], { stdio: 'ignore' }).status === 0;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-templates-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

for (const { lang, kind } of templateCases()) {
  const missing = lang === 'tinygo' && !onPath('tinygo') ? 'tinygo is not installed here' : lang === 'go' && !onPath('go') ? 'go is not installed here' : undefined;
  describe(`template ${lang} × ${kind}`, { skip: missing }, () => {
    const id = `my-${lang}-${kind}`;
    const dir = path.join(work, id);
    let started = 0;
    let nextSteps: string[] = [];

    it('new creates a project whose manifest names the right toolchain', () => {
      started = Date.now();
      const r = cli(['new', dir, '--lang', lang, '--type', kind]);
      assert.equal(r.code, 0, r.stderr);
      nextSteps = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('mockforge-plugin '));
      assert.deepEqual(nextSteps.map((l) => l.split(' ')[1]), ['build', 'run', 'test']);
      const manifest = parse(readFileSync(path.join(dir, 'plugin.yaml'), 'utf8')) as { plugin: { id: string; types: string[] }; wasm: { build: { toolchain: string } } };
      assert.equal(manifest.plugin.id, id);
      assert.deepEqual(manifest.plugin.types, [kind]);
      assert.equal(manifest.wasm.build.toolchain, lang === 'assemblyscript' ? 'asc' : lang);
    });

    it('check finds nothing wrong with the new project', () => {
      const r = cli(['check', dir]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /: (error|warning): /);
    });

    it('build compiles it with the real toolchain', () => {
      const r = cli(['build'], dir);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, /built build\/plugin\.wasm \([\d.]+ (KiB|MiB)\) in [\d.]+ s: (assemblyscript|go|tinygo), core-module, ABI packed-i64/);
      assert.ok(existsSync(path.join(dir, 'build', 'plugin.wasm')));
      // The module exports exactly the operations of its kind.
      assert.match(r.stdout, new RegExp(`exports ${OPERATIONS_BY_KIND[kind as PluginKind].join(', ')}\n`));
    });

    it('the run command that new printed works as printed', () => {
      const args = nextSteps[1].split(' ').slice(1);
      const r = cli(args, dir);
      assert.equal(r.code, 0, `${nextSteps[1]}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /"success": true/);
    });

    it('every saved request answers as its expect says (run --request, then test)', (t) => {
      const requestsDir = path.join(dir, '.mockforge', 'requests');
      const files = readdirSync(requestsDir).filter((f) => f.endsWith('.json')).sort();
      assert.ok(files.length >= 2, 'a template ships at least two sample requests');
      for (const [i, f] of files.entries()) {
        const saved = JSON.parse(readFileSync(path.join(requestsDir, f), 'utf8')) as { expect?: { success?: boolean } };
        assert.ok(saved.expect, `${f} has no expect`);
        const r = cli(['run', '.', '--request', path.join('.mockforge', 'requests', f), '--compact'], dir);
        assert.equal(r.code, saved.expect.success === false ? 1 : 0, `${f}: ${r.stdout}${r.stderr}`);
        if (i === 0) t.diagnostic(`time to first plugin (${lang}): new → build → first run ${Date.now() - started} ms`);
      }
      const summary = cli(['test'], dir);
      assert.equal(summary.code, 0, summary.stdout + summary.stderr);
      assert.match(summary.stdout, new RegExp(`^${files.length} passed, 0 failed$`, 'm'));
    });

    if (lang === 'go' || lang === 'tinygo') {
      it("the template's own Go tests pass (go test, natively)", () => {
        const r = spawnSync('go', ['test', './...'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stdout + r.stderr);
      });
    }
  });
}
