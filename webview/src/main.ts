// The request panel's page: pick a plugin and operation, edit the request (form or raw JSON), send it, see the reply.
// Bundled to dist/webview.js (browser IIFE). Every plugin value reaches the DOM through textContent (dom.ts).
import './panel.css';
import { OPERATIONS, type Operation } from '../../host/src/contract/operations';
import { cliCommand } from './cliCommand';
import { append, clear, h, option } from './dom';
import { FORMS, getPath, headerRows, rowsToHeaders, setPath, type Field } from './forms';
import { formatBytes, formatMs, logLine, parseSourceLocation } from './format';
import { signature } from './functions';
import { jsonTree } from './jsonTree';
import type { FunctionHint, HistoryEntry, PluginEntry, RunResult, SavedRequestData, ToExtension, ToPanel } from './messages';

interface VsCodeApi {
  postMessage(msg: ToExtension): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;
const vscode = acquireVsCodeApi();
const post = (msg: ToExtension): void => vscode.postMessage(msg);

interface Kept { plugin?: string; operation?: Operation; body?: string; env?: string; isolate?: boolean; mode?: 'form' | 'json' }

const state = {
  plugins: [] as PluginEntry[],
  samples: {} as Record<Operation, unknown>,
  plugin: '' as string,
  operation: 'authenticate' as Operation,
  requests: [] as SavedRequestData[],
  environments: {} as Record<string, Record<string, string>>,
  functions: new Map<string, FunctionHint[]>(),
  /** The saved request the editor holds unchanged (for "Copy as CLI command" → --request). */
  loadedRequest: undefined as SavedRequestData | undefined,
  loadedText: '',
  running: undefined as number | undefined,
  nextId: 1,
  last: undefined as { operation: Operation; body: string } | undefined,
  status: 'idle',
  /** The plugin whose saved requests have arrived; a driven request waits for them. */
  dataFor: '',
  pendingDrive: undefined as string | undefined,
  pendingEnv: '',
  mode: 'form' as 'form' | 'json',
};
const kept = (vscode.getState() ?? {}) as Kept;

// ---- layout ----
const pluginSel = h('select', { attrs: { id: 'plugin', 'aria-label': 'Plugin' } });
const opSel = h('select', { attrs: { id: 'operation', 'aria-label': 'Operation' } });
const savedSel = h('select', { attrs: { id: 'saved', 'aria-label': 'Saved request' } });
const envSel = h('select', { attrs: { id: 'env', 'aria-label': 'Environment' } });
const isolateBox = h('input', { attrs: { id: 'isolate', type: 'checkbox' } });
isolateBox.checked = kept.isolate ?? true;
const formTab = h('button', { class: 'tab', attrs: { role: 'tab', id: 'tab-form', 'aria-controls': 'form' } }, 'Form');
const jsonTab = h('button', { class: 'tab', attrs: { role: 'tab', id: 'tab-json', 'aria-controls': 'json' } }, 'JSON');
const formEl = h('div', { class: 'form', attrs: { id: 'form', role: 'tabpanel', 'aria-labelledby': 'tab-form' } });
const jsonEl = h('textarea', { attrs: { id: 'json', role: 'tabpanel', 'aria-labelledby': 'tab-json', spellcheck: 'false', rows: '16', 'aria-label': 'Request body (JSON)' } });
const jsonError = h('div', { class: 'problem', attrs: { role: 'status' } });
const sendBtn = h('button', { class: 'primary', attrs: { id: 'send', title: 'Send (Ctrl/Cmd+Enter)' } }, 'Send');
const cancelBtn = h('button', { attrs: { id: 'cancel', title: 'Cancel (Escape)' } }, 'Cancel');
const resendBtn = h('button', { attrs: { id: 'resend', title: 'Send the last request again' } }, 'Re-send');
const saveName = h('input', { attrs: { id: 'save-name', type: 'text', placeholder: 'request-name', 'aria-label': 'Name to save the request as' } });
const saveBtn = h('button', { attrs: { id: 'save' } }, 'Save request');
const copyBtn = h('button', { attrs: { id: 'copy-cli' } }, 'Copy as CLI command');
const notice = h('div', { class: 'notice', attrs: { role: 'status', 'aria-live': 'polite' } });
const resultEl = h('section', { class: 'result', attrs: { id: 'result', 'aria-live': 'polite', 'aria-label': 'Reply' } });
const historyEl = h('ol', { class: 'history', attrs: { id: 'history' } });

const label = (text: string, control: HTMLElement): HTMLElement => h('label', { class: 'pick' }, h('span', {}, text), control);
append(document.body,
  h('main', {},
    h('div', { class: 'controls' }, label('Plugin', pluginSel), label('Operation', opSel), label('Saved request', savedSel), label('Environment', envSel),
      h('label', { class: 'check' }, isolateBox, 'Isolated (time limit, cancel)')),
    h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Request editor' } }, formTab, jsonTab),
    formEl, jsonEl, jsonError,
    h('div', { class: 'actions' }, sendBtn, cancelBtn, resendBtn, h('span', { class: 'spacer' }), saveName, saveBtn, copyBtn),
    notice,
    resultEl,
    h('details', { class: 'history-box' }, h('summary', {}, 'History (last 50 calls)'), historyEl),
  ),
);

// ---- request editing ----
function body(): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(jsonEl.value) };
  } catch (err) {
    return { error: `Request JSON: ${(err as Error).message}` };
  }
}

function setBody(value: unknown, fromForm = false): void {
  jsonEl.value = JSON.stringify(value, null, 2);
  jsonError.textContent = '';
  if (!fromForm) renderForm();
  keep();
}

function keep(): void {
  vscode.setState({ plugin: state.plugin, operation: state.operation, body: jsonEl.value, env: envSel.value, isolate: isolateBox.checked, mode: state.mode } satisfies Kept);
}

function setMode(mode: 'form' | 'json'): void {
  state.mode = mode;
  formTab.setAttribute('aria-selected', String(mode === 'form'));
  jsonTab.setAttribute('aria-selected', String(mode === 'json'));
  formEl.hidden = mode !== 'form';
  jsonEl.hidden = mode !== 'json';
  if (mode === 'form') renderForm();
  keep();
}

function renderForm(): void {
  clear(formEl);
  const fields = FORMS[state.operation];
  const parsed = body();
  if (parsed.error) {
    formEl.append(h('p', { class: 'problem' }, `${parsed.error} — fix it in the JSON tab.`));
    return;
  }
  if (fields.length === 0) {
    formEl.append(h('p', { class: 'muted' }, `${state.operation} has no fields to fill in; edit the JSON tab if you need to.`));
    return;
  }
  fields.forEach((f, i) => formEl.append(fieldControl(f, parsed.value, `f${i}`)));
}

function update(path: readonly string[], value: unknown): void {
  const parsed = body();
  if (parsed.error) return;
  setBody(setPath(parsed.value, path, value), true);
}

function fieldControl(f: Field, value: unknown, id: string): HTMLElement {
  const current = getPath(value, f.path);
  const row = (control: HTMLElement, ...extra: HTMLElement[]): HTMLElement =>
    h('div', { class: 'field' }, h('label', { attrs: { for: id } }, f.label), control, ...extra);
  switch (f.kind) {
    case 'text': {
      const input = h('input', { attrs: { id, type: 'text' } });
      input.value = typeof current === 'string' ? current : current === undefined || current === null ? '' : JSON.stringify(current);
      input.addEventListener('input', () => update(f.path, input.value));
      return row(input);
    }
    case 'number': {
      const input = h('input', { attrs: { id, type: 'number', min: '0' } });
      input.value = typeof current === 'number' ? String(current) : '';
      input.addEventListener('input', () => update(f.path, input.value === '' ? undefined : Number(input.value)));
      return row(input);
    }
    case 'select': {
      const sel = h('select', { attrs: { id } });
      const opts = [...(f.options ?? [])];
      if (typeof current === 'string' && !opts.includes(current)) opts.unshift(current);
      for (const o of opts) sel.append(option(o, o, o === current));
      sel.addEventListener('change', () => update(f.path, sel.value));
      return row(sel);
    }
    case 'json': {
      const area = h('textarea', { attrs: { id, rows: '3', spellcheck: 'false' } });
      area.value = current === undefined ? '' : JSON.stringify(current);
      const problem = h('div', { class: 'problem' });
      area.addEventListener('input', () => {
        try {
          const v: unknown = area.value.trim() === '' ? undefined : JSON.parse(area.value);
          problem.textContent = '';
          update(f.path, v);
        } catch (err) {
          problem.textContent = `${f.label}: ${(err as Error).message}`;
        }
      });
      return row(area, problem);
    }
    case 'headers':
      return headersTable(f, current, id);
    case 'function': {
      const list = state.functions.get(state.plugin);
      const input = h('input', { attrs: { id, type: 'text', list: `${id}-list` } });
      input.value = typeof current === 'string' ? current : '';
      const datalist = h('datalist', { attrs: { id: `${id}-list` } }, ...(list ?? []).map((fn) => option(fn.name, signature(fn))));
      const hint = h('div', { class: 'muted hint' });
      const showHint = (): void => {
        const fn = list?.find((x) => x.name === input.value);
        hint.textContent = fn ? `${signature(fn)}${fn.description ? ` — ${fn.description}` : ''}` : list ? `${list.length} function(s) from list_functions` : 'asking the plugin (list_functions)…';
      };
      input.addEventListener('input', () => { update(f.path, input.value); showHint(); });
      showHint();
      if (!list && state.plugin) post({ type: 'listFunctions', plugin: state.plugin });
      return row(input, datalist, hint);
    }
  }
}

function headersTable(f: Field, current: unknown, id: string): HTMLElement {
  const rows = headerRows(current);
  const tbody = h('tbody');
  const commit = (): void => {
    const pairs = Array.from(tbody.querySelectorAll('tr')).map((tr) => {
      const cells = tr.querySelectorAll('input');
      return [cells[0].value, cells[1].value] as const;
    });
    update(f.path, rowsToHeaders(pairs));
  };
  const addRow = (k: string, v: string): void => {
    const name = h('input', { attrs: { type: 'text', 'aria-label': 'Header name' } });
    const val = h('input', { attrs: { type: 'text', 'aria-label': 'Header value' } });
    name.value = k;
    val.value = v;
    name.addEventListener('change', commit);
    val.addEventListener('change', commit);
    const remove = h('button', { class: 'icon', attrs: { 'aria-label': `Remove header ${k}`, title: 'Remove' } }, '×');
    const tr = h('tr', {}, h('td', {}, name), h('td', {}, val), h('td', {}, remove));
    remove.addEventListener('click', () => { tr.remove(); commit(); });
    tbody.append(tr);
  };
  for (const [k, v] of rows) addRow(k, v);
  const add = h('button', { attrs: { id } }, 'Add header');
  add.addEventListener('click', () => addRow('', ''));
  return h('div', { class: 'field' }, h('label', { attrs: { for: id } }, f.label),
    h('table', { class: 'headers' }, h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Value'), h('th', {}, ''))), tbody), add);
}

// ---- pickers ----
function currentPlugin(): PluginEntry | undefined {
  return state.plugins.find((p) => p.dir === state.plugin);
}

function renderPickers(): void {
  clear(pluginSel);
  for (const p of state.plugins) pluginSel.append(option(p.dir, `${p.id} — ${p.relDir} (${p.description})`, p.dir === state.plugin));
  clear(opSel);
  const offered = currentPlugin()?.operations ?? [];
  for (const op of [...offered, ...OPERATIONS.filter((o) => !offered.includes(o))]) opSel.append(option(op, op, op === state.operation));
}

function renderSaved(): void {
  clear(savedSel);
  savedSel.append(option('', state.requests.length ? '— load a saved request —' : '(no saved requests)'));
  const loaded = state.loadedRequest?.name;
  for (const r of state.requests) savedSel.append(option(r.name, `${r.name}${r.label && r.label !== r.name ? ` — ${r.label}` : ''} (${r.operation})`, r.name === loaded));
  const envs = Object.keys(state.environments);
  const want = envSel.value || kept.env || '';
  clear(envSel);
  envSel.append(option('', envs.length ? 'no environment' : '(no .mockforge/env.json)'));
  for (const e of envs) envSel.append(option(e, e, e === want));
}

function selectOperation(op: Operation, withSample: boolean): void {
  state.operation = op;
  opSel.value = op;
  if (withSample) setBody(state.samples[op] ?? {});
  else renderForm();
  keep();
}

function loadSaved(name: string): boolean {
  const r = state.requests.find((x) => x.name === name);
  if (!r) return false;
  state.operation = r.operation;
  opSel.value = r.operation;
  setBody(r.input);
  state.loadedRequest = r;
  state.loadedText = jsonEl.value;
  savedSel.value = r.name;
  saveName.value = r.name;
  return true;
}

// ---- sending ----
function send(operation = state.operation, text = jsonEl.value): void {
  if (state.running !== undefined) return;
  if (!state.plugin) return say('error', 'No plugin selected: add a plugin.yaml to the workspace.');
  try {
    JSON.parse(text);
  } catch (err) {
    jsonError.textContent = `Request JSON: ${(err as Error).message}`;
    return;
  }
  const id = state.nextId++;
  state.running = id;
  state.last = { operation, body: text };
  setBusy(true);
  post({ type: 'send', id, plugin: state.plugin, operation, input: text, env: envSel.value || undefined, isolate: isolateBox.checked });
}

function setBusy(busy: boolean): void {
  sendBtn.disabled = busy;
  resendBtn.disabled = busy || !state.last;
  cancelBtn.disabled = !busy;
  if (busy) {
    state.status = 'running';
    clear(resultEl);
    resultEl.append(h('p', { class: 'muted' }, 'Running…'));
  }
}

function say(level: 'info' | 'error', message: string): void {
  notice.className = `notice ${level}`;
  notice.textContent = message;
}

// ---- result ----
function renderResult(r: RunResult): void {
  clear(resultEl);
  const env = r.envelope;
  state.status = env.success ? 'success' : env.error.code;
  const t = r.timing;
  const timing = [
    t.loadMs !== undefined ? `load ${formatMs(t.loadMs)}${r.runtime?.compiledFromCache ? ' (cached)' : ''}` : '',
    t.instantiateMs !== undefined ? `instantiate ${formatMs(t.instantiateMs)}` : '',
    `call ${formatMs(t.callMs)}`,
    t.attempts !== undefined ? `${t.attempts} attempt${t.attempts === 1 ? '' : 's'}` : '',
  ].filter(Boolean).join(' · ');
  append(resultEl,
    h('div', { class: 'status-line' },
      h('span', { class: `badge ${env.success ? 'ok' : 'err'}`, attrs: { id: 'status' } }, env.success ? 'success' : env.error.code),
      h('span', { class: 'muted' }, `${r.operation} · ${runtimeText(r.runtime)}`)),
    h('dl', { class: 'meta' },
      h('dt', {}, 'Timing'), h('dd', {}, timing),
      h('dt', {}, 'Peak memory'), h('dd', {}, formatBytes(r.peakMemoryBytes))),
  );
  if (env.success) {
    resultEl.append(h('h3', {}, 'Result'), h('div', { class: 'json', attrs: { id: 'reply' } }, jsonTree(env.result)));
  } else {
    const { stack, ...rest } = env.error.details ?? {};
    resultEl.append(h('h3', {}, 'Error'), h('pre', { class: 'error-message', attrs: { id: 'error-message' } }, env.error.message));
    if (Array.isArray(stack) && stack.length) resultEl.append(h('h3', {}, 'Stack'), stackList(r.plugin, stack));
    if (Object.keys(rest).length) resultEl.append(h('h3', {}, 'Details'), h('div', { class: 'json' }, jsonTree(rest)));
  }
  resultEl.append(h('h3', {}, `Logs (${r.logs.length})`));
  if (r.logs.length === 0) resultEl.append(h('p', { class: 'muted' }, 'The plugin logged nothing.'));
  else resultEl.append(h('ol', { class: 'logs', attrs: { id: 'logs' } }, ...r.logs.map((l) => h('li', { class: `log ${l.level} ${l.source}` }, logLine(l)))));
}

function runtimeText(rt: RunResult['runtime']): string {
  if (!rt) return 'not loaded';
  const what = [rt.language !== 'unknown' ? rt.language : '', rt.abi !== 'none' ? `abi ${rt.abi}` : ''].filter(Boolean).join(', ');
  return `${rt.kind}${what ? ` (${what})` : ''} · ${rt.isolation}`;
}

function stackList(plugin: string, stack: unknown[]): HTMLElement {
  return h('ol', { class: 'stack' }, ...stack.map((frame) => {
    const f = (frame ?? {}) as { name?: unknown; functionIndex?: unknown; offset?: unknown; source?: unknown };
    const name = typeof f.name === 'string' ? f.name : `wasm-function[${String(f.functionIndex)}]`;
    const offset = typeof f.offset === 'number' ? ` (0x${f.offset.toString(16)})` : '';
    const loc = typeof f.source === 'string' ? parseSourceLocation(f.source) : undefined;
    const link = loc ? h('button', { class: 'link', attrs: { title: `Open ${f.source as string} (from the stack)` } }, f.source as string) : null;
    link?.addEventListener('click', () => post({ type: 'openLocation', plugin, file: loc!.file, line: loc!.line, column: loc!.column }));
    return h('li', {}, `at ${name}${offset} `, link);
  }));
}

function renderHistory(history: HistoryEntry[]): void {
  clear(historyEl);
  for (const e of history) {
    const b = h('button', { class: 'link', attrs: { title: 'Load this request' } },
      `${new Date(e.at).toLocaleTimeString()} ${e.pluginId} ${e.operation} → ${e.status}${e.callMs !== undefined ? ` (${formatMs(e.callMs)})` : ''}`);
    b.addEventListener('click', () => {
      if (state.plugins.some((p) => p.dir === e.plugin) && e.plugin !== state.plugin) choosePlugin(e.plugin);
      state.operation = e.operation;
      opSel.value = e.operation;
      state.loadedRequest = undefined;
      setBody(e.input);
    });
    historyEl.append(h('li', {}, b));
  }
}

function drive(request: string): void {
  state.pendingDrive = undefined;
  envSel.value = state.pendingEnv;
  if (envSel.value !== state.pendingEnv) return say('error', `No environment "${state.pendingEnv}" in .mockforge/env.json.`);
  if (!loadSaved(request)) say('error', `No saved request "${request}" for this plugin.`);
  else send();
}

function choosePlugin(dir: string): void {
  state.plugin = dir;
  state.dataFor = '';
  pluginSel.value = dir;
  state.requests = [];
  state.environments = {};
  renderSaved();
  renderPickers();
  post({ type: 'selectPlugin', plugin: dir });
  keep();
}

// ---- events ----
pluginSel.addEventListener('change', () => choosePlugin(pluginSel.value));
opSel.addEventListener('change', () => { state.loadedRequest = undefined; selectOperation(opSel.value as Operation, true); });
savedSel.addEventListener('change', () => { if (savedSel.value) loadSaved(savedSel.value); });
envSel.addEventListener('change', keep);
isolateBox.addEventListener('change', keep);
jsonEl.addEventListener('input', () => {
  jsonError.textContent = body().error ?? '';
  keep();
});
formTab.addEventListener('click', () => setMode('form'));
jsonTab.addEventListener('click', () => setMode('json'));
sendBtn.addEventListener('click', () => send());
resendBtn.addEventListener('click', () => { if (state.last) send(state.last.operation, state.last.body); });
cancelBtn.addEventListener('click', () => { if (state.running !== undefined) post({ type: 'cancel', id: state.running }); });
saveBtn.addEventListener('click', () => {
  const name = saveName.value.trim();
  if (!name) return say('error', 'Give the request a name to save it as (.mockforge/requests/<name>.json).');
  post({ type: 'saveRequest', plugin: state.plugin, name, operation: state.operation, input: jsonEl.value });
});
copyBtn.addEventListener('click', () => {
  const p = currentPlugin();
  if (!p) return;
  const parsed = body();
  if (parsed.error) return say('error', parsed.error);
  const saved = state.loadedRequest && state.loadedText === jsonEl.value && state.loadedRequest.operation === state.operation ? state.loadedRequest : undefined;
  post({ type: 'copy', text: cliCommand({ pluginDir: p.relDir, operation: state.operation, savedRequest: saved?.relFile, input: parsed.value, isolate: isolateBox.checked }) });
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    send();
  } else if (e.key === 'Escape' && state.running !== undefined) {
    post({ type: 'cancel', id: state.running });
  }
});

window.addEventListener('message', (event: MessageEvent<ToPanel>) => {
  const msg = event.data;
  switch (msg.type) {
    case 'init': {
      // A re-init (the panel revealed for a plugin) keeps what is being edited; a first one restores the kept state.
      const prev: Kept = state.plugins.length ? { plugin: state.plugin, operation: state.operation, body: jsonEl.value } : kept;
      state.plugins = msg.plugins;
      state.samples = msg.samples;
      const want = msg.selected ?? prev.plugin;
      state.plugin = msg.plugins.find((p) => p.dir === want)?.dir ?? msg.plugins[0]?.dir ?? '';
      const op = prev.plugin === state.plugin && prev.operation ? prev.operation : currentPlugin()?.operations[0] ?? 'authenticate';
      renderPickers();
      renderSaved();
      if (prev.plugin === state.plugin && prev.body !== undefined) {
        state.operation = op;
        opSel.value = op;
        jsonEl.value = prev.body;
      } else {
        state.loadedRequest = undefined;
        selectOperation(op, true);
      }
      setMode(kept.mode ?? 'form');
      renderHistory(msg.history);
      if (state.running === undefined) setBusy(false);
      if (state.plugin) post({ type: 'selectPlugin', plugin: state.plugin });
      else say('error', 'No plugin.yaml in this workspace. Create one with "MockForge: New Plugin…".');
      break;
    }
    case 'pluginData':
      if (msg.plugin !== state.plugin) break;
      state.requests = msg.requests;
      state.environments = msg.environments;
      state.dataFor = msg.plugin;
      renderSaved();
      if (state.pendingDrive !== undefined) drive(state.pendingDrive);
      if (msg.requestErrors.length || msg.envError) say('error', [...msg.requestErrors, msg.envError].filter(Boolean).join('\n'));
      break;
    case 'functions':
      state.functions.set(msg.plugin, msg.functions);
      if (msg.error) say('error', `list_functions: ${msg.error}`);
      if (msg.plugin === state.plugin && state.mode === 'form') renderForm();
      break;
    case 'running':
      break;
    case 'result':
      if (msg.result.id !== state.running) break;
      state.running = undefined;
      setBusy(false);
      renderResult(msg.result);
      break;
    case 'failed':
      if (msg.id !== state.running) break;
      state.running = undefined;
      setBusy(false);
      state.status = 'failed';
      clear(resultEl);
      resultEl.append(h('pre', { class: 'error-message', attrs: { id: 'error-message' } }, msg.message));
      break;
    case 'history':
      renderHistory(msg.history);
      break;
    case 'notice':
      say(msg.level, msg.message);
      break;
    case 'drive':
      if (msg.plugin !== state.plugin) choosePlugin(msg.plugin);
      state.pendingEnv = msg.env ?? '';
      if (state.dataFor === msg.plugin) drive(msg.request);
      else state.pendingDrive = msg.request;
      break;
    case 'click':
      (msg.control === 'cancel' ? cancelBtn : resultEl.querySelector<HTMLButtonElement>('.stack button.link'))?.click();
      break;
    case 'probe':
      post({ type: 'rendered', token: msg.token, state: {
        text: resultEl.innerText,
        status: state.status,
        tags: [...new Set(Array.from(resultEl.querySelectorAll('*')).map((e) => e.tagName.toLowerCase()))],
        editor: jsonEl.value,
        savedRequest: savedSel.value,
        environment: envSel.value,
      } });
      break;
  }
});

post({ type: 'ready' });
