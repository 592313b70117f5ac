// Messages between the host and its sandboxed Pyodide process. Start-up (the plan, the snapshot, ready) goes over
// Node IPC; once ready, calls, their log records and http_fetch travel as frames on two pipes (frames.ts).
import type { Envelope } from '../contract/envelope';
import type { LogRecord } from '../runtime';
import type { PyodidePlan } from './plan';

export type ToPyodide = { type: 'init'; plan: PyodidePlan };

export type FromPyodide =
  /** Sent once, before any plugin code runs: the fresh interpreter's memory, for the host to cache. */
  | { type: 'snapshot'; bytes: Uint8Array }
  /** The cached snapshot could not be restored (the process started without it): the host deletes it. */
  | { type: 'snapshot-unusable' }
  | { type: 'ready'; startMs: number; failure?: Envelope }
  /** Records written while the process starts (afterwards they are LOG frames). */
  | { type: 'log'; record: LogRecord };

/** Frames from the host (CALL, FETCH_REPLY) arrive on this fd of the process; its frames (RESULT, LOG, FETCH) leave
 * on OUT_FD. Both are pipes the process inherits: the permission model allows them. */
export const IN_FD = 3;
export const OUT_FD = 4;
