// The component worker (bundled as dist/component-worker.js): one per component plugin, so preview2-shim's
// process-global preopens and environment (toolchains.md, pitfall B) hold exactly what this plugin's manifest grants.
// The instance stays warm between calls and is discarded after a trap; the parent terminates the worker on timeout.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { LogLevel, LogRecord } from '../runtime';
import { HostStop, Symbolizer, decorate, failureFromError } from '../wasm/trap';
import { httpFetch } from '../wasm/host-imports';
import type { EnginePolicy } from '../wasm/plan';
import { CallFailure, callOperation } from './call';
import { importEsm } from './esm';
import { loadShim } from './vendor';
import type { ComponentCallResult, FromComponentWorker, ToComponentWorker } from './messages';
import type { ComponentPlan } from './plan';
import { WitModel, buildModel } from './wit-model';
import { hostImports } from './host';
import { compileOne, enableComponentFeatures } from './modules';
import { stubMissingJspi } from './jspi';
import { LoadedScript, runScript } from './script';
import { emptyStdin } from './stdin';

type Instantiate = (getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: Record<string, unknown>,
  instantiateCore?: (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>) => Promise<Record<string, unknown>>;

enableComponentFeatures();
stubMissingJspi();

// Started before the plan arrives: the worker is spawned while the host is still preparing the component.
const shimLoading = loadShim();
shimLoading.catch(() => undefined);
const port = parentPort;
let plan: ComponentPlan | undefined;
let model: WitModel | undefined;
let imports: Record<string, unknown> | undefined;
let instance: Record<string, unknown> | undefined;
let memories: WebAssembly.Memory[] = [];
let currentId = 0;
let deadline = 0;
let denials: string[] = [];
let glue: LoadedScript<{ instantiate: Instantiate }> | undefined;
const compiled = new Map<string, Promise<WebAssembly.Module>>();

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

async function init(p: ComponentPlan): Promise<void> {
  plan = p;
  model = p.model ?? buildModel(['types.wit', 'auth.wit', 'template.wit', 'response.wit', 'datasource.wit', 'capabilities.wit', 'host.wit']
    .map((f) => readFileSync(join(p.witDir, f), 'utf8')));
  // Pitfall B: the shim starts with the whole host filesystem and process.env; take both away before anything runs,
  // then grant this plugin's allowed_paths and declared environment (this worker serves this plugin only). The
  // grant goes into the shim's global list: its descriptors refuse every open while that list is empty.
  const shim = await shimLoading;
  shim._clearPreopens();
  shim._setEnv({});
  shim._setArgs(['plugin']);
  shim._setCwd('/');
  // Guest paths are rooted (`data` → `/data`): a component's libc resolves relative paths against its cwd, `/`.
  if (p.policy.filesystem.allowRead || p.policy.filesystem.allowWrite) {
    for (const [guest, hostDir] of Object.entries(p.policy.filesystem.preopens)) shim._addPreopen(guest.startsWith('/') ? guest : `/${guest.replace(/^\.\//, '')}`, hostDir);
  }
  shim._setEnv(p.policy.env);
  const wasiShim = new shim.WASIShim({ sandbox: { env: p.policy.env, args: ['plugin'], enableNetwork: false } });
  const wasi = wasiShim.getImportObject();
  // No plugin reads the host's stdin (the shim's would read fd 0: the CLI's or the language server's own input).
  wasi['wasi:cli/stdin'] = emptyStdin(wasi);
  wasi['wasi:filesystem/preopens'] = { getDirectories: gatedPreopens(wasi['wasi:filesystem/preopens'], p.policy.filesystem.allowWrite) };
  // http_fetch is the only way out: wasi:http's outgoing handler refuses every request.
  wasi['wasi:http/outgoing-handler'] = {
    handle(): never {
      deny('capability_denied: the plugin tried to use wasi:http directly; outbound HTTP goes through mockforge:plugin/host.http-fetch');
      throw { payload: { tag: 'HTTP-request-denied' } };
    },
  };
  const policy = p.policy as EnginePolicy;
  imports = {
    ...wasi,
    'mockforge:plugin/host': hostImports({
      log: (level, message) => log(level, message),
      config: p.policy.config,
      fetch: (raw) => httpFetch(raw, {
        memory: () => { throw new HostStop('internal', 'no memory for component imports'); },
        alloc: () => 0,
        log: (level, message) => log(level, message),
        deny,
        remainingMs: () => Math.max(1, deadline - performance.now()),
      }, policy),
    }),
  };
}

interface PreopenDescriptor {
  getFlags(): unknown;
  openAt(pathFlags: unknown, path: string, openFlags: Record<string, boolean>, flags: Record<string, boolean>): unknown;
}

/**
 * preview2-shim 0.26.0 gives pre-opened directories no descriptor flags (getFlags() is undefined), which CPython's
 * libc reads as "no access"; they report read (and write only when allow_write). Opening for writing, creating or
 * truncating under a read-only grant fails with `not-permitted` and a capability_denied log line.
 */
function gatedPreopens(preopens: Record<string, unknown>, allowWrite: boolean): () => Array<[PreopenDescriptor, string]> {
  const entries = (preopens.getDirectories as () => Array<[PreopenDescriptor, string]>)();
  for (const [desc, guest] of entries) {
    const openAt = desc.openAt.bind(desc);
    desc.getFlags = () => ({ read: true, write: allowWrite, mutateDirectory: allowWrite });
    desc.openAt = (pathFlags, path, openFlags, flags) => {
      if (!allowWrite && (openFlags.create || openFlags.truncate || flags.write || flags.mutateDirectory)) {
        deny(`capability_denied: opening ${guest}/${path} for writing: capabilities.filesystem.allow_write is false`);
        throw 'not-permitted';
      }
      return openAt(pathFlags, path, openFlags, flags);
    };
  }
  return () => [...entries];
}

/** The compiled module the host posted with the plan, else compiled here (bounded the same way). */
function coreModule(name: string): Promise<WebAssembly.Module> {
  const p = plan as ComponentPlan;
  const posted = p.modules?.[name];
  if (posted) return Promise.resolve(posted);
  let m = compiled.get(name);
  if (!m) {
    m = compileOne(readFileSync(join(p.cacheDir, name)), p.policy.maxMemoryBytes);
    compiled.set(name, m);
  }
  return m;
}

async function instantiate(): Promise<Record<string, unknown>> {
  const p = plan as ComponentPlan;
  // The glue as a script with its code cache when the host wrote one (script.ts), else the module itself.
  if (p.scriptFile && !glue) {
    try {
      glue = runScript<{ instantiate: Instantiate }>(p.scriptFile, p.jsFile);
    } catch {
      p.scriptFile = undefined; // the module itself, below: it reports a real problem with the glue the usual way
    }
  }
  const mod = glue?.exports ?? await importEsm<{ instantiate: Instantiate }>(p.jsFile);
  memories = [];
  return mod.instantiate(coreModule, imports as Record<string, unknown>, async (module: WebAssembly.Module, imp?: WebAssembly.Imports) => {
    // Synchronous: the module is compiled already, and the async form only adds task hops (measured slower here).
    const inst = new WebAssembly.Instance(module, imp ?? {});
    for (const e of Object.values(inst.exports)) if (e instanceof WebAssembly.Memory) memories.push(e);
    return inst;
  });
}

function memoryBytes(): number {
  return memories.reduce((n, m) => n + m.buffer.byteLength, 0);
}

/** Instantiates the component unless an instance is live; returns the failure envelope when it cannot be. */
async function ensureInstance(): Promise<Envelope | undefined> {
  if (instance) return undefined;
  const p = plan as ComponentPlan;
  try {
    instance = await instantiate();
    return undefined;
  } catch (err) {
    instance = undefined;
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof WebAssembly.RuntimeError ? 'trap' : 'load_failed';
    return fail(code, `${p.label} could not be instantiated: ${message}`);
  }
}

async function call(operation: Operation, input: unknown): Promise<ComponentCallResult> {
  const p = plan as ComponentPlan;
  denials = [];
  deadline = performance.now() + p.policy.timeoutMs;
  const ctx = (before: number) => ({
    label: p.label, operation, memoryBytes: memoryBytes(), memoryBytesBefore: before,
    maxMemoryBytes: p.policy.maxMemoryBytes, denials, symbolizer: new Symbolizer([]),
  });
  let instantiateMs: number | undefined;
  if (!instance) {
    const t0 = performance.now();
    const failure = await ensureInstance();
    instantiateMs = performance.now() - t0;
    if (failure) return { envelope: failure, instantiateMs, callMs: 0 };
  }
  const before = memoryBytes();
  const t1 = performance.now();
  let envelope: Envelope;
  try {
    envelope = callOperation(instance as Record<string, unknown>, model as WitModel, p.label, operation, input, p.policy.maxOutputBytes);
  } catch (err) {
    instance = undefined; // a component that trapped may not be entered again
    const cause = err instanceof CallFailure ? err.cause : err;
    envelope = failureFromError(cause, ctx(before)).envelope;
  }
  return { envelope: decorate(envelope, ctx(before)), instantiateMs, callMs: performance.now() - t1, peakMemoryBytes: memoryBytes() || undefined };
}

if (port) {
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (m: ToComponentWorker) => {
    queue = queue.then(async () => {
      if (m.type === 'init') {
        // Compiling and instantiating happen before the first call is timed: loading is not the plugin's time.
        await init(m.plan);
        const t0 = performance.now();
        const failure = await ensureInstance();
        send({ type: 'ready', startMs: performance.now() - t0, failure });
        return;
      }
      currentId = m.id;
      try {
        const result = await call(m.operation, m.input);
        // Before the reply (a one-shot `run` terminates the worker right after it), once per V8 version: the code
        // cache then also holds the functions instantiation and this first call compiled.
        glue?.saveCache();
        send({ type: 'result', id: m.id, result });
      } catch (err) {
        send({ type: 'result', id: m.id, result: { envelope: fail('internal', `the component worker failed: ${(err as Error).message}`), callMs: 0 } });
      }
    });
  });
}
