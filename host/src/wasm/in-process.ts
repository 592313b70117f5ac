// The fast path: calls run on the caller's thread. Memory limits hold; time limits cannot (wasm cannot be
// interrupted from the same thread), so untrusted or time-limited calls belong in the isolated runtime.
import { fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { CallOptions, CallOutcome, LogRecord, PluginRuntime } from '../runtime';
import { Engine } from './engine';
import type { EnginePlan } from './plan';

export class InProcessWasmRuntime implements PluginRuntime {
  readonly kind = 'wasm' as const;
  private readonly engine: Engine;
  private sink?: (record: LogRecord) => void;
  private pendingLoadMs?: number;
  private disposed = false;

  constructor(plan: EnginePlan, loadMs: number, private readonly defaultLog?: (record: LogRecord) => void) {
    this.engine = new Engine(plan, (record) => {
      this.sink?.(record);
      this.defaultLog?.(record);
    });
    this.pendingLoadMs = loadMs;
  }

  async call(operation: Operation, input: unknown, options: CallOptions = {}): Promise<CallOutcome> {
    if (this.disposed) return { envelope: fail('internal', 'the plugin runtime was disposed'), logs: [], timing: { callMs: 0 } };
    if (options.signal?.aborted) return { envelope: fail('timeout', 'the call was cancelled before it started'), logs: [], timing: { callMs: 0 } };
    this.sink = options.onLog;
    try {
      const r = this.engine.call(operation, input);
      const timing = { loadMs: this.pendingLoadMs, instantiateMs: r.instantiateMs, callMs: r.callMs };
      this.pendingLoadMs = undefined;
      return { envelope: r.envelope, logs: r.logs, timing, peakMemoryBytes: r.peakMemoryBytes };
    } finally {
      this.sink = undefined;
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.engine.dispose();
  }
}
