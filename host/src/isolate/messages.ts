// Messages between the isolated runtime and its worker.
import type { Operation } from '../contract/operations';
import type { LogRecord } from '../runtime';
import type { EngineResult } from '../wasm/engine';
import type { EnginePlan } from '../wasm/plan';

export type ToWorker =
  | { type: 'init'; plan: EnginePlan }
  | { type: 'call'; id: number; operation: Operation; input: unknown };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'log'; id: number; record: LogRecord }
  | { type: 'result'; id: number; result: EngineResult };
