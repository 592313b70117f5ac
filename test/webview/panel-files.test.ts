// The panel's shell HTML (CSP, nonce) and its files shared with the CLI: saved requests and env.json.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { contentSecurityPolicy, panelHtml } from '../../client/src/panel/html';
import { readEnvironments, readRequests, saveRequest } from '../../client/src/panel/requestFiles';

const root = mkdtempSync(join(tmpdir(), 'mf-panel-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('the page loads only its own script (with a fresh nonce) and stylesheet under a strict CSP', () => {
  const o = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css' };
  const a = panelHtml(o);
  const b = panelHtml(o);
  const nonce = /<script nonce="([^"]+)" src="https:\/\/x\/dist\/webview\.js"><\/script>/.exec(a)?.[1];
  assert.ok(nonce && nonce.length >= 24, a);
  assert.notEqual(/nonce="([^"]+)"/.exec(b)?.[1], nonce, 'a new nonce per page');
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(a)?.[1]?.replace(/&#39;/g, "'");
  assert.equal(csp, contentSecurityPolicy(o.cspSource, nonce));
  assert.equal((a.match(/<script/g) ?? []).length, 1, 'no other script');
  assert.doesNotMatch(a, /unsafe-inline|unsafe-eval|https?:\/\/(?!x\/|file\+)/);
  assert.doesNotMatch(a, /<style|style=/, 'no inline styles');
  assert.equal(contentSecurityPolicy('S', 'N'), "default-src 'none'; style-src S; font-src S; img-src S; script-src 'nonce-N'; base-uri 'none'; form-action 'none'");
});

test('the shell escapes what it interpolates', () => {
  const html = panelHtml({ cspSource: 'x', scriptUri: '"><script>alert(1)</script>', styleUri: 's', nonce: 'n' });
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.ok(html.includes('&quot;&gt;&lt;script&gt;'));
});

test('saved requests: read with labels and expect flags; broken files reported by name, others still read', async () => {
  const dir = join(root, 'p1');
  mkdirSync(join(dir, '.mockforge', 'requests'), { recursive: true });
  writeFileSync(join(dir, '.mockforge', 'requests', 'a.json'), JSON.stringify({ name: 'first', operation: 'authenticate', input: { x: 1 }, expect: { success: true } }));
  writeFileSync(join(dir, '.mockforge', 'requests', 'b.json'), '{"operation": "fly"}');
  writeFileSync(join(dir, '.mockforge', 'requests', 'c.json'), '{oops');
  writeFileSync(join(dir, '.mockforge', 'requests', 'notes.txt'), 'ignored');
  const { requests, errors } = await readRequests(dir);
  assert.deepEqual(requests, [{ name: 'a', relFile: '.mockforge/requests/a.json', operation: 'authenticate', input: { x: 1 }, label: 'first', hasExpect: true }]);
  assert.equal(errors.length, 2);
  assert.match(errors[0], /^\.mockforge\/requests\/b\.json: "operation" must be one of the plugin operations \(got "fly"\)/);
  assert.match(errors[1], /^\.mockforge\/requests\/c\.json: /);
  assert.deepEqual(await readRequests(join(root, 'none')), { requests: [], errors: [] });
});

test('saving keeps an existing label and expect block; bad names and bad JSON save nothing', async () => {
  const dir = join(root, 'p2');
  mkdirSync(join(dir, '.mockforge', 'requests'), { recursive: true });
  const file = join(dir, '.mockforge', 'requests', 'ok.json');
  writeFileSync(file, JSON.stringify({ name: 'the ok case', operation: 'authenticate', input: {}, expect: { success: true } }));
  assert.equal(await saveRequest(dir, 'ok', 'authenticate', '{"credentials":{"token":"t"}}'), '.mockforge/requests/ok.json');
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), { name: 'the ok case', operation: 'authenticate', input: { credentials: { token: 't' } }, expect: { success: true } });
  await saveRequest(dir, 'new-one', 'query', '{"query":{}}');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, '.mockforge', 'requests', 'new-one.json'), 'utf8')), { name: 'new-one', operation: 'query', input: { query: {} } });
  await assert.rejects(saveRequest(dir, '../escape', 'query', '{}'), /cannot be a request file name/);
  await assert.rejects(saveRequest(dir, 'ok', 'query', '{nope'), /not valid JSON .*nothing was saved/);
  assert.equal(JSON.parse(readFileSync(file, 'utf8')).operation, 'authenticate');
});

test('environments come from the plugin env.json, else the workspace one; a broken file is reported', async () => {
  const ws = join(root, 'ws');
  const plugin = join(ws, 'plug');
  mkdirSync(join(ws, '.mockforge'), { recursive: true });
  mkdirSync(join(plugin, '.mockforge'), { recursive: true });
  writeFileSync(join(ws, '.mockforge', 'env.json'), '{"dev":{"token":"ws"}}');
  assert.deepEqual(await readEnvironments(plugin, ws), { environments: { dev: { token: 'ws' } } });
  writeFileSync(join(plugin, '.mockforge', 'env.json'), '{"dev":{"token":"plugin"}}');
  assert.deepEqual(await readEnvironments(plugin, ws), { environments: { dev: { token: 'plugin' } } });
  writeFileSync(join(plugin, '.mockforge', 'env.json'), '{"dev": 1}');
  const broken = await readEnvironments(plugin, ws);
  assert.deepEqual(broken.environments, {});
  assert.match(broken.error ?? '', /env\.json: environment "dev" must be an object/);
  assert.deepEqual(await readEnvironments(join(root, 'nothing'), undefined), { environments: {} });
});
