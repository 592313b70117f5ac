// The skeleton every worker-backed runtime repeats: calls queued one at a time, a disposed runtime refusing calls,
// and a call in flight that ends early — `timeout` when its time limit expires or its AbortSignal fires (the worker
// is stopped), `internal` when the worker crashes or the runtime is disposed. Subclasses own the worker and the
// transport (host/src/isolate uses a shared-memory channel; components and Pyodide post messages).
// Used by host/src/isolate/isolated.ts, host/src/component/runtime.ts (WorkerRuntime) and
// host/src/pyodide/process-runtime.ts (a child process, not a worker: the base is about calls); a subclass keeps its
// own start-up, log capture and transport and waits for its answer through guard().
import { performance } from 'node:perf_hooks';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { CallOptions, CallOutcome, LogRecord, PluginRuntime, RuntimeKind } from '../runtime';

export interface InFlight {
  logs: LogRecord[];
  onLog?: (record: LogRecord) => void;
  started: number;
  /** Ends the call early; set by guard() while the call waits asynchronously. */
  abandon?: (envelope: Envelope, stopWorker: boolean) => void;
}

export abstract class SerialWorkerRuntime<P extends InFlight> implements PluginRuntime {
  abstract readonly kind: RuntimeKind;
  protected pending?: P;
  protected disposed = false;
  private queue: Promise<unknown> = Promise.resolve();
  /** What a cancelled call stops, named in its error message. */
  protected readonly stoppedUnit: string = 'worker';

  /** The load time, reported with the first call only (later calls did not pay for it). */
  private pendingLoadMs?: number;

  constructor(protected readonly label: string, loadMs?: number) {
    this.pendingLoadMs = loadMs;
  }

  /** The load time for this call's timing: the first call's only. */
  protected takeLoadMs(): number | undefined {
    const loadMs = this.pendingLoadMs;
    this.pendingLoadMs = undefined;
    return loadMs;
  }

  call(operation: Operation, input: unknown, options: CallOptions = {}): Promise<CallOutcome> {
    const run = this.queue.then(() => {
      if (this.disposed) return outcome(fail('internal', 'the plugin runtime was disposed'), [], 0);
      if (options.signal?.aborted) return outcome(fail('timeout', 'the call was cancelled before it started'), [], 0);
      return this.callNow(operation, input, options);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.pending?.abandon?.(fail('internal', `${this.label}: the plugin runtime was disposed during the call`), false);
    await this.stopWorker();
  }

  /** Runs one call (the queue guarantees no other call is in flight). */
  protected abstract callNow(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome>;

  /** Stops the current worker (the next call starts a fresh one). */
  protected abstract stopWorker(): Promise<void>;

  /** The records a call ends with when it is abandoned (a subclass may append a note, e.g. dropped lines). */
  protected finalLogs(pending: P): LogRecord[] {
    return pending.logs;
  }

  /**
   * Waits for `answer` (undefined: the call was abandoned meanwhile) under the call's time limit and AbortSignal.
   * `pending` must be this.pending; whoever settles it clears this.pending.
   */
  protected guard(pending: P, operation: Operation, options: CallOptions, timeoutMs: number, loadMs: number | undefined,
    answer: () => Promise<CallOutcome | undefined>): Promise<CallOutcome> {
    return new Promise<CallOutcome>((resolve) => {
      const settle = (o: CallOutcome) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      pending.abandon = (envelope, stopWorker) => {
        if (this.pending !== pending) return;
        this.pending = undefined;
        if (stopWorker) void this.stopWorker();
        const callMs = performance.now() - pending.started;
        settle({ ...outcome(envelope, this.finalLogs(pending), callMs), timing: { loadMs, callMs } });
      };
      const onAbort = () => pending.abandon?.(fail('timeout', `${this.label} ${operation}: the call was cancelled and its ${this.stoppedUnit} stopped`), true);
      const timer = setTimeout(() => pending.abandon?.(fail('timeout',
        `${this.label} ${operation}: did not finish within ${timeoutMs} ms and was stopped ` +
        '(capabilities.resources.timeout_ms in plugin.yaml; --timeout MS for one run). An infinite loop or a blocking wait?'), true),
      Math.max(0, timeoutMs - (performance.now() - pending.started)));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      void answer().then((o) => {
        if (o) settle(o);
      });
    });
  }
}

export function outcome(envelope: Envelope, logs: LogRecord[], callMs: number): CallOutcome {
  return { envelope, logs, timing: { callMs } };
}
