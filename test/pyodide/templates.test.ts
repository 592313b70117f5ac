// The four Python-under-Pyodide templates (auth, template, response, datasource) as a user meets them:
// `mockforge-plugin new` makes the project, `mockforge-plugin test` runs its saved requests (each with an expect)
// in the embedded host under Pyodide, `run` answers the first-run request, and the project's own pytest suite passes
// natively where python3 has pydantic.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cli } from '../plugins/cli';

const KINDS = ['auth', 'template', 'response', 'datasource'] as const;
const FIRST_RUN: Record<(typeof KINDS)[number], { operation: string; request: string; expect: RegExp }> = {
  auth: { operation: 'authenticate', request: 'valid-token.json', expect: /"authenticated":true/ },
  template: { operation: 'execute_function', request: 'upper.json', expect: /"result":/ },
  response: { operation: 'generate_response', request: 'get-order.json', expect: /"status_code":200/ },
  datasource: { operation: 'query', request: 'admins.json', expect: /"total_count":2/ },
};

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-pyodide-templates-'));
after(() => rmSync(work, { recursive: true, force: true }));

const pytestMissing = (() => {
  const r = spawnSync('python3', ['-c', 'import pytest, pydantic'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'python3 with pytest and pydantic is not available (scripts/setup.sh installs them)';
})();

for (const kind of KINDS) {
  describe(`python-pyodide ${kind} template`, () => {
    const dir = path.join(work, `py-${kind}`);

    it('new → test: every saved request passes under Pyodide', () => {
      const made = cli(['new', dir, '--lang', 'python-pyodide', '--type', kind, '--id', `py-${kind}`]);
      assert.equal(made.code, 0, made.stderr);
      const saved = readdirSync(path.join(dir, '.mockforge', 'requests')).filter((f) => f.endsWith('.json'));
      assert.ok(saved.length >= 2, saved.join(', '));
      const r = cli(['test', dir]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, new RegExp(`${saved.length} passed, 0 failed`));
    });

    it('run answers the first-run request', () => {
      const first = FIRST_RUN[kind];
      const r = cli(['run', dir, '--request', path.join(dir, '.mockforge', 'requests', first.request), '--compact']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^\{"success":true/);
      assert.match(r.stdout, first.expect);
    });

    it('its own pytest suite passes natively', { skip: pytestMissing }, () => {
      const r = spawnSync('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /\d+ passed/);
    });
  });
}
