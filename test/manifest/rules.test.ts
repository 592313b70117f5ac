// Every diagnostic rule, each on a document whose «marked» text is the exact expected range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODES } from '../../server/src/manifest/diagnostic';
import { applyEdits, diagnose, marked, show } from './helpers';

const base = (rest: string, plugin = '') => `plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [auth]\n${plugin}${rest}`;

/** Asserts exactly one diagnostic with `code`, located at the «marked» range; returns it. */
function expectOne(src: string, code: string, message?: RegExp) {
  const { text, ranges } = marked(src);
  const found = diagnose(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code} in\n${text}\ngot:\n${show(diagnose(text))}`);
  if (ranges[0]) assert.deepEqual(found[0].range, ranges[0], `${code} range`);
  if (message) assert.match(found[0].message, message);
  return { d: found[0], text };
}

const fixed = (r: ReturnType<typeof expectOne>, i = 0) => applyEdits(r.text, r.d.data!.fixes![i].edits);

test('yaml/syntax and yaml/duplicate-key are located', () => {
  expectOne('plugin:\n  id: a\n  «id»: b\n', CODES.yamlDuplicateKey, /duplicate key `id` \(first defined on line 2\)/);
  const { text } = marked('plugin: [a\n');
  const d = diagnose(text);
  assert.equal(d[0].code, CODES.yamlSyntax);
  assert.equal(d.length, 1, 'no schema noise on top of a syntax error');
});

test('a root that is not a mapping, and an empty manifest', () => {
  expectOne('«- a»\n- b\n', CODES.rootNotMap);
  const r = expectOne('', CODES.schemaRequired, /empty/);
  assert.match(fixed(r), /^plugin:\n {2}id: "jwt-auth"\n/);
});

test('schema/unknown-key on the key, with "did you mean" and a rename fix', () => {
  const r = expectOne(base('capabilities:\n  network:\n    «allowed_host»: ["a.example.com"]\n    allow_outbound: true\n'), CODES.schemaUnknownKey,
    /unknown key `allowed_host` in capabilities\.network — did you mean `allowed_hosts`\?/);
  assert.match(fixed(r), /allowed_hosts: \["a\.example\.com"\]/);
});

test('schema/enum on the value, with the expected list and a fix', () => {
  const r = expectOne('plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [«authentication»]\n', CODES.schemaEnum,
    /^expected one of auth, template, response, datasource — got "authentication"$/);
  assert.match(fixed(r), /types: \[auth\]/);
  const q = expectOne(base('', '  runtime: «"remot"»\n'), CODES.schemaEnum, /got "remot"/);
  assert.match(fixed(q), /runtime: "remote"/);
});

test('schema/required on the parent key, with a fix that adds the key at the right indentation', () => {
  const r = expectOne('«plugin»:\n  id: demo\n  version: "1.0.0"\n  types: [auth]  # kinds\n', CODES.schemaRequired, /missing required key `name` in plugin/);
  assert.equal(fixed(r), 'plugin:\n  id: demo\n  version: "1.0.0"\n  types: [auth]  # kinds\n  name: "JWT Auth Plugin"\n');
  const s = expectOne(base('remote:\n  «auth»:\n    type: bearer\n', '  runtime: remote\n') + '  protocol: http\n  endpoint: https://x.example.com\n', CODES.schemaRequired, /`token_env` in remote\.auth/);
  assert.match(fixed(s), /type: bearer\n {4}token_env: "PLUGIN_TOKEN"/);
});

test('schema/type on the value, with a quote fix for numbers where strings belong', () => {
  const r = expectOne(base('wasm:\n  path: «42»\n'), CODES.schemaType, /wasm\.path must be a string — got number 42/);
  assert.match(fixed(r), /path: "42"/);
  expectOne(base('capabilities:\n  resources:\n    timeout_ms: «"5s"»\n'), CODES.schemaType, /must be an integer/);
  expectOne(base('«remote»:\n', '  runtime: remote\n'), CODES.schemaType, /remote must be a mapping — got nothing/);
});

test('schema/range, schema/pattern, schema/format, schema/unique', () => {
  expectOne(base('capabilities:\n  resources:\n    max_memory_bytes: «1024»\n'), CODES.schemaRange, /must be >= 65536/);
  expectOne(base('environment:\n  - name: «1BAD»\n'), CODES.schemaPattern, /environment variable name/);
  expectOne(base('', '  author:\n    name: A\n    email: «not-an-email»\n'), CODES.schemaFormat, /not a valid email/);
  expectOne('plugin:\n  id: demo\n  version: "1.0.0"\n  name: Demo\n  types: [auth, «auth»]\n', CODES.schemaUnique, /listed twice/);
});

test('manifest/semver: numbers and non-semver strings, with a coerced fix', () => {
  const r = expectOne('plugin:\n  id: demo\n  version: «1.0»\n  name: D\n  types: [auth]\n', CODES.semver, /quoted semantic version like "1\.0\.0" — YAML reads 1\.0 as a number/);
  assert.match(fixed(r), /version: "1\.0\.0"/);
  const s = expectOne('plugin:\n  id: demo\n  version: «"v2.1"»\n  name: D\n  types: [auth]\n', CODES.semver, /got "v2\.1"/);
  assert.match(fixed(s), /version: "2\.1\.0"/);
  assert.equal(diagnose(base('')).length, 0);
});

test('manifest/id with a slug fix', () => {
  const r = expectOne('plugin:\n  id: «"My Plugin_2"»\n  version: "1.0.0"\n  name: D\n  types: [auth]\n', CODES.id, /lowercase letter/);
  assert.match(fixed(r), /id: "my-plugin-2"/);
});

test('manifest/license: SPDX expressions pass, others get a suggestion', () => {
  assert.equal(diagnose(base('', '  license: "MIT OR Apache-2.0"\n')).length, 0);
  const r = expectOne(base('', '  license: «Apache 2.0»\n'), CODES.license, /did you mean `Apache-2\.0`/);
  assert.match(fixed(r), /license: Apache-2\.0/);
});

test('manifest/endpoint: http endpoints must be URLs, grpc endpoints host:port', () => {
  const r = expectOne(base('remote:\n  protocol: http\n  endpoint: «localhost:8080»\n', '  runtime: remote\n'), CODES.endpoint, /absolute http:\/\/ or https:\/\/ URL/);
  assert.match(fixed(r), /endpoint: http:\/\/localhost:8080/);
  expectOne(base('remote:\n  protocol: grpc\n  endpoint: «"grpc://plugins.example.com"»\n', '  runtime: remote\n'), CODES.endpoint, /no port/);
  assert.equal(diagnose(base('remote:\n  protocol: grpc\n  endpoint: localhost:50051\n', '  runtime: remote\n')).length, 0);
});

test('manifest/runtime-sections: section without runtime, runtime without section, grpc with an http path', () => {
  const r = expectOne(base('«remote»:\n  protocol: http\n  endpoint: http://localhost:8080\n'), CODES.runtimeSections, /ignored because plugin\.runtime defaults to `wasm`/);
  assert.match(fixed(r), /types: \[auth\]\n {2}runtime: "remote"\n/);
  const s = expectOne(base('', '  runtime: «remote»\n'), CODES.runtimeSections, /needs a `remote:` section/);
  assert.match(fixed(s), /\nremote:\n {2}protocol: "http"\n {2}endpoint: "http:\/\/localhost:8080"/);
  expectOne(base('remote:\n  protocol: grpc\n  endpoint: «http://localhost:50051/plugin»\n', '  runtime: remote\n'), CODES.runtimeSections, /gRPC calls have no URL path/);
  expectOne(base('«pyodide»:\n  entry: p.py\n', '  runtime: wasm\n'), CODES.runtimeSections, /plugin\.runtime is `wasm`/);
});

test('manifest/insecure-http: warning for other hosts with an https fix, none for loopback', () => {
  const r = expectOne(base('remote:\n  protocol: http\n  endpoint: «"http://plugins.example.com/x"»\n', '  runtime: remote\n'), CODES.insecureHttp, /plain http:\/\/ to plugins\.example\.com/);
  assert.match(fixed(r), /endpoint: "https:\/\/plugins\.example\.com\/x"/);
  for (const host of ['localhost:8080', '127.0.0.1', '[::1]:9000', 'api.localhost']) {
    assert.equal(diagnose(base(`remote:\n  protocol: http\n  endpoint: http://${host}\n`, '  runtime: remote\n')).length, 0, host);
  }
});

test('manifest/health-interval: interval shorter than the timeout', () => {
  expectOne(base('remote:\n  protocol: http\n  endpoint: http://localhost\n  timeout_ms: 8000\n  health_check:\n    interval_seconds: «5»\n', '  runtime: remote\n'), CODES.healthInterval, /every 5 s is shorter than the 8000 ms timeout/);
  assert.equal(diagnose(base('remote:\n  protocol: http\n  endpoint: http://localhost\n  health_check:\n    interval_seconds: 30\n', '  runtime: remote\n')).length, 0);
});

test('manifest/hosts-without-outbound with an add-capability fix', () => {
  const r = expectOne(base('capabilities:\n  network:\n    «allowed_hosts»: ["*.example.com"]\n'), CODES.hostsWithoutOutbound, /no effect while outbound/);
  assert.equal(diagnose(fixed(r)).length, 0, fixed(r));
  assert.equal(diagnose(base('capabilities:\n  network:\n    allow_http_outbound: true\n    allowed_hosts: ["*.example.com"]\n')).length, 0);
});

test('manifest/write-without-paths with an add-paths fix', () => {
  const r = expectOne(base('capabilities:\n  filesystem:\n    allow_write: «true»\n'), CODES.writeWithoutPaths, /grants nothing without `allowed_paths`/);
  assert.equal(diagnose(fixed(r)).length, 0, fixed(r));
});

test('manifest/inline-secret: a token where its variable name belongs, secret keys, secrets in dev.env', () => {
  const remote = (auth: string) => base(`remote:\n  protocol: http\n  endpoint: http://localhost\n${auth}`, '  runtime: remote\n');
  expectOne(remote('  auth:\n    type: bearer\n    token_env: «ghp_abcdefghijklmnop»\n'), CODES.inlineSecret, /looks like the token itself/);
  expectOne(remote('  auth:\n    type: bearer\n    token_env: PLUGIN_TOKEN\n    «token»: abc\n'), CODES.inlineSecret, /secrets must not be written/);
  expectOne(remote('  dev:\n    command: run\n    env:\n      API_TOKEN: «s3cr3t-value-123»\n'), CODES.inlineSecret, /`API_TOKEN` looks like a secret/);
  assert.equal(diagnose(remote('  auth:\n    type: bearer\n    token_env: PLUGIN_TOKEN\n')).length, 0);
});
