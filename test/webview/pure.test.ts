// The request panel's pure parts: {{variable}} substitution and env.json, message validation, forms' JSON paths,
// formatting and stack locations, list_functions hints, HTML escaping.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkToExtension, isRequestName } from '../../webview/src/messages';
import { parseEnvironments, substitute, variablesIn } from '../../webview/src/substitute';
import { getPath, headerRows, rowsToHeaders, setPath, FORMS } from '../../webview/src/forms';
import { escapeHtml, foldSummary, formatBytes, formatMs, logLine, parseSourceLocation } from '../../webview/src/format';
import { functionHints, signature } from '../../webview/src/functions';
import { OPERATIONS } from '../../host/src/contract/operations';
import { SAMPLE_REQUESTS } from '../../host/src/contract/samples';

test('substitute replaces {{vars}} inside strings and keys, never breaking JSON', () => {
  const body = { headers: { authorization: 'Bearer {{ token }}', '{{h}}': 'x' }, list: ['{{token}}', 3, null], n: 1 };
  const { value, missing } = substitute(body, { token: 'a"b\\c', h: 'x-key' });
  assert.deepEqual(missing, []);
  assert.deepEqual(value, { headers: { authorization: 'Bearer a"b\\c', 'x-key': 'x' }, list: ['a"b\\c', 3, null], n: 1 });
  assert.deepEqual(JSON.parse(JSON.stringify(value)), value);
  assert.deepEqual(body.list[0], '{{token}}', 'the input is not modified');
});

test('substitute lists unknown variables once, in order, and leaves them as written', () => {
  const { value, missing } = substitute({ a: '{{x}} {{y}} {{x}}', b: '{{ok}}' }, { ok: '1' });
  assert.deepEqual(missing, ['x', 'y']);
  assert.deepEqual(value, { a: '{{x}} {{y}} {{x}}', b: '1' });
  assert.deepEqual(substitute({ a: '{{toString}}' }, {}).missing, ['toString'], 'prototype names are not variables');
});

test('variablesIn finds the names a JSON text uses', () => {
  assert.deepEqual(variablesIn('{"a":"{{host}}/{{ path.x }}","b":"{{host}}","c":"{{ not valid }}"}'), ['host', 'path.x']);
  assert.deepEqual(variablesIn('{"a":"{ {x} }"}'), []);
});

test('parseEnvironments reads env.json and names what is wrong', () => {
  assert.deepEqual(parseEnvironments('{"dev":{"token":"t","port":8080,"tls":false},"prod":{}}'), { dev: { token: 't', port: '8080', tls: 'false' }, prod: {} });
  assert.throws(() => parseEnvironments('{"dev":', 'x/env.json'), /^Error: x\/env\.json: not valid JSON/);
  assert.throws(() => parseEnvironments('[]'), /expected an object of environments/);
  assert.throws(() => parseEnvironments('{"dev":"t"}'), /environment "dev" must be an object/);
  assert.throws(() => parseEnvironments('{"dev":{"a":{"b":1}}}'), /dev\.a must be a string, number or boolean/);
});

test('checkToExtension accepts each well-formed message and rejects malformed ones with a reason', () => {
  const good = [
    { type: 'ready' },
    { type: 'selectPlugin', plugin: '/w/p' },
    { type: 'send', id: 1, plugin: '/w/p', operation: 'authenticate', input: '{}', isolate: true },
    { type: 'send', id: 2, plugin: '/w/p', operation: 'query', input: '{}', env: 'dev', isolate: false },
    { type: 'cancel', id: 3 },
    { type: 'saveRequest', plugin: '/w/p', name: 'valid-token', operation: 'authenticate', input: '{}' },
    { type: 'copy', text: 'mockforge-plugin run .' },
    { type: 'openLocation', plugin: '/w/p', file: 'assembly/index.ts', line: 3, column: 1 },
    { type: 'rendered', token: 1, state: { text: '', status: 'idle', tags: [], editor: '{}', savedRequest: '', environment: '' } },
  ];
  for (const m of good) assert.equal(checkToExtension(m), undefined, JSON.stringify(m));
  const bad: Array<[unknown, RegExp]> = [
    [null, /not an object/],
    ['send', /not an object/],
    [{ type: 'launch' }, /unknown message type "launch"/],
    [{ type: 'send', id: 1, plugin: '/p', operation: 'fly', input: '{}', isolate: true }, /"operation" must be one of authenticate/],
    [{ type: 'send', id: -1, plugin: '/p', operation: 'query', input: '{}', isolate: true }, /"id"/],
    [{ type: 'send', id: 1, plugin: '/p', operation: 'query', input: {}, isolate: true }, /"input" must be the JSON text/],
    [{ type: 'send', id: 1, plugin: '/p', operation: 'query', input: '{}' }, /"isolate"/],
    [{ type: 'saveRequest', plugin: '/p', name: '../../etc/passwd', operation: 'query', input: '{}' }, /"name"/],
    [{ type: 'openLocation', plugin: '/p', file: 'a.ts', line: 1.5, column: 1 }, /"line" and "column"/],
    [{ type: 'rendered', token: 1, state: { text: 1 } }, /"state"/],
  ];
  for (const [m, re] of bad) assert.match(checkToExtension(m) ?? '(accepted)', re, JSON.stringify(m));
});

test('isRequestName allows one safe path segment only', () => {
  for (const ok of ['valid-token', 'a.b_c', 'X1']) assert.ok(isRequestName(ok), ok);
  for (const no of ['', '.hidden', '..', 'a/b', 'a\\b', 'a..b', 'x'.repeat(101), 'sp ace']) assert.ok(!isRequestName(no), no);
});

test('forms: every operation has a form whose fields exist in its sample request', () => {
  for (const op of OPERATIONS) {
    for (const f of FORMS[op]) assert.notEqual(getPath(SAMPLE_REQUESTS[op], f.path), undefined, `${op}: ${f.path.join('.')}`);
  }
});

test('setPath writes a copy, creating objects on the way; undefined removes the key', () => {
  const body = { context: { method: 'GET' } };
  const next = setPath(body, ['context', 'headers', 'x-a'], '1');
  assert.deepEqual(next, { context: { method: 'GET', headers: { 'x-a': '1' } } });
  assert.deepEqual(body, { context: { method: 'GET' } });
  assert.deepEqual(setPath(next, ['context', 'method'], undefined), { context: { headers: { 'x-a': '1' } } });
  assert.deepEqual(setPath('not an object', ['a'], 1), { a: 1 });
  assert.equal(getPath({ a: [1] }, ['a', '0']), undefined, 'arrays are not walked by key');
});

test('header rows round-trip; empty names are dropped, non-string values shown as JSON', () => {
  assert.deepEqual(headerRows({ a: '1', b: 2 }), [['a', '1'], ['b', '2']]);
  assert.deepEqual(headerRows(null), []);
  assert.deepEqual(rowsToHeaders([['a', '1'], ['  ', 'x'], [' b ', '2'], ['a', '3']]), { a: '3', b: '2' });
});

test('format: durations, sizes, log lines, fold summaries', () => {
  assert.equal(formatMs(undefined), '–');
  assert.equal(formatMs(0.123), '0.12 ms');
  assert.equal(formatMs(12.34), '12.3 ms');
  assert.equal(formatMs(2500), '2.50 s');
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(65536), '64.0 KiB');
  assert.equal(formatBytes(17 * 1024 * 1024), '17.0 MiB');
  assert.equal(logLine({ level: 'info', source: 'stdout', message: '<b>x</b>', time: 0 }), 'info  stdout: <b>x</b>');
  assert.equal(foldSummary({ a: 1 }), '{1 key}');
  assert.equal(foldSummary([1, 2]), '[2 items]');
});

test('parseSourceLocation reads file:line[:column] from a stack frame source', () => {
  assert.deepEqual(parseSourceLocation('assembly/index.ts:12:5'), { file: 'assembly/index.ts', line: 12, column: 5 });
  assert.deepEqual(parseSourceLocation('~lib/rt/itcms.ts:7'), { file: '~lib/rt/itcms.ts', line: 7, column: 1 });
  assert.deepEqual(parseSourceLocation('C:\\src\\main.go:3:1'), { file: 'C:\\src\\main.go', line: 3, column: 1 });
  assert.equal(parseSourceLocation('index.ts'), undefined);
  assert.equal(parseSourceLocation(':4'), undefined);
  assert.equal(parseSourceLocation('a.ts:0:1'), undefined);
});

test('escapeHtml escapes every character that matters in text and attributes', () => {
  assert.equal(escapeHtml(`<script>alert("x") & 'y'</script>`), '&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;');
});

test('functionHints reads list_functions replies and skips malformed entries', () => {
  const hints = functionHints({ functions: [
    { name: 'upper', description: 'Upper-cases', parameters: [{ name: 's', param_type: 'string', required: true, var_args: false }, { name: 'locale', param_type: 'string', required: false }], return_type: 'string', pure: true },
    { name: 'join', parameters: [{ name: 'parts', param_type: 'string', var_args: true }] },
    { description: 'no name' }, 'junk', null,
  ] });
  assert.deepEqual(hints.map(signature), ['upper(s: string, locale?: string) → string', 'join(...parts: string)']);
  assert.equal(hints[0].description, 'Upper-cases');
  assert.deepEqual(functionHints({ functions: 'nope' }), []);
  assert.deepEqual(functionHints(null), []);
});
