// Worker-backed runtimes (components, Pyodide): each plugin gets its own worker (its own preview2-shim globals, its
// own interpreter), calls are queued one at a time, a call past its time limit terminates the worker (`timeout`)
// and the next call starts a fresh one.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { CallOptions, CallOutcome, LogRecord } from '../runtime';
import { InFlight, SerialWorkerRuntime, outcome } from '../worker/serial-runtime';
import type { FromComponentWorker } from './messages';
import type { ComponentPlan } from './plan';
import { LineSplitter } from './lines';

/**
 * dist/component-worker.js next to the bundles, else the checkout's bundle above the tsc output (one file: it starts
 * in ~15 ms where the tsc tree's require chain takes ~130 ms), else worker.js next to this file. The search does not
 * stop at the first package.json: tsc copies the root one into out/, which has no dist/.
 */
let workerPath: string | undefined;
export function componentWorkerPath(): string {
  if (workerPath) return workerPath;
  const candidates = [join(__dirname, 'component-worker.js')];
  for (let dir = dirname(__dirname); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) candidates.push(join(dir, 'dist', 'component-worker.js'));
  }
  candidates.push(join(__dirname, 'worker.js'));
  workerPath = candidates.find((candidate) => existsSync(candidate));
  if (workerPath) return workerPath;
  throw new Error(`the component worker script is missing next to ${__dirname} (run \`node scripts/build.mjs\`)`);
}

let spare: Worker | undefined;

/**
 * A started component worker: the spare one when there is one (it has loaded its runtime already), else a new one.
 * A new spare is started after a component's reply (`refillSpare`), so a reload, a restart after a timeout or the next
 * component does not wait for a thread and the shim; the first component of a process still does. Once a spare has
 * been taken, loads come in a series (reloads on save, a test run, the explorer starting plugins): the next spare
 * starts at once, on the other core, instead of after the reply — by the next load it has booted (C component:
 * ~25 ms instead of ~120 ms per load, measured on 2 busy cores).
 */
export function takeComponentWorker(): Worker {
  const taken = spare;
  spare = undefined;
  if (!taken) return spawnComponentWorker();
  setImmediate(refillSpare);
  return taken;
}

/** Starts the next spare worker (idle and unref'd: it never keeps the host alive). */
export function refillSpare(): void {
  if (spare) return;
  let worker: Worker;
  try {
    worker = spawnComponentWorker();
  } catch {
    return; // the next load reports why a worker cannot start
  }
  const drop = () => { if (spare === worker) spare = undefined; };
  worker.once('error', drop);
  worker.once('exit', drop);
  spare = worker;
}

/** A component worker started before its plan is known: it loads the shim while the host prepares the component. */
export function spawnComponentWorker(script = componentWorkerPath()): Worker {
  // stdout/stderr: true keeps the plugin's WASI output off the host's own streams; it becomes log records.
  const worker = new Worker(script, { stdout: true, stderr: true, env: {} });
  // An idle worker does not keep the host alive; a call in flight does (its time-limit timer).
  worker.unref();
  return worker;
}

interface Pending extends InFlight {
  id: number;
  /** Settles the wait in guard() with the worker's reply. */
  reply: (outcome: CallOutcome) => void;
  /** The worker started for this call: its start time (cold start) is reported as instantiateMs. */
  startMs?: number;
}

export interface WorkerSpec {
  kind: 'component' | 'pyodide';
  label: string;
  timeoutMs: number;
  script: string;
  /** The first message the worker gets (its plan). */
  init: unknown;
  /** Asked before each call: true throws the warm worker away first (e.g. the plugin's files changed). */
  stale?: () => boolean;
}

/** The queue, time limit, cancellation and disposal come from SerialWorkerRuntime; this class owns the worker. */
export class WorkerRuntime extends SerialWorkerRuntime<Pending> {
  readonly kind: 'component' | 'pyodide';
  private worker?: Worker;
  private ready?: Promise<void>;
  private nextId = 1;
  /** Records that arrive while a worker starts (before its first call is posted) belong to that call. */
  private starting?: { logs: LogRecord[]; onLog?: (record: LogRecord) => void };
  private startInfo?: { startMs?: number; failure?: Envelope };
  private unclaimed: LogRecord[] = [];

  constructor(private readonly spec: WorkerSpec, loadMs: number, private readonly defaultLog?: (record: LogRecord) => void) {
    super(spec.label, loadMs);
    this.kind = spec.kind;
  }

  protected async callNow(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome> {
    const t0 = performance.now();
    if (this.worker && this.spec.stale?.()) await this.stopWorker();
    const starting = { logs: this.unclaimed.splice(0), onLog: options.onLog };
    for (const r of starting.logs) options.onLog?.(r);
    this.starting = starting;
    try {
      await this.ensureWorker();
    } catch (err) {
      return outcome(fail('internal', `cannot start the ${this.spec.kind} worker: ${(err as Error).message}`), starting.logs, performance.now() - t0);
    } finally {
      this.starting = undefined;
    }
    const started = this.startInfo;
    this.startInfo = undefined;
    if (started?.failure) {
      await this.stopWorker();
      return { ...outcome(started.failure, starting.logs, 0), timing: { loadMs: this.takeLoadMs(), instantiateMs: started.startMs, callMs: 0 } };
    }
    const worker = this.worker as Worker;
    const timeoutMs = options.timeoutMs ?? this.spec.timeoutMs;
    const loadMs = this.takeLoadMs();
    const id = this.nextId++;
    let reply!: (o: CallOutcome) => void;
    const replied = new Promise<CallOutcome>((resolve) => { reply = resolve; });
    const pending: Pending = { id, reply, logs: starting.logs, onLog: options.onLog, started: performance.now(), startMs: started?.startMs };
    this.pending = pending;
    try {
      worker.postMessage({ type: 'call', id, operation, input });
    } catch (err) {
      this.pending = undefined; // an input that cannot be cloned: the call rejects as before, nothing stays in flight
      throw err;
    }
    return this.guard(pending, operation, options, timeoutMs, loadMs,
      async () => {
        const o = await replied;
        return { ...o, timing: { ...o.timing, loadMs } };
      });
  }

  /** Starts the worker (or adopts one started early) and sends it the plan, without waiting for it to be ready. */
  prestart(early?: Worker): void {
    if (this.worker || this.disposed) {
      void early?.terminate();
      return;
    }
    // A start failure surfaces on the first call, which waits for the same promise.
    this.ensureWorker(early).catch(() => undefined);
  }

  private ensureWorker(early?: Worker): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    const worker = early ?? (this.spec.script === componentWorkerPath() ? takeComponentWorker() : spawnComponentWorker(this.spec.script));
    this.worker = worker;
    const relay = (source: 'stdout' | 'stderr') => new LineSplitter((line) => this.record({
      level: source === 'stdout' ? 'info' : 'warn', message: line, source, time: Date.now(),
    }));
    const out = relay('stdout');
    const err = relay('stderr');
    worker.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    worker.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromComponentWorker) => {
        if (m.type === 'ready') {
          this.startInfo = { startMs: m.startMs, failure: m.failure };
          resolve();
        }
        else this.onMessage(m);
      });
      worker.on('error', (e) => {
        reject(e);
        this.crashed(worker, `the ${this.spec.kind} worker failed: ${e.message}`);
      });
      worker.on('exit', (code) => {
        reject(new Error(`the ${this.spec.kind} worker exited with code ${code}`));
        this.crashed(worker, `the ${this.spec.kind} worker exited unexpectedly (code ${code})`);
      });
    });
    worker.postMessage(this.spec.init);
    return this.ready;
  }

  private record(record: LogRecord): void {
    const sink = this.pending ?? this.starting;
    if (sink) {
      sink.logs.push(record);
      sink.onLog?.(record);
    } else if (this.unclaimed.length < 1000) {
      // Output of a worker started ahead of its first call (the component's start-up) belongs to that call.
      this.unclaimed.push(record);
    }
    this.defaultLog?.(record);
  }

  private onMessage(m: FromComponentWorker): void {
    const pending = this.pending;
    if (m.type === 'ready') return;
    if (m.type === 'log') {
      this.record(m.record);
      return;
    }
    if (!pending || m.id !== pending.id) return;
    this.pending = undefined;
    // After a reply, not during the start: a spare spawned earlier would compete with this start for the CPU.
    if (this.kind === 'component') setImmediate(refillSpare);
    const r = m.result;
    if (r.restart) void this.stopWorker();
    pending.reply({ envelope: r.envelope, logs: pending.logs, timing: { instantiateMs: r.instantiateMs ?? pending.startMs, callMs: r.callMs }, peakMemoryBytes: r.peakMemoryBytes });
  }

  private crashed(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    this.pending?.abandon?.(fail('internal', message), false);
  }

  protected async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}

/**
 * A component plugin: its own worker with the transpiled component. The worker starts (or, given `early`, was
 * already started) at load time and instantiates the component right away, so the first call finds it ready.
 */
export class ComponentRuntime extends WorkerRuntime {
  constructor(plan: ComponentPlan, loadMs: number, defaultLog?: (record: LogRecord) => void, early?: Worker) {
    super({ kind: 'component', label: plan.label, timeoutMs: plan.policy.timeoutMs, script: componentWorkerPath(), init: { type: 'init', plan } }, loadMs, defaultLog);
    this.prestart(early);
  }
}
