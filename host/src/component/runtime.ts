// The component runtime: each plugin gets its own worker (its own preview2-shim globals), calls are queued one at a
// time, a call past its time limit terminates the worker (`timeout`) and the next call starts a fresh one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { CallOptions, CallOutcome, LogRecord, PluginRuntime } from '../runtime';
import type { FromComponentWorker, ToComponentWorker } from './messages';
import type { ComponentPlan } from './plan';
import { LineSplitter } from './lines';

/** dist/component-worker.js next to the bundles, or worker.js next to this file in the tsc output. */
export function componentWorkerPath(): string {
  for (const candidate of [join(__dirname, 'component-worker.js'), join(__dirname, 'worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the component worker script is missing next to ${__dirname} (run \`node scripts/build.mjs\`)`);
}

interface Pending {
  id: number;
  resolve: (outcome: CallOutcome) => void;
  logs: LogRecord[];
  onLog?: (record: LogRecord) => void;
  started: number;
}

export class ComponentRuntime implements PluginRuntime {
  readonly kind = 'component' as const;
  private worker?: Worker;
  private ready?: Promise<void>;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private pendingLoadMs?: number;
  private disposed = false;

  constructor(private readonly plan: ComponentPlan, loadMs: number, private readonly defaultLog?: (record: LogRecord) => void) {
    this.pendingLoadMs = loadMs;
  }

  call(operation: Operation, input: unknown, options: CallOptions = {}): Promise<CallOutcome> {
    const run = this.queue.then(() => this.callNow(operation, input, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stopWorker();
  }

  private async callNow(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome> {
    if (this.disposed) return outcome(fail('internal', 'the plugin runtime was disposed'), [], 0);
    if (options.signal?.aborted) return outcome(fail('timeout', 'the call was cancelled before it started'), [], 0);
    const t0 = performance.now();
    try {
      await this.ensureWorker();
    } catch (err) {
      return outcome(fail('internal', `cannot start the component worker: ${(err as Error).message}`), [], performance.now() - t0);
    }
    const worker = this.worker as Worker;
    const timeoutMs = options.timeoutMs ?? this.plan.policy.timeoutMs;
    const loadMs = this.pendingLoadMs;
    this.pendingLoadMs = undefined;
    return new Promise<CallOutcome>((resolve) => {
      const id = this.nextId++;
      const pending: Pending = { id, resolve, logs: [], onLog: options.onLog, started: performance.now() };
      const timers: { timer?: NodeJS.Timeout } = {};
      const finish = (o: CallOutcome) => {
        clearTimeout(timers.timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ ...o, timing: { ...o.timing, loadMs } });
      };
      const stop = (envelope: Envelope) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        void this.stopWorker();
        finish(outcome(envelope, pending.logs, performance.now() - pending.started));
      };
      const onAbort = () => stop(fail('timeout', `${this.plan.label} ${operation}: the call was cancelled and its worker stopped`));
      timers.timer = setTimeout(() => stop(fail('timeout',
        `${this.plan.label} ${operation}: did not finish within ${timeoutMs} ms and was stopped ` +
        '(capabilities.resources.timeout_ms in plugin.yaml; --timeout MS for one run). An infinite loop or a blocking wait?')), timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      pending.resolve = finish;
      this.pending = pending;
      worker.postMessage({ type: 'call', id, operation, input } satisfies ToComponentWorker);
    });
  }

  private ensureWorker(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    // stdout/stderr: true keeps the plugin's WASI output off the host's own streams; it becomes log records.
    const worker = new Worker(componentWorkerPath(), { stdout: true, stderr: true });
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
        if (m.type === 'ready') resolve();
        else this.onMessage(m);
      });
      worker.on('error', (e) => {
        reject(e);
        this.crashed(worker, `the component worker failed: ${e.message}`);
      });
      worker.on('exit', (code) => {
        reject(new Error(`the component worker exited with code ${code}`));
        this.crashed(worker, `the component worker exited unexpectedly (code ${code})`);
      });
    });
    worker.postMessage({ type: 'init', plan: this.plan } satisfies ToComponentWorker);
    return this.ready;
  }

  private record(record: LogRecord): void {
    const pending = this.pending;
    if (pending) {
      pending.logs.push(record);
      pending.onLog?.(record);
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
    const r = m.result;
    pending.resolve({ envelope: r.envelope, logs: pending.logs, timing: { instantiateMs: r.instantiateMs, callMs: r.callMs }, peakMemoryBytes: r.peakMemoryBytes });
  }

  private crashed(worker: Worker, message: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      pending.resolve(outcome(fail('internal', message), pending.logs, performance.now() - pending.started));
    }
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }
}

function outcome(envelope: Envelope, logs: LogRecord[], callMs: number): CallOutcome {
  return { envelope, logs, timing: { callMs } };
}
