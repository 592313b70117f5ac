// `mockforge-plugin new`: argument validation, refusal to touch a non-empty folder, --force keeping the user's files,
// clear errors for templates that do not exist, and a project that lives outside the repository.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { cli } from './cli';

const work = mkdtempSync(path.join(os.tmpdir(), 'mockforge-new-test-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('new', () => {
  it('creates the AssemblyScript auth project with its id, name, SDK and next steps', () => {
    const dir = path.join(work, 'token-gate');
    const r = cli(['new', dir, '--lang', 'assemblyscript', '--type', 'auth', '--name', 'Token Gate']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Created assemblyscript auth plugin "token-gate"/);
    assert.match(r.stdout, /mockforge-plugin build/);
    const manifest = parse(readFileSync(path.join(dir, 'plugin.yaml'), 'utf8')) as {
      plugin: { id: string; name: string; types: string[]; runtime: string };
      wasm: { path: string; build: { toolchain: string; source: string } };
      configuration: { schema: { properties: { token: { default: string } } } };
    };
    assert.equal(manifest.plugin.id, 'token-gate');
    assert.equal(manifest.plugin.name, 'Token Gate');
    assert.deepEqual(manifest.plugin.types, ['auth']);
    assert.equal(manifest.plugin.runtime, 'wasm');
    assert.equal(manifest.wasm.build.toolchain, 'asc');
    assert.equal(manifest.configuration.schema.properties.token.default, 'letmein');
    assert.ok(existsSync(path.join(dir, manifest.wasm.build.source)));
    for (const f of ['.gitignore', 'README.md', 'package.json', 'lib/@mockforge/plugin-sdk/index.ts', 'lib/@mockforge/plugin-sdk/assembly/abi.ts']) {
      assert.ok(existsSync(path.join(dir, f)), `${f} missing`);
    }
    assert.ok(!existsSync(path.join(dir, 'template.json')), 'template metadata must not be copied');
    const requests = readdirSync(path.join(dir, '.mockforge', 'requests'));
    assert.ok(requests.length >= 2);
    for (const f of requests) {
      const saved = JSON.parse(readFileSync(path.join(dir, '.mockforge', 'requests', f), 'utf8')) as Record<string, unknown>;
      assert.equal(typeof saved.name, 'string');
      assert.equal(saved.operation, 'authenticate');
      assert.equal(typeof saved.input, 'object');
      assert.equal(typeof saved.expect, 'object', `${f} has no expect`);
    }
    const pkg = readFileSync(path.join(dir, 'package.json'), 'utf8');
    assert.ok(!pkg.includes('__PLUGIN'), 'placeholders left in package.json');
  });

  it('takes the id from the folder name, and rejects an invalid one', () => {
    const bad = cli(['new', path.join(work, 'Bad_Name'), '--lang', 'assemblyscript', '--type', 'auth']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"Bad_Name" is not a valid plugin id: pass --id/);
    const badId = cli(['new', path.join(work, 'x'), '--lang', 'assemblyscript', '--type', 'auth', '--id', '9lives']);
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /invalid plugin id "9lives"/);
    assert.ok(!existsSync(path.join(work, 'x')), 'nothing is written for an invalid id');
  });

  it('refuses a non-empty folder without --force, and with --force never overwrites a changed file', () => {
    const dir = path.join(work, 'existing');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'README.md'), 'my own notes\n');
    const refused = cli(['new', dir, '--lang', 'assemblyscript', '--type', 'auth']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is not empty/);
    assert.deepEqual(readdirSync(dir), ['README.md']);

    const forced = cli(['new', dir, '--lang', 'assemblyscript', '--type', 'auth', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(readFileSync(path.join(dir, 'README.md'), 'utf8'), 'my own notes\n');
    assert.match(forced.stdout, /kept your README\.md; the template's version is in README\.md\.mockforge-new/);
    assert.ok(existsSync(path.join(dir, 'README.md.mockforge-new')));
    assert.ok(existsSync(path.join(dir, 'plugin.yaml')));
  });

  it('names the templates that exist when a language has none for the kind', () => {
    // Every language has every kind now: an installation without the python-pyodide datasource template stands in.
    const resources = path.join(work, 'resources');
    mkdirSync(path.join(resources, 'templates'), { recursive: true });
    const templates = path.resolve(__dirname, '..', '..', '..', 'templates');
    for (const name of readdirSync(templates).filter((n) => n !== 'python-pyodide-datasource')) {
      symlinkSync(path.join(templates, name), path.join(resources, 'templates', name));
    }
    const r = cli(['new', path.join(work, 'py'), '--lang', 'python-pyodide', '--type', 'datasource', '--id', 'py'], undefined, { MOCKFORGE_RESOURCES: resources });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no python-pyodide template for a datasource plugin yet\. Templates available: .*assemblyscript: [a-z, ]*auth/);
  });

  it('rejects unknown languages and kinds with the valid values', () => {
    const lang = cli(['new', path.join(work, 'z'), '--lang', 'cobol', '--type', 'auth']);
    assert.equal(lang.code, 2);
    assert.match(lang.stderr, /unknown --lang "cobol": use one of assemblyscript, tinygo, go/);
    const kind = cli(['new', path.join(work, 'z'), '--lang', 'go', '--type', 'cache']);
    assert.equal(kind.code, 2);
    assert.match(kind.stderr, /unknown --type "cache": use one of auth, template, response, datasource/);
  });
});
