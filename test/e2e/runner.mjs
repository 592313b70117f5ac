// Runs the extension's e2e suite inside a real VS Code: code-server on 127.0.0.1 (Code-OSS web workbench + a Node
// extension host), opened by headless Chromium through playwright-core. The suite is a module exporting
// run(): Promise<void> (the @vscode/test-electron format), loaded through the smoke-test driver's URL payload.
//   node test/e2e/runner.mjs --code-server <bin> --node <node 24> --ext <extension dir> --tests <suite index.js>
//        --workspace <dir> [--install-vsix <file.vsix>] [--screenshot out.png] [--screenshots <dir>] [--timeout 300]
//        [--keep] [--verbose]
// The tests act on the workbench UI (quick picks, keys, dialogs) through the endpoint in uiDriver.mjs, whose URL they
// get in MOCKFORGE_E2E_UI. --screenshots: through it too, they ask for a picture of the workbench mid-run
// (helpers.ts screenshot()): the runner waits for the given selectors to be visible and saves <dir>/<name>.png.
// Exit code: the suite's (0 pass, 1 failures), 124 timeout, 3 code-server did not start or the vsix did not install.
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import util from 'node:util';
import { startUiServer } from './uiDriver.mjs';

const { values: opt } = util.parseArgs({ options: {
  'code-server': { type: 'string' }, node: { type: 'string' }, ext: { type: 'string' }, tests: { type: 'string' },
  workspace: { type: 'string' }, 'install-vsix': { type: 'string' }, screenshot: { type: 'string' }, screenshots: { type: 'string' },
  timeout: { type: 'string', default: '300' }, chromium: { type: 'string', default: '/usr/bin/chromium' },
  keep: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false },
  'work-dir': { type: 'string', default: path.resolve('.vscode-e2e/runs') },
} });
for (const k of ['code-server', 'ext', 'tests', 'workspace']) if (!opt[k]) { console.error(`runner: missing --${k}`); process.exit(2); }

const t0 = Date.now();
const log = (...a) => console.log(`[e2e +${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const freePort = () => new Promise((res, rej) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); });
  s.on('error', rej);
});

// Everything VS Code, code-server and Chromium write goes under one throw-away dir (HOME, TMPDIR, user data, extensions).
fs.mkdirSync(opt['work-dir'], { recursive: true });
const work = fs.mkdtempSync(path.join(path.resolve(opt['work-dir']), 'run-'));
for (const d of ['home', 'tmp', 'extensions', 'user-data/User']) fs.mkdirSync(path.join(work, d), { recursive: true });
const isolatedEnv = {
  HOME: path.join(work, 'home'), TMPDIR: path.join(work, 'tmp'), XDG_CONFIG_HOME: path.join(work, 'home/.config'),
  XDG_DATA_HOME: path.join(work, 'home/.local/share'), XDG_CACHE_HOME: path.join(work, 'home/.cache'),
};
const resultFile = path.join(work, 'result.json');
fs.writeFileSync(path.join(work, 'config.yaml'), 'auth: none\n');
fs.writeFileSync(path.join(work, 'user-data/User/settings.json'), JSON.stringify({
  'telemetry.telemetryLevel': 'off', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true, 'chat.disableAIFeatures': true, 'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'git.autofetch': false,
  'github.gitAuthentication': false, 'npm.fetchOnlinePackageInfo': false, 'update.mode': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden', 'security.workspace.trust.enabled': false,
}, null, 2));

// The UI endpoint starts first: its URL goes into code-server's environment, which the extension host inherits.
let page;
const ui = await startUiServer(() => page, log, opt.screenshots && path.resolve(opt.screenshots));

// code-server 4.139 needs Node 24: run its entry script with that binary (its shebang would pick `node` from PATH).
const codeServer = (args) => (opt.node ? [opt.node, [fs.realpathSync(opt['code-server']), ...args]] : [opt['code-server'], args]);
const baseEnv = { EXTENSIONS_GALLERY: '{}', ...process.env, ...isolatedEnv, MOCKFORGE_E2E_RESULT_FILE: resultFile,
  // Tells the suite the extension under test must be the installed .vsix, not a development folder.
  ...(opt['install-vsix'] ? { MOCKFORGE_E2E_INSTALLED: '1' } : {}), MOCKFORGE_E2E_UI: ui.url,
  ...(opt.screenshots ? { MOCKFORGE_E2E_SHOTS: path.resolve(opt.screenshots) } : {}) };
const dirs = ['--user-data-dir', path.join(work, 'user-data'), '--extensions-dir', path.join(work, 'extensions')];

// 1. Optionally install the packaged extension, the artifact users install, into this run's extensions dir.
if (opt['install-vsix']) {
  const [cmd, args] = codeServer([...dirs, '--install-extension', path.resolve(opt['install-vsix'])]);
  const r = spawnSync(cmd, args, { env: baseEnv, encoding: 'utf8' });
  log(`install ${path.basename(opt['install-vsix'])}: exit ${r.status}${r.status ? `\n${r.stdout}${r.stderr}` : ''}`);
  if (r.status !== 0) process.exit(3);
}

// 2. code-server on loopback only, no auth, fresh user-data and extensions dirs.
const port = await freePort();
const [cmd, args] = codeServer(['--config', path.join(work, 'config.yaml'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', ...dirs,
  '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
  '--ignore-last-opened', '--log', 'info',
  // The web workbench honours extensionDevelopmentPath/extensionTestsPath from the URL payload only with this:
  '--vscode-option', 'enable-smoke-test-driver']);
const cs = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: baseEnv });
const csLog = fs.createWriteStream(path.join(work, 'code-server.log'));
cs.stdout.pipe(csLog);
cs.stderr.pipe(csLog);
if (opt.verbose) for (const s of [cs.stdout, cs.stderr]) s.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
let stopping = false;
const stopServer = () => { stopping = true; try { process.kill(-cs.pid, 'SIGTERM'); } catch { /* already gone */ } };
cs.on('exit', (c) => { if (!stopping) { log(`code-server exited early (${c}); log: ${path.join(work, 'code-server.log')}`); process.exit(3); } });
process.on('SIGINT', () => { stopServer(); process.exit(130); });
process.on('SIGTERM', () => { stopServer(); process.exit(143); });

const base = `http://127.0.0.1:${port}`;
const upBy = Date.now() + 60_000;
for (;;) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not listening yet */ }
  if (Date.now() > upBy) { log('code-server did not come up in 60s'); stopServer(); process.exit(3); }
  await new Promise((r) => setTimeout(r, 100)); // polling a port that has no event to wait on
}
log(`code-server up on ${base}`);

// 3. Headless Chromium opens the workbench with the test payload.
const browser = await chromium.launch({ executablePath: opt.chromium, env: { ...process.env, ...isolatedEnv }, args: [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'] });
page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
let resolveExit;
const exitCode = new Promise((r) => (resolveExit = r));
// The web workbench calls these hooks when present (as @vscode/test-web does): console lines and the final status.
const noise = /ENOTFOUND|ERR_NAME_NOT_RESOLVED|No signed-in session|ChatModelSelection|Ignoring fetching additional builtin/;
await page.exposeFunction('codeAutomationLog', (type, a) => {
  const line = Array.isArray(a) ? util.format(...a) : String(a);
  if (opt.verbose || !noise.test(line)) console.log(`[vscode:${type}] ${line}`);
});
await page.exposeFunction('codeAutomationExit', (code) => { log(`suite finished, exit code ${code}`); resolveExit(code); });
page.on('pageerror', (e) => opt.verbose && console.log('[page error]', e.message));

const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
const payload = [['extensionDevelopmentPath', remote(opt.ext)], ['extensionTestsPath', remote(opt.tests)],
  ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
await page.goto(`${base}/?folder=${encodeURIComponent(path.resolve(opt.workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

const timeoutS = Number(opt.timeout);
let timer;
const deadline = new Promise((r) => { timer = setTimeout(() => { log(`timeout after ${timeoutS}s`); r(124); }, timeoutS * 1000); });
const code = await Promise.race([exitCode, deadline]);
clearTimeout(timer);
if (opt.screenshot) {
  try { await page.screenshot({ path: opt.screenshot }); log('screenshot', opt.screenshot); } catch (e) { log('screenshot failed', e.message); }
}
await browser.close();
ui.close();
stopServer();
if (fs.existsSync(resultFile)) console.log(`e2e: ${JSON.parse(fs.readFileSync(resultFile, 'utf8')).summary}`);
else console.log('e2e: no result file (the suite did not finish)');
if (!opt.keep) fs.rmSync(work, { recursive: true, force: true }); else log('kept', work);
log(`exit ${code}`);
process.exit(typeof code === 'number' ? code : 1);
