// The Pyodide worker (bundled as dist/pyodide-worker.js): one warm CPython per plugin. It is started with an empty
// process.env, the `js` module is an empty object, nothing of the host filesystem is mounted except allowed_paths,
// fetch is refused, and mockforge_host.http_fetch (capability-gated by the core host's code) is the only way out.
// Known limit: Pyodide is not a boundary against hostile Python — any JS object it can touch leads to the Function
// constructor and from there to dynamic import() in this worker. A hard boundary needs a separate process under
// Node's permission model (--experimental-permission --allow-fs-read=…); until then these gates stop accidents,
// not attacks.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { fail } from '../contract/envelope';
import type { Envelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { LogLevel, LogRecord } from '../runtime';
import { hostImports } from '../component/host';
import { importEsm } from '../component/esm';
import { httpFetch } from '../wasm/host-imports';
import { HostStop } from '../wasm/trap';
import type { EnginePolicy } from '../wasm/plan';
import { GUEST_LIB, GUEST_ROOT, PyodidePlan } from './plan';
import type { FromComponentWorker } from '../component/messages';

type ToPyWorker = { type: 'init'; plan: PyodidePlan } | { type: 'call'; id: number; operation: Operation; input: unknown };

interface PyFS {
  mkdirTree(path: string): void;
  writeFile(path: string, data: string): void;
  mount(type: unknown, opts: { root: string }, mountpoint: string): void;
  filesystems: Record<string, unknown>;
  chdir(path: string): void;
}

interface Pyodide {
  FS: PyFS;
  runPython(code: string): unknown;
  pyimport(name: string): Record<string, (...args: unknown[]) => unknown>;
  registerJsModule(name: string, module: Record<string, unknown>): void;
  _module: { HEAP8: Int8Array };
}

const port = parentPort;
let py: Pyodide | undefined;
let glue: Record<string, (...args: unknown[]) => unknown> | undefined;
let currentId = 0;
let deadline = 0;
let denials: string[] = [];

function send(m: FromComponentWorker): void {
  port?.postMessage(m);
}

function log(level: LogLevel, message: string, source: LogRecord['source'] = 'plugin'): void {
  send({ type: 'log', id: currentId, record: { level, message, source, time: Date.now() } });
}

function deny(message: string): void {
  denials.push(message);
  log('warn', message, 'host');
}

async function start(plan: PyodidePlan): Promise<{ coldMs: number; className: string }> {
  const t0 = performance.now();
  const { loadPyodide } = await importEsm<{ loadPyodide(o: Record<string, unknown>): Promise<Pyodide> }>(`${plan.indexURL}pyodide.mjs`);
  const p = await loadPyodide({
    indexURL: plan.indexURL,
    // `import js` sees this object, not the worker's globalThis (process, require …).
    jsglobals: {},
    env: { HOME: '/home/pyodide', ...plan.policy.env },
    stdout: (line: string) => log('info', line, 'stdout'),
    stderr: (line: string) => log('warn', line, 'stderr'),
  });
  // loadPackage/micropip would try a CDN: there is no network for the interpreter itself.
  (globalThis as { fetch?: unknown }).fetch = () => Promise.reject(new Error('capability_denied: Python plugins reach the network only through mockforge_host.http_fetch'));
  for (const [rel, text] of Object.entries(plan.runtimeFiles)) {
    const file = `${GUEST_LIB}/${rel}`;
    p.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    p.FS.writeFile(file, text);
  }
  p.FS.mkdirTree(GUEST_ROOT);
  for (const [rel, text] of Object.entries(plan.sources)) {
    const file = `${GUEST_ROOT}/${rel}`;
    p.FS.mkdirTree(file.slice(0, file.lastIndexOf('/')));
    p.FS.writeFile(file, text);
  }
  const fsPolicy = plan.policy.filesystem;
  if (fsPolicy.allowRead || fsPolicy.allowWrite) {
    for (const [guest, hostDir] of Object.entries(fsPolicy.preopens)) {
      const at = guest.startsWith('/') ? guest : `${GUEST_ROOT}/${guest.replace(/^\.\//, '')}`;
      p.FS.mkdirTree(at);
      p.FS.mount(p.FS.filesystems.NODEFS, { root: hostDir }, at);
    }
  }
  // Nothing else of the host may be mounted later (by the plugin through pyodide_js).
  delete p.FS.filesystems.NODEFS;
  p.FS.chdir(GUEST_ROOT);
  const fetchJson = (raw: string) => JSON.stringify(httpFetch(raw, {
    memory: () => { throw new HostStop('internal', 'no memory for Python imports'); },
    alloc: () => 0,
    log: (level, message) => log(level, message),
    deny,
    remainingMs: () => Math.max(1, deadline - performance.now()),
  }, plan.policy as EnginePolicy));
  // log and config-get behave exactly as for components (wit/host.wit).
  const host = hostImports({ log: (level, message) => log(level, message), config: plan.policy.config, fetch: () => fail('internal', 'unused') }) as
    { log(l: string, m: string): void; configGet(k: string): string | undefined };
  p.registerJsModule('_mockforge_host_js', {
    log: (level: string, message: string) => host.log(level, message),
    config_get: (key: string) => host.configGet(key), // undefined arrives as None (null would be jsnull)
    http_fetch: fetchJson,
  });
  p.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(GUEST_LIB)})`);
  const g = p.pyimport('mockforge_pyodide');
  const className = String(g.load(`${GUEST_ROOT}/${plan.entry}`));
  py = p;
  glue = g;
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

async function call(plan: PyodidePlan, operation: Operation, input: unknown): Promise<Envelope> {
  denials = [];
  deadline = performance.now() + plan.policy.timeoutMs;
  let text: string;
  try {
    text = String(await (glue as Record<string, (...a: unknown[]) => unknown>).call(operation, JSON.stringify(input ?? {})));
  } catch (err) {
    return pythonFailure(err, plan, operation);
  }
  const heap = (py as Pyodide)._module.HEAP8.length;
  if (heap > plan.policy.maxMemoryBytes) {
    return fail('memory_limit', `${plan.label} ${operation}: the interpreter grew to ${heap} bytes, over max_memory_bytes ${plan.policy.maxMemoryBytes}; it is restarted for the next call`, { restart: true });
  }
  const envelope = JSON.parse(text) as Envelope;
  if (!envelope.success && denials.length > 0 && envelope.error.code !== 'capability_denied') {
    return fail('capability_denied', `${denials.join('\n')}\nThe plugin then failed: ${envelope.error.message}`, envelope.error.details);
  }
  return envelope;
}

if (port) {
  let plan: PyodidePlan | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (m: ToPyWorker) => {
    queue = queue.then(async () => {
      if (m.type === 'init') {
        // The interpreter starts before the first call is timed: a cold start is not the plugin's time.
        plan = m.plan;
        log('info', 'starting Python… (Pyodide loads CPython and the standard library: a few seconds, once per plugin)', 'host');
        const t0 = performance.now();
        try {
          const started = await start(plan);
          log('info', `Python ready in ${Math.round(started.coldMs)} ms (plugin class ${started.className})`, 'host');
          send({ type: 'ready', startMs: started.coldMs });
        } catch (err) {
          const failure = pythonFailure(err, plan, `loading ${plan.entry}`);
          send({ type: 'ready', startMs: performance.now() - t0, failure: failure.success ? failure : fail('load_failed', failure.error.message, failure.error.details) });
        }
        return;
      }
      currentId = m.id;
      const t1 = performance.now();
      const envelope = await call(plan as PyodidePlan, m.operation, m.input);
      const restart = !envelope.success && envelope.error.code === 'memory_limit';
      send({ type: 'result', id: m.id, result: { envelope, callMs: performance.now() - t1, restart, peakMemoryBytes: (py as Pyodide)._module.HEAP8.length } });
    }).catch((err: unknown) => {
      send({ type: 'result', id: currentId, result: { envelope: fail('internal', `the Python worker failed: ${(err as Error).message}`), callMs: 0, restart: true } });
    });
  });
}
