// The WIT package is valid for wit-parser (through jco), every world resolves, and a broken copy is rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embedWorld, joinWitFiles, loadJco, PACKAGE_ID, readWitFiles, WORLDS } from './wit-package';
import { undocumentedItems } from './wit-docs';

const files = readWitFiles();
const WORLD_EXPORTS: Record<(typeof WORLDS)[number], string[]> = {
  'auth-plugin': ['auth', 'capabilities'],
  'template-plugin': ['template', 'capabilities'],
  'response-plugin': ['response', 'capabilities'],
  'datasource-plugin': ['datasource', 'capabilities'],
  plugin: ['auth', 'template', 'response', 'datasource', 'capabilities'],
};
const source = joinWitFiles(files);

test('wit/ declares one package, mockforge:plugin@0.1.0', () => {
  assert.ok(files.size >= 3, `expected the package split over several files, got ${[...files.keys()].join(', ')}`);
  assert.match(source, new RegExp(`^package ${PACKAGE_ID.replace(/[.@]/g, '\\$&')};`));
});

for (const world of WORLDS) {
  test(`world ${world} resolves through jco`, async () => {
    const core = await embedWorld(source, world);
    // A core module whose custom section carries the world's component type.
    assert.deepEqual([...core.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d]);
    assert.ok(new TextDecoder().decode(core).includes('component-type'), 'no component-type section embedded');
    // …and a component can be made for it: the world is implementable, not merely parseable.
    const { componentNew, componentWit } = await loadJco();
    const wit = await componentWit(await componentNew(core));
    for (const iface of WORLD_EXPORTS[world]) assert.ok(wit.includes(`export ${PACKAGE_ID.replace('@', `/${iface}@`)};`), `${world} does not export ${iface}:\n${wit}`);
    assert.ok(wit.includes(`import ${PACKAGE_ID.replace('@', '/host@')};`), `${world} does not import host`);
  });
}

test('an unknown world is rejected', async () => {
  await assert.rejects(embedWorld(source, 'no-such-world'), /no-such-world/);
});

test('a misspelt type is rejected', async () => {
  const broken = new Map(files);
  broken.set('auth.wit', files.get('auth.wit')!.replace('authenticated: bool', 'authenticated: boool'));
  assert.notEqual(broken.get('auth.wit'), files.get('auth.wit'), 'the mutation did not apply');
  await assert.rejects(embedWorld(joinWitFiles(broken), 'auth-plugin'), /boool/);
});

test('a syntax error is rejected', async () => {
  const broken = new Map(files);
  broken.set('template.wit', files.get('template.wit')!.replace('-> result<function-list, plugin-error>;', '-> result<function-list, plugin-error>'));
  await assert.rejects(embedWorld(joinWitFiles(broken), 'template-plugin'));
});

test('files naming different packages are refused before jco sees them', () => {
  const broken = new Map(files);
  broken.set('zz.wit', 'package mockforge:other@0.1.0;\ninterface x {}\n');
  assert.throws(() => joinWitFiles(broken), /exactly one package name/);
});

test('every item has a /// doc comment (the language server shows it on hover)', () => {
  const missing = [...files].flatMap(([file, text]) => undocumentedItems(text).map((item) => `${file}:${item.line}: ${item.text}`));
  assert.deepEqual(missing, []);
});

test('the doc-comment check notices a missing comment', () => {
  const text = files.get('auth.wit')!.replace('        /// Login name.\n', '');
  assert.deepEqual(undocumentedItems(text).map((i) => i.text), ['username: option<string>,']);
});
