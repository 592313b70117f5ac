// The isolated runtime: every call runs in a worker thread that is terminated when the time limit expires
// (`timeout`); the next call starts a fresh worker. Calls are queued one at a time per plugin.
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { CallOptions, CallOutcome, LogRecord, PluginRuntime } from '../runtime';
import type { EnginePlan } from '../wasm/plan';
import type { FromWorker, ToWorker } from './messages';
import { workerScriptPath } from './worker-path';

interface Pending {
  id: number;
  resolve: (outcome: CallOutcome) => void;
  logs: LogRecord[];
  onLog?: (record: LogRecord) => void;
  timer?: NodeJS.Timeout;
  started: number;
}

export class IsolatedWasmRuntime implements PluginRuntime {
  readonly kind = 'wasm' as const;
  private worker?: Worker;
  private ready?: Promise<void>;
  private pending?: Pending;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private pendingLoadMs?: number;
  private disposed = false;

  constructor(private readonly plan: EnginePlan, loadMs: number, private readonly defaultLog?: (record: LogRecord) => void) {
    this.pendingLoadMs = loadMs;
  }

  call(operation: Operation, input: unknown, options: CallOptions = {}): Promise<CallOutcome> {
    const run = this.queue.then(() => this.callNow(operation, input, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const pending = this.pending;
    if (pending) {
      this.pending = undefined;
      pending.resolve(outcome(fail('internal', `${this.plan.label}: the plugin runtime was disposed during the call`), pending.logs, performance.now() - pending.started));
    }
    await this.stopWorker();
  }

  private async callNow(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome> {
    if (this.disposed) return outcome(fail('internal', 'the plugin runtime was disposed'), [], 0);
    if (options.signal?.aborted) return outcome(fail('timeout', 'the call was cancelled before it started'), [], 0);
    const t0 = performance.now();
    try {
      await this.ensureWorker();
    } catch (err) {
      return outcome(fail('internal', `cannot start the isolation worker: ${(err as Error).message}`), [], performance.now() - t0);
    }
    const worker = this.worker as Worker;
    const timeoutMs = options.timeoutMs ?? this.plan.policy.timeoutMs;
    const loadMs = this.pendingLoadMs;
    this.pendingLoadMs = undefined;
    return new Promise<CallOutcome>((resolve) => {
      const id = this.nextId++;
      const pending: Pending = { id, resolve, logs: [], onLog: options.onLog, started: performance.now() };
      const stop = (envelope: Envelope) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        clearTimeout(pending.timer);
        options.signal?.removeEventListener('abort', onAbort);
        void this.stopWorker();
        resolve({ ...outcome(envelope, pending.logs, performance.now() - pending.started), timing: { loadMs, callMs: performance.now() - pending.started } });
      };
      const onAbort = () => stop(fail('timeout', `${this.plan.label} ${operation}: the call was cancelled and its worker stopped`));
      pending.timer = setTimeout(() => stop(fail('timeout',
        `${this.plan.label} ${operation}: did not finish within ${timeoutMs} ms and was stopped ` +
        '(capabilities.resources.timeout_ms in plugin.yaml; --timeout MS for one run). An infinite loop or a blocking wait?')), timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      pending.resolve = (o) => {
        clearTimeout(pending.timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve({ ...o, timing: { ...o.timing, loadMs } });
      };
      this.pending = pending;
      worker.postMessage({ type: 'call', id, operation, input } satisfies ToWorker);
    });
  }

  private ensureWorker(): Promise<void> {
    if (this.worker && this.ready) return this.ready;
    const worker = new Worker(workerScriptPath(), { workerData: { role: 'isolate' } });
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else this.onMessage(m);
      });
      worker.on('error', (err) => {
        reject(err);
        this.crashed(worker, `the isolation worker failed: ${err.message}`);
      });
      worker.on('exit', (code) => {
        reject(new Error(`the isolation worker exited with code ${code}`));
        this.crashed(worker, `the isolation worker exited unexpectedly (code ${code})`);
      });
    });
    worker.postMessage({ type: 'init', plan: this.plan } satisfies ToWorker);
    return this.ready;
  }

  private onMessage(m: FromWorker): void {
    const pending = this.pending;
    if (!pending || m.type === 'ready' || m.id !== pending.id) return;
    if (m.type === 'log') {
      pending.logs.push(m.record);
      pending.onLog?.(m.record);
      this.defaultLog?.(m.record);
      return;
    }
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
