// Messages between the component runtime and its worker.
import type { Envelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { LogRecord } from '../runtime';
import type { ComponentPlan } from './plan';

export interface ComponentCallResult {
  envelope: Envelope;
  instantiateMs?: number;
  callMs: number;
  peakMemoryBytes?: number;
  /** The worker must be thrown away after this call (a Python interpreter over its memory limit …). */
  restart?: boolean;
}

export type ToComponentWorker =
  | { type: 'init'; plan: ComponentPlan }
  | { type: 'call'; id: number; operation: Operation; input: unknown };

export type FromComponentWorker =
  /** `startMs`: how long the start took (Pyodide's cold start); `failure`: the plugin could not be started. */
  | { type: 'ready'; startMs?: number; failure?: Envelope }
  | { type: 'log'; id: number; record: LogRecord }
  | { type: 'result'; id: number; result: ComponentCallResult };
