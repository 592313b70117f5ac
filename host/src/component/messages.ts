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
}

export type ToComponentWorker =
  | { type: 'init'; plan: ComponentPlan }
  | { type: 'call'; id: number; operation: Operation; input: unknown };

export type FromComponentWorker =
  | { type: 'ready' }
  | { type: 'log'; id: number; record: LogRecord }
  | { type: 'result'; id: number; result: ComponentCallResult };
