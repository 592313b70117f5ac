// Every template with nothing to build (remote services in Python/Node, Pyodide), exactly as a user would type it,
// in a folder outside the repository: `new` → `check` → `run --request` for each saved request → `test` → the
// template's own tests (pytest / node --test). `run` and `test` start the service through remote.dev themselves.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO } from './build';
import { cli } from './cli';

interface TemplateCase { lang: string; kind: string }

function remoteTemplateCases(): TemplateCase[] {
  const root = path.join(REPO, 'templates');
  const out: TemplateCase[] = [];
  for (const name of readdirSync(root).sort()) {
    const meta = path.join(root, name, 'template.json');
    if (!existsSync(meta) || (JSON.parse(readFileSync(meta, 'utf8')) as { build?: boolean }).build !== false) continue;
    const cut = name.lastIndexOf('-');
    out.push({ lang: name.slice(0, cut), kind: name.slice(cut + 1) });
  }
  return out;
}

/** Why a language's templates cannot run on this machine, or undefined when they can. */
function missingFor(lang: string): string | undefined {
  if (!lang.startsWith('python')) return undefined;
  const r = spawnSync('python3', ['-c', 'import fastapi, uvicorn, pydantic, pytest'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `python3 with fastapi, uvicorn, pydantic and pytest is not available (scripts/setup.sh installs them): ${r.stderr.trim().split('\n').pop()}`;
}

function withoutTestContext(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

interface Manifest {
  plugin: { id: string; types: string[]; runtime: string };
  remote?: { endpoint: string; dev?: { command: string; env?: Record<string, string> } };
}

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-remote-templates-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

const cases = remoteTemplateCases();
it('there are remote templates to test', () => assert.ok(cases.length > 0));

for (const { lang, kind } of cases) {
  describe(`template ${lang} × ${kind}`, { skip: missingFor(lang) }, () => {
    const id = `my-${lang}-${kind}`;
    const dir = path.join(work, id);
    let nextSteps: string[] = [];

    it('new creates a project with a remote (or pyodide) manifest, a free port and no build step', () => {
      const r = cli(['new', dir, '--lang', lang, '--type', kind]);
      assert.equal(r.code, 0, r.stderr);
      nextSteps = r.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('mockforge-plugin '));
      assert.deepEqual(nextSteps.map((l) => l.split(' ')[1]), ['run', 'test']);
      const text = readFileSync(path.join(dir, 'plugin.yaml'), 'utf8');
      assert.doesNotMatch(text, /__[A-Z_]+__/, 'every placeholder is filled in');
      const manifest = parse(text) as Manifest;
      assert.equal(manifest.plugin.id, id);
      assert.deepEqual(manifest.plugin.types, [kind]);
      if (lang.endsWith('-remote')) {
        assert.equal(manifest.plugin.runtime, 'remote');
        const port = new URL(manifest.remote?.endpoint ?? '').port;
        assert.match(port, /^\d+$/);
        assert.equal(manifest.remote?.dev?.env?.PORT, port, 'the dev service listens where the endpoint points');
      }
    });

    it('check finds nothing wrong with the new project', () => {
      const r = cli(['check', dir]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /: (error|warning): /);
    });

    it('the run command that new printed works as printed (starting the service itself)', () => {
      const r = cli(nextSteps[0].split(' ').slice(1), dir);
      assert.equal(r.code, 0, `${nextSteps[0]}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /"success": true/);
    });

    it('every saved request answers as its expect says (run --request, then test)', () => {
      const requestsDir = path.join(dir, '.mockforge', 'requests');
      const files = readdirSync(requestsDir).filter((f) => f.endsWith('.json')).sort();
      assert.ok(files.length >= 2, 'a template ships at least two sample requests');
      for (const f of files) {
        const saved = JSON.parse(readFileSync(path.join(requestsDir, f), 'utf8')) as { expect?: { success?: boolean } };
        assert.ok(saved.expect, `${f} has no expect`);
        const r = cli(['run', '.', '--request', path.join('.mockforge', 'requests', f), '--compact'], dir);
        assert.equal(r.code, saved.expect.success === false ? 1 : 0, `${f}: ${r.stdout}${r.stderr}`);
      }
      const summary = cli(['test'], dir);
      assert.equal(summary.code, 0, summary.stdout + summary.stderr);
      assert.match(summary.stdout, new RegExp(`^${files.length} passed, 0 failed$`, 'm'));
    });

    it("the template's own tests pass, as its README says", () => {
      const r = lang.startsWith('python')
        ? spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: dir, encoding: 'utf8' })
        // Without this test runner's NODE_TEST_CONTEXT, which would make the project's `node --test` report to us.
        : spawnSync('npm', ['test', '--silent'], { cwd: dir, encoding: 'utf8', env: withoutTestContext() });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /passed|# pass [1-9]/);
    });
  });
}
