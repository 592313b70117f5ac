// The New Plugin wizard offers exactly the CLI's `--lang` values, and for each language only the kinds it has a
// template for; every offered pair is one `node dist/cli.js new` accepts (checked by running it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LANGUAGES } from '../../cli/src/scaffold/catalog';
import { PLUGIN_KINDS } from '../../host/src/contract/operations';
import { PLUGIN_LANGUAGES, kindsFor } from '../../client/src/pluginLanguages';

const CLI = path.join(path.resolve(__dirname, '../../..'), 'dist', 'cli.js');

test('the wizard lists every language of the CLI catalog, javascript-component included, each labelled', () => {
  assert.deepEqual(PLUGIN_LANGUAGES.map((l) => l.id), [...LANGUAGES]);
  assert.ok(PLUGIN_LANGUAGES.some((l) => l.id === 'javascript-component'));
  for (const l of PLUGIN_LANGUAGES) assert.ok(l.label && l.detail, l.id);
});

test('kinds offered per language are those with a template: javascript-component has auth only', () => {
  assert.deepEqual(kindsFor('javascript-component'), ['auth']);
  assert.deepEqual(kindsFor('assemblyscript'), [...PLUGIN_KINDS]);
  for (const l of LANGUAGES) assert.ok(kindsFor(l).length > 0, `${l} has at least one template`);
});

test('the CLI creates a javascript-component plugin for the pair the wizard offers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-wizard-lang-'));
  try {
    const target = path.join(dir, 'js-auth');
    const r = spawnSync(process.execPath, [CLI, 'new', target, '--lang', 'javascript-component', '--type', kindsFor('javascript-component')[0], '--id', 'js-auth'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(fs.existsSync(path.join(target, 'plugin.yaml')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
