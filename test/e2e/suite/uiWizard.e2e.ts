// New Plugin… the way an author runs it: from the Command Palette, every wizard step answered in the workbench UI
// (quick picks clicked, the id typed, the folder typed into code-server's simple file dialog), through the runner's
// playwright Page (ui.ts). And Escape at any step creates nothing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGES } from '../../../cli/src/scaffold/catalog';
import { PLUGIN_LANGUAGES, kindsFor } from '../../../client/src/pluginLanguages';
import { PLUGIN_KINDS } from '../../../host/src/contract/operations';
import { editorShowing, extensionApi, workspaceRoot } from './helpers';
import { ui, uiAvailable } from './ui';

const TITLE = 'New MockForge Plugin';
/** The parent folder picked in the dialog; `shared` inside it tells when the dialog lists it. */
const PARENT = 'ui-plugins';
const BAD_ID = 'Use lowercase letters, digits and dashes, starting with a letter';

/** The entries of the workspace folder, to show a cancelled wizard left nothing behind. */
const entries = (): string[] => fs.readdirSync(workspaceRoot().fsPath).sort();

suite('UI: New Plugin wizard', function () {
  this.timeout(240_000);

  suiteSetup(async function () {
    if (!uiAvailable()) {
      console.log('skipped: this runner cannot drive the workbench UI (no MOCKFORGE_E2E_UI)');
      this.skip();
    }
    await extensionApi();
    fs.mkdirSync(path.join(workspaceRoot().fsPath, PARENT, 'shared'), { recursive: true });
  });

  suiteTeardown(async () => {
    if (!uiAvailable()) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(workspaceRoot().fsPath, PARENT), { recursive: true, force: true });
  });

  teardown(async () => {
    // A failed step can leave a quick input open; the next test starts from a clean workbench.
    if (uiAvailable()) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('from the Command Palette: language, kind, id (validated) and folder picked in the UI; the manifest opens', async () => {
    // javascript-component has templates for fewer kinds than exist: the kind step must narrow to those.
    const lang = PLUGIN_LANGUAGES.find((l) => l.id === 'javascript-component');
    assert.ok(lang, 'the catalog has javascript-component');
    const kinds = kindsFor(lang.id);
    assert.ok(kinds.length > 0 && kinds.length < PLUGIN_KINDS.length, `javascript-component kinds: ${kinds.join(', ')}`);
    const id = 'ui-made-auth';
    const root = workspaceRoot().fsPath;
    const parent = path.join(root, PARENT);
    const folder = path.join(parent, id);
    const manifest = vscode.Uri.file(path.join(folder, 'plugin.yaml'));
    const opened = editorShowing(manifest, 180_000);

    await ui.palette('MockForge: New Plugin', 'MockForge: New Plugin…');

    const step1 = await ui.quickInput({ title: `${TITLE} (1/4)`, item: lang.label });
    assert.deepEqual(step1.items, LANGUAGES.map((l) => PLUGIN_LANGUAGES.find((p) => p.id === l)?.label), 'the languages offered are the CLI catalog');
    await ui.pick(lang.label);

    const step2 = await ui.quickInput({ title: `${TITLE} (2/4)`, item: kinds[0] });
    assert.deepEqual(step2.items, kinds, `only ${lang.id}'s kinds are offered`);
    await ui.pick(kinds[0]);

    const step3 = await ui.quickInput({ title: `${TITLE} (3/4)`, value: `my-${kinds[0]}-plugin` });
    assert.match(step3.message, /Plugin id/, 'the prompt says what an id is');
    await ui.type('Bad_Id', true);
    await ui.quickInput({ message: BAD_ID });
    await ui.press('Enter'); // refused: the wizard stays on the id step
    await ui.type(id, true);
    const good = await ui.quickInput({ title: `${TITLE} (3/4)`, value: id, message: 'Plugin id' });
    assert.doesNotMatch(good.message, /Use lowercase/);
    await ui.press('Enter');

    // The folder dialog opens on the workspace folder; the author types the parent folder's name after it. The
    // dialog is done with the typed path once it lists that folder (its only entry, `shared`): Enter then accepts it.
    await ui.quickInput({ title: `${TITLE} (4/4)`, value: `${root}/`, item: 'auth-plugin' });
    await ui.type(`${PARENT}/`);
    await ui.quickInput({ title: `${TITLE} (4/4)`, value: `${parent}/`, item: 'shared' });
    await ui.press('Enter');
    await ui.closed();

    const editor = await opened;
    assert.equal(editor.document.uri.fsPath, manifest.fsPath);
    // The language and kind picked are the template scaffolded.
    const text = editor.document.getText();
    assert.match(text, new RegExp(`id: "?${id}"?`));
    assert.match(text, new RegExp(`types: \\[${kinds[0]}\\]`));
    assert.match(text, /toolchain: componentize-js/);
    assert.ok(fs.existsSync(path.join(folder, 'plugin.js')), `${folder} holds the template's source`);
  });

  // Each wizard step, then Escape: the command resolves with nothing and the workspace is unchanged.
  const steps: Array<[string, () => Promise<void>]> = [
    ['language', async () => void (await ui.quickInput({ title: `${TITLE} (1/4)` }))],
    ['kind', async () => {
      await ui.pick('AssemblyScript');
      await ui.quickInput({ title: `${TITLE} (2/4)`, item: 'auth' });
    }],
    ['id', async () => {
      await ui.pick('AssemblyScript');
      await ui.pick('auth');
      await ui.quickInput({ title: `${TITLE} (3/4)`, value: 'my-auth-plugin' });
    }],
    ['folder', async () => {
      await ui.pick('AssemblyScript');
      await ui.pick('auth');
      await ui.quickInput({ title: `${TITLE} (3/4)`, value: 'my-auth-plugin' });
      await ui.press('Enter');
      await ui.quickInput({ title: `${TITLE} (4/4)` });
    }],
  ];
  for (const [name, reach] of steps) {
    test(`Escape at the ${name} step cancels and creates nothing`, async () => {
      const before = entries();
      const result = Promise.resolve(vscode.commands.executeCommand<string | undefined>('mockforge.newPlugin'));
      await reach();
      await ui.press('Escape');
      assert.equal(await result, undefined, 'the command reports nothing created');
      await ui.closed();
      assert.deepEqual(entries(), before, 'the workspace folder is unchanged');
    });
  }
});
