// Messages between the isolated runtime and its worker. Calls themselves go through the shared-memory channel
// (channel.ts); the port carries log records and payloads too large for the channel's data region.
import type { MessagePort } from 'node:worker_threads';
import type { Envelope } from '../contract/envelope';
import type { LogRecord } from '../runtime';
import type { EnginePlan } from '../wasm/plan';

/** On the worker's parentPort, once. */
export interface InitMessage {
  type: 'init';
  plan: EnginePlan;
  sab: SharedArrayBuffer;
  port: MessagePort;
}

export type ReadyMessage = { type: 'ready' };

/** Host → worker on the call port: a request that did not fit the data region. */
export type PortRequest = { type: 'request'; seq: number; text: string };

/** Worker → host on the call port. */
export type PortMessage =
  | { type: 'log'; seq: number; record: LogRecord }
  | { type: 'result'; seq: number; text: string };

/** What the worker answers for a call (JSON in the data region or a `result` message). */
export interface WireResult {
  envelope: Envelope;
  instantiateMs?: number;
  callMs: number;
  peakMemoryBytes?: number;
}
