// The sandboxed Pyodide process (bundled as dist/pyodide-child.js): one warm CPython per plugin. The host starts it
// under Node's permission model (sandbox.ts): it may read only the Pyodide runtime folder (dist/pyodide, else
// node_modules/pyodide), this script, the snapshot and the plugin's allowed_paths, it may not start processes or
// workers, its environment is empty, and code cannot be generated from strings (so hostile Python that reaches a
// JS Function cannot compile an import() of node:net).
// Inside, the gates of the old worker stay: `import js` is an empty object, NODEFS is gone after the allowed paths
// are mounted, fetch is refused, and http_fetch goes to the host, which applies the manifest's network rules.
// Once ready, the process serves calls in a synchronous loop: a blocking read of the next CALL frame on its input
// pipe, the Python call, a RESULT frame back (frames.ts) — no event-loop turn or IPC serializer per call.
import { constants as fsConstants, readFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fail } from '../contract/envelope';
import type { Envelope } from '../contract/envelope';
import type { LogLevel, LogRecord } from '../runtime';
import { hostImports } from '../component/host';
import { importEsm } from '../component/esm';
import { CALL, FETCH, FETCH_REPLY, LOG, RESULT, SyncFrameReader, encodeResult, splitHead, writeFrame } from './frames';
import { FromPyodide, IN_FD, OUT_FD, ToPyodide } from './messages';
import { GUEST_LIB, GUEST_ROOT, PyodidePlan } from './plan';

type PyCallable = (...args: unknown[]) => unknown;
interface PyProxyLike { destroy?(): void; then?: unknown }

interface Pyodide {
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: string): void;
    mount(type: unknown, opts: { root: string }, mountpoint: string): void;
    filesystems: Record<string, unknown>;
    chdir(path: string): void;
  };
  runPython(code: string): unknown;
  pyimport(name: string): Record<string, PyCallable>;
  toPy(value: unknown): unknown;
  registerJsModule(name: string, module: Record<string, unknown>): void;
  makeMemorySnapshot(): Uint8Array;
  _module: { HEAP8: Int8Array };
  _api: Record<string, unknown>;
}

// Under the permission model process.binding throws, but Pyodide's NODEFS reads the fs constants through it once:
// hand it those constants (public anyway) and nothing else.
const withBinding = process as unknown as { binding(name: string): unknown };
const realBinding = withBinding.binding.bind(process);
withBinding.binding = (name: string) => name === 'constants' ? { fs: fsConstants, os: osConstants } : realBinding(name);
// Pyodide's loadPackage would fetch from a URL: the interpreter has no network of its own.
(globalThis as { fetch?: unknown }).fetch = () => Promise.reject(new Error('capability_denied: Python plugins reach the network only through mockforge_host.http_fetch'));

let py: Pyodide | undefined;
let glue: Record<string, PyCallable> | undefined;
/** glue.call_sync, taken once: reading an attribute of a Python module from JS makes a new proxy each time. */
let callSync: PyCallable | undefined;

function send(m: FromPyodide, then?: (error: Error | null) => void): void {
  process.send?.(m, undefined, undefined, then);
}

/** Set once the process is ready: from then on records and results are frames on OUT_FD. */
let framed = false;
const input = new SyncFrameReader(IN_FD);

/** A frame to the host; a host that went away ends this process. */
function out(kind: number, text: string): void {
  try {
    writeFrame(OUT_FD, kind, text);
  } catch {
    process.exit(0);
  }
}

function log(level: LogLevel, message: string, source: LogRecord['source'] = 'plugin'): void {
  if (framed) out(LOG, `${level}\n${source}\n${Date.now()}\n${message}`);
  else send({ type: 'log', record: { level, message, source, time: Date.now() } });
}

/** Python's http_fetch is synchronous: the request goes to the host as a frame, this process blocks for the answer. */
function fetchThroughHost(raw: string): string {
  out(FETCH, raw);
  for (;;) {
    const f = input.next();
    if (!f) process.exit(0);
    if (f.kind === FETCH_REPLY) return f.text;
  }
}

function writeTree(p: Pyodide, base: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = `${base}/${rel}`;
    p.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    p.FS.writeFile(file, text);
  }
}

async function start(plan: PyodidePlan): Promise<{ coldMs: number; className: string }> {
  const t0 = performance.now();
  const { loadPyodide } = await importEsm<{ loadPyodide(o: Record<string, unknown>): Promise<Pyodide> }>(`${plan.indexURL}pyodide.mjs`);
  const snapshot = plan.snapshot;
  const making = snapshot?.make === true;
  const load = (from?: Uint8Array) => loadPyodide({
    indexURL: plan.indexURL,
    // `import js` sees this object, not this process's globalThis (process …).
    jsglobals: {},
    env: { HOME: '/home/pyodide' },
    stdout: (line: string) => log('info', line, 'stdout'),
    stderr: (line: string) => log('warn', line, 'stderr'),
    ...(making ? { _makeSnapshot: true } : {}),
    ...(from ? { _loadSnapshot: from } : {}),
  });
  let p: Pyodide;
  if (snapshot && !making) {
    try {
      p = await load(readFileSync(snapshot.file));
    } catch (err) {
      // A damaged or foreign snapshot must not stop the plugin: start without it; the host deletes it and the next
      // start makes a new one (a snapshot is only ever accepted from a process asked to make it).
      log('warn', `the cached Python snapshot ${snapshot.file} could not be used (${(err as Error).message.split('\n')[0]}); starting without it, the next start makes a new one`, 'host');
      send({ type: 'snapshot-unusable' });
      p = await load();
    }
  } else p = await load();
  // The memory filesystem is not part of a snapshot: the SDK files are written every time (a few ms).
  writeTree(p, GUEST_LIB, plan.runtimeFiles);
  p.runPython(`import sys\nif ${JSON.stringify(GUEST_LIB)} not in sys.path: sys.path.insert(0, ${JSON.stringify(GUEST_LIB)})`);
  if (making) {
    // Taken before any plugin code has run and before any JS object is handed to Python: the SDK is imported.
    p.runPython('import mockforge_pyodide\nmockforge_pyodide.prime()');
    send({ type: 'snapshot', bytes: p.makeMemorySnapshot() });
  }
  const g = p.pyimport('mockforge_pyodide');
  if (!making) g.prime(); // cached in a snapshot already: a no-op then
  g.set_environ(p.toPy({ HOME: '/home/pyodide', ...plan.policy.env }));
  const host = hostImports({ log: (level, message) => log(level, message), config: plan.policy.config, fetch: () => fail('internal', 'unused') }) as
    { log(l: string, m: string): void; configGet(k: string): string | undefined };
  // The configuration is fixed for the life of this process: Python gets each value once, as the string config_get
  // answers (a call into JS costs a Pyodide plugin ~5–20 µs; a dict lookup well under one).
  const config: Record<string, string> = {};
  for (const key of Object.keys(plan.policy.config)) {
    const value = host.configGet(key);
    if (value !== undefined) config[key] = value;
  }
  p.registerJsModule('_mockforge_host_js', {
    log: (level: string, message: string) => host.log(level, message),
    config,
    http_fetch: fetchThroughHost,
  });
  p.FS.mkdirTree(GUEST_ROOT);
  writeTree(p, GUEST_ROOT, plan.sources);
  const fsPolicy = plan.policy.filesystem;
  if (fsPolicy.allowRead || fsPolicy.allowWrite) {
    for (const [guest, hostDir] of Object.entries(fsPolicy.preopens)) {
      const at = guest.startsWith('/') ? guest : `${GUEST_ROOT}/${guest.replace(/^\.\//, '')}`;
      p.FS.mkdirTree(at);
      p.FS.mount(p.FS.filesystems.NODEFS, { root: hostDir }, at);
    }
  }
  // pyodide.useNodeSockFS() would give Python sockets through node:net, which Node 20's permission model does not
  // cover: the only network is http_fetch.
  p._api.initializeNodeSockFS = () => Promise.reject(new Error('capability_denied: Python plugins reach the network only through mockforge_host.http_fetch'));
  // Nothing else of the host may be mounted later (by the plugin through pyodide_js); the permission model would
  // refuse the reads anyway.
  delete p.FS.filesystems.NODEFS;
  p.FS.chdir(GUEST_ROOT);
  py = p;
  glue = g;
  callSync = g.call_sync;
  const className = String(g.load(`${GUEST_ROOT}/${plan.entry}`));
  return { coldMs: performance.now() - t0, className };
}

/** PythonError messages carry the whole traceback; keep the plugin's own frames. */
function pythonFailure(err: unknown, plan: PyodidePlan, what: string): Envelope {
  const message = err instanceof Error ? err.message : String(err);
  if (glue && message.includes('Traceback')) {
    const trimmed = String(glue.trim_traceback(message.slice(message.indexOf('Traceback')), `${GUEST_ROOT}/${plan.entry}`));
    return fail('plugin_error', `${plan.label} ${what}:\n${trimmed}`, { traceback: trimmed });
  }
  return fail('plugin_error', `${plan.label} ${what}: ${message}`);
}

/** Runs one call; a plugin that really awaited something returns a promise (the event loop must finish it). */
function call(plan: PyodidePlan, id: number, operation: string, body: string): Promise<void> | undefined {
  const t0 = performance.now();
  let reply: string | PyProxyLike;
  try {
    reply = (callSync as PyCallable)(operation, body) as string | PyProxyLike;
  } catch (err) {
    finish(plan, id, operation, t0, undefined, pythonFailure(err, plan, operation));
    return undefined;
  }
  if (typeof reply === 'string') {
    finish(plan, id, operation, t0, reply);
    return undefined;
  }
  const waiting = reply;
  return (async () => {
    let text: string | undefined;
    let failure: Envelope | undefined;
    try {
      text = String(await (waiting as PromiseLike<unknown>));
    } catch (err) {
      failure = pythonFailure(err, plan, operation);
    } finally {
      waiting.destroy?.();
    }
    finish(plan, id, operation, t0, text, failure);
  })();
}

function finish(plan: PyodidePlan, id: number, operation: string, t0: number, text?: string, failure?: Envelope): void {
  const heapBytes = (py as Pyodide)._module.HEAP8.length;
  if (heapBytes > plan.policy.maxMemoryBytes) {
    failure = fail('memory_limit', `${plan.label} ${operation}: the interpreter grew to ${heapBytes} bytes, over max_memory_bytes ${plan.policy.maxMemoryBytes}; it is restarted for the next call`);
    text = undefined;
  }
  const restart = failure?.success === false && failure.error.code === 'memory_limit';
  out(RESULT, encodeResult({ id, text, failure: failure && JSON.stringify(failure), callMs: performance.now() - t0, heapBytes, restart }));
}

function broke(id: number, err: unknown): void {
  const failure = fail('internal', `the Python process failed: ${(err as Error).message}`);
  out(RESULT, encodeResult({ id, failure: JSON.stringify(failure), callMs: 0, heapBytes: 0, restart: true }));
}

/** The call loop: blocks on the input pipe between calls; leaves it only while an async call finishes. */
function serve(plan: PyodidePlan): void {
  for (;;) {
    const f = input.next();
    if (!f) process.exit(0);
    if (f.kind !== CALL) continue; // a late http_fetch reply of a call that is over
    const head = splitHead(f.text, 2);
    if (!head) continue;
    const id = Number(head[0]);
    let waiting: Promise<void> | undefined;
    try {
      waiting = call(plan, id, head[1], head[2]);
    } catch (err) {
      broke(id, err);
      continue;
    }
    if (waiting) {
      void waiting.catch((err: unknown) => broke(id, err)).then(() => setImmediate(() => serve(plan)));
      return;
    }
  }
}

process.on('disconnect', () => process.exit(0));
process.once('message', (m: ToPyodide) => {
  if (m.type !== 'init') return;
  const plan = m.plan;
  void (async () => {
    log('info', 'starting Python… (Pyodide loads CPython and the standard library: a few seconds, once per plugin)', 'host');
    const t0 = performance.now();
    try {
      const started = await start(plan);
      log('info', `Python ready in ${Math.round(started.coldMs)} ms (plugin class ${started.className})`, 'host');
      // The loop below blocks this thread: it starts once the IPC channel has written everything queued before it.
      send({ type: 'ready', startMs: started.coldMs }, (error) => {
        if (error) process.exit(0);
        framed = true;
        serve(plan);
      });
    } catch (err) {
      const failure = pythonFailure(err, plan, `loading ${plan.entry}`);
      send({ type: 'ready', startMs: performance.now() - t0, failure: failure.success ? failure : fail('load_failed', failure.error.message, failure.error.details) });
    }
  })();
});
