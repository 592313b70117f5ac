// The schema accepts the canonical MockForge-style examples; a corpus of realistic manifests in all five MockForge
// shapes produces exactly the diagnostics written in each file's `# expect:` header; legacy shapes migrate cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { manifestValidator, manifestSchema, type JsonSchema } from '../../server/src/manifest/schema';
import { CODES } from '../../server/src/manifest/diagnostic';
import { MIGRATE_TITLE } from '../../server/src/manifest/validate';
import { applyEdits, diagnose, show } from './helpers';

const root = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'manifests');
const files = (dir: string) => readdirSync(join(root, dir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(root, dir, f));
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

test('the schema (ajv directly) and the service accept every canonical example', () => {
  const validate = manifestValidator();
  const valid = files('valid');
  assert.ok(valid.length >= 4);
  for (const file of valid) {
    const text = readFileSync(file, 'utf8');
    assert.ok(validate(parseYaml(text)), `${file}: ${JSON.stringify(validate.errors)}`);
    assert.deepEqual(show(diagnose(text)), '', file);
  }
});

for (const file of files('corpus')) {
  test(`corpus: ${file.split('/').pop()}`, () => {
    const text = readFileSync(file, 'utf8');
    const expected = [...text.matchAll(/^# expect: (\d+:\d+ \w+ \S+)$/gm)].map((m) => m[1]).sort();
    assert.ok(expected.length > 0, 'a corpus file states what it expects');
    const actual = diagnose(text).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code}`).sort();
    assert.deepEqual(actual, expected);
  });
}

test('every legacy shape migrates to a manifest the schema accepts, keeping values and comments', () => {
  for (const name of ['2-flat.yaml', '3-loader.yaml', '4-scaffold.yaml', '5-registry.yaml']) {
    const text = readFileSync(join(root, 'corpus', name), 'utf8');
    const legacy = diagnose(text).find((d) => d.code === CODES.legacy);
    assert.ok(legacy, name);
    const fix = legacy.data?.fixes?.find((f) => f.title === MIGRATE_TITLE);
    assert.ok(fix, `${name} offers the migration`);
    const migrated = applyEdits(text, fix.edits);
    const after = diagnose(migrated).filter((d) => d.severity === 1);
    // The loader shape has no plugin kinds at all: the one thing left for the author is `types`.
    const allowed = name === '3-loader.yaml' ? ['schema/required'] : [];
    assert.deepEqual(after.map((d) => d.code), allowed, `${name} after migration:\n${migrated}\n${show(after)}`);
    assert.ok(!diagnose(migrated).some((d) => d.code === CODES.legacy), `${name}: migrated file is not legacy any more`);
    const value = parseYaml(migrated);
    assert.equal(typeof value.plugin.id, 'string');
    assert.match(value.plugin.version, /^\d+\.\d+\.\d+/);
  }
  const scaffold = applyEdits(readFileSync(join(root, 'corpus', '4-scaffold.yaml'), 'utf8'),
    diagnose(readFileSync(join(root, 'corpus', '4-scaffold.yaml'), 'utf8')).find((d) => d.code === CODES.legacy)!.data!.fixes![0].edits);
  assert.match(scaffold, /max_memory_bytes: 10485760 # 10MB/, 'inline comment kept');
  assert.match(scaffold, /^# Written by MockForge/m, 'header comment kept');
  const v = parseYaml(scaffold);
  assert.deepEqual(v.plugin.types, ['template']);
  assert.deepEqual(v.capabilities, { network: { allow_outbound: false }, filesystem: { allow_read: true }, resources: { max_memory_bytes: 10485760, max_cpu_time_ms: 5000 } });
  const loader = parseYaml(applyEdits(readFileSync(join(root, 'corpus', '3-loader.yaml'), 'utf8'),
    diagnose(readFileSync(join(root, 'corpus', '3-loader.yaml'), 'utf8')).find((d) => d.code === CODES.legacy)!.data!.fixes![0].edits));
  assert.equal(loader.plugin.version, '1.4.0-rc.1');
  assert.deepEqual(loader.dependencies, ['base-utils@1.0.0']);
  assert.deepEqual(loader.capabilities, { network: { allow_outbound: true }, filesystem: { allow_read: true } });
  const registry = parseYaml(applyEdits(readFileSync(join(root, 'corpus', '5-registry.yaml'), 'utf8'),
    diagnose(readFileSync(join(root, 'corpus', '5-registry.yaml'), 'utf8')).find((d) => d.code === CODES.legacy)!.data!.fixes![0].edits));
  assert.deepEqual(registry.plugin, { id: 'rate-limit-auth', version: '1.0.0', name: 'rate-limit-auth', description: 'Rate limits by API key', types: ['auth'], license: 'MIT', keywords: ['auth', 'rate-limit'] });
});

test('a canonical file with a string-list capabilities section is one legacy warning, the rest still checked', () => {
  const text = 'plugin:\n  id: x\n  version: "1.0.0"\n  name: X\n  types: [auth]\n  bogus: 1\ncapabilities: ["network:http"]\n';
  const d = diagnose(text);
  assert.deepEqual(d.map((x) => x.code), [CODES.schemaUnknownKey, CODES.legacy]);
});

test('the schema documents itself: every property has a description, every value a default or an example', () => {
  const missing: string[] = [];
  const walk = (node: JsonSchema, path: string) => {
    const children: [string, JsonSchema][] = [
      ...Object.entries(node.properties ?? {}).map(([k, v]) => [`${path}.${k}`, v] as [string, JsonSchema]),
      ...(typeof node.additionalProperties === 'object' ? [[`${path}.*`, node.additionalProperties] as [string, JsonSchema]] : []),
      ...(node.items ? [[`${path}[]`, node.items] as [string, JsonSchema]] : []),
    ];
    for (const [p, child] of children) {
      if (!child.description) missing.push(`${p}: description`);
      const isItem = p.endsWith('[]') || p.endsWith('.*');
      if (!isItem && child.type !== 'object' && child.default === undefined && !child.examples?.length) missing.push(`${p}: default or example`);
      walk(child, p);
    }
  };
  walk(manifestSchema, '');
  assert.deepEqual(missing, []);
  assert.equal(manifestSchema.properties?.plugin.properties?.id.pattern, '^[a-z][a-z0-9-]*$');
  assert.equal(manifestSchema.properties?.plugin.properties?.runtime.default, 'wasm');
});
