// Messages between the host and its sandboxed Pyodide process (Node IPC, advanced serialization). Bodies travel
// as JSON text: stringified once by the host, parsed once by Python, and the reply likewise.
import type { Envelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { LogRecord } from '../runtime';
import type { PyodidePlan } from './plan';

export type ToPyodide =
  | { type: 'init'; plan: PyodidePlan }
  | { type: 'call'; id: number; operation: Operation; body: string };

export type FromPyodide =
  /** Sent once, before any plugin code runs: the fresh interpreter's memory, for the host to cache. */
  | { type: 'snapshot'; bytes: Uint8Array }
  /** The cached snapshot could not be restored (the process started without it): the host deletes it. */
  | { type: 'snapshot-unusable' }
  | { type: 'ready'; startMs: number; failure?: Envelope }
  | { type: 'log'; record: LogRecord }
  /** `text` is the envelope's JSON; `failure` replaces it when the call itself broke (restart = start afresh). */
  | { type: 'result'; id: number; text?: string; failure?: Envelope; callMs: number; heapBytes: number; restart?: boolean };

/** http_fetch requests leave the process as one JSON line on this fd; the reply comes back as one line on REPLY_FD. */
export const FETCH_FD = 3;
export const REPLY_FD = 4;
