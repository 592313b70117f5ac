// Acts on the workbench UI for the e2e tests, which run in the extension host and cannot reach the page: a loopback
// HTTP endpoint that takes one typed action per POST (test/e2e/suite/ui.ts is the client and holds the types) and
// performs it with playwright on the runner's Page, the way an author would — keys, typing, clicks — or takes a
// screenshot of the workbench. Every action waits on real DOM state (locators) with a generous bound; none sleeps.
// Actions run one at a time, in arrival order. A failed action reports what the quick input showed at that moment.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const WIDGET = '.quick-input-widget:visible';
const ROWS = `${WIDGET} .quick-input-list .monaco-list-row`;
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (s) => new RegExp(`^\\s*${escapeRe(s)}\\s*$`);

/** What the visible quick input shows (QuickInputState in suite/ui.ts), read in one go so rows cannot change mid-read. */
function readQuickInput(page) {
  return page.evaluate(() => {
    const widget = [...document.querySelectorAll('.quick-input-widget')].find((w) => w.checkVisibility());
    if (!widget) return null;
    const text = (sel) => widget.querySelector(sel)?.textContent?.trim() ?? '';
    const input = widget.querySelector('.quick-input-box input');
    const items = [];
    let active = '';
    for (const row of widget.querySelectorAll('.quick-input-list .monaco-list-row')) {
      // The row's label (not its description/detail); separators are not items.
      const label = row.querySelector('.label-name');
      if (!label || !row.checkVisibility()) continue;
      const name = label.textContent.trim();
      items.push(name);
      if (row.classList.contains('focused')) active = name;
    }
    return { title: text('.quick-input-title'), value: input?.value ?? '', placeholder: input?.getAttribute('placeholder') ?? '', message: text('.quick-input-message'), items, active };
  });
}

/** Performs one action; returns its JSON-able result. shots: the screenshot folder (--screenshots) or undefined. */
async function perform(page, a, shots) {
  const timeout = a.timeoutMs ?? 60_000;
  const widget = page.locator(WIDGET);
  switch (a.op) {
    case 'press':
      await page.keyboard.press(a.key);
      return null;
    case 'type': {
      // Into the focused quick input (the box must be there and focused: typing elsewhere would edit a document).
      const box = widget.locator('.quick-input-box input').first();
      await box.waitFor({ state: 'visible', timeout });
      await page.waitForFunction(() => document.activeElement?.closest('.quick-input-box') != null, null, { timeout });
      if (a.replace) await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(a.text);
      await page.waitForFunction((want) => document.activeElement?.value?.includes(want), a.text, { timeout });
      return null;
    }
    case 'quickInput': {
      await widget.first().waitFor({ state: 'visible', timeout });
      if (a.title !== undefined) await widget.locator('.quick-input-title', { hasText: a.title }).first().waitFor({ state: 'visible', timeout });
      if (a.message) await widget.locator('.quick-input-message', { hasText: a.message }).first().waitFor({ state: 'visible', timeout });
      else if (a.message === '') await widget.locator('.quick-input-message').first().filter({ hasText: /\S/ }).waitFor({ state: 'hidden', timeout });
      if (a.item !== undefined) await page.locator(ROWS).filter({ has: page.locator('.label-name', { hasText: exactly(a.item) }) }).first().waitFor({ state: 'visible', timeout });
      // The keyboard's item: Enter accepts it.
      if (a.active !== undefined) await page.locator(`${ROWS}.focused`).filter({ has: page.locator('.label-name', { hasText: exactly(a.active) }) }).first().waitFor({ state: 'visible', timeout });
      if (a.value !== undefined) await page.waitForFunction((want) => [...document.querySelectorAll('.quick-input-widget')].find((w) => w.checkVisibility())?.querySelector('.quick-input-box input')?.value === want, a.value, { timeout });
      const state = await readQuickInput(page);
      if (!state) throw new Error('the quick input closed while being read');
      return state;
    }
    case 'pick': {
      const row = page.locator(ROWS).filter({ has: page.locator('.label-name', { hasText: exactly(a.label) }) }).first();
      await row.waitFor({ state: 'visible', timeout });
      await row.click();
      return null;
    }
    case 'closed':
      await widget.first().waitFor({ state: 'hidden', timeout });
      return null;
    case 'webview': {
      // The active webview's page (the request panel): VS Code nests it in an iframe inside the webview's iframe.
      const body = page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame').locator('body');
      await body.filter({ hasText: a.text }).waitFor({ state: 'visible', timeout });
      return body.innerText();
    }
    case 'screenshot': {
      // The workbench once every selector is visible (README pictures), written under a temporary name and renamed so
      // nobody reads half a file.
      if (!shots) throw new Error('this run takes no screenshots (no --screenshots)');
      for (const sel of a.waitFor ?? []) await page.locator(sel).first().waitFor({ state: 'visible', timeout });
      const png = path.join(shots, `${a.name}.png`);
      await page.screenshot({ path: `${png}.part`, type: 'png' });
      fs.renameSync(`${png}.part`, png);
      return png;
    }
    default:
      throw new Error(`unknown ui action ${JSON.stringify(a.op)}`);
  }
}

/** Starts the endpoint on 127.0.0.1; resolves with its URL (for MOCKFORGE_E2E_UI) and a close(). */
export async function startUiServer(getPage, log, shots) {
  if (shots) fs.mkdirSync(shots, { recursive: true });
  let queue = Promise.resolve();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const reply = (status, obj) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(obj)); };
      let action;
      try { action = JSON.parse(body); } catch (e) { return reply(400, { ok: false, error: `bad JSON: ${e.message}` }); }
      queue = queue.then(async () => {
        const page = getPage();
        if (!page) return reply(503, { ok: false, error: 'the workbench page is not open yet' });
        try {
          reply(200, { ok: true, result: await perform(page, action, shots) });
        } catch (e) {
          log(`ui ${action.op} failed: ${e.message.split('\n')[0]}`);
          const shown = await readQuickInput(page).catch(() => null);
          reply(200, { ok: false, error: `${e.message}\nthe quick input then: ${shown ? JSON.stringify(shown) : 'none shown'}` });
        }
      });
    });
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(0, '127.0.0.1', resolve); });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}
