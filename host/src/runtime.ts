// The one interface every plugin runtime implements (core wasm, component, pyodide, remote), so callers —
// the CLI, the request panel, the debugger, tests — cannot tell them apart.
import type { Envelope } from './contract/envelope';
import type { Operation } from './contract/operations';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  message: string;
  /** Where the line came from: a mockforge.log call, the plugin's stdout/stderr, or the host itself. */
  source: 'plugin' | 'stdout' | 'stderr' | 'host';
  /** Milliseconds since the epoch. */
  time: number;
}

export interface CallTiming {
  /** Reading + compiling the module (0 when it came from the cache). */
  loadMs?: number;
  instantiateMs?: number;
  callMs: number;
  /** Remote calls: how many attempts were made. */
  attempts?: number;
}

export interface CallOutcome {
  envelope: Envelope;
  logs: LogRecord[];
  timing: CallTiming;
  peakMemoryBytes?: number;
}

export interface CallOptions {
  /** Overrides the manifest's timeout_ms for this call. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called with each log record as it happens (the outcome also carries them all). */
  onLog?: (record: LogRecord) => void;
}

export type RuntimeKind = 'wasm' | 'component' | 'pyodide' | 'remote';

export interface PluginRuntime {
  readonly kind: RuntimeKind;
  call(operation: Operation, input: unknown, options?: CallOptions): Promise<CallOutcome>;
  dispose(): Promise<void>;
}
