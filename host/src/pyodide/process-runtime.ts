// The host side of a Python plugin: one sandboxed Node process (sandbox.ts) holding one warm interpreter. Calls are
// queued one at a time; a call past its time limit kills the process (`timeout`) and the next call starts a fresh
// one; a change to the plugin's files (stale) does the same before the call. http_fetch requests from the process
// are checked against the manifest here, outside the sandbox. Start-up talks Node IPC; calls, their records and
// http_fetch are frames on the process's fds 3 (to it) and 4 (from it): frames.ts.
import { ChildProcess, spawn } from 'node:child_process';
import { writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Readable, Writable } from 'node:stream';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import { DEFAULT_LIMITS } from '../manifest/types';
import type { CallOptions, CallOutcome, LogLevel, LogRecord } from '../runtime';
import { InFlight, SerialWorkerRuntime, outcome } from '../worker/serial-runtime';
import { LineSplitter } from '../component/lines';
import { gatedFetch } from './fetch-gate';
import { CALL, FETCH, FETCH_REPLY, FrameReader, LOG, RESULT, decodeResult, frame, splitHead } from './frames';
import type { CallResult } from './frames';
import { FromPyodide, IN_FD, OUT_FD, ToPyodide } from './messages';
import type { PyodidePlan } from './plan';
import { sandboxCommand } from './sandbox';

export interface PyodideProcessSpec {
  label: string;
  timeoutMs: number;
  /** dist/pyodide-child.js. */
  script: string;
  /** The plan for a new process (read at every start: the plugin's files and the snapshot state may change). */
  plan(): PyodidePlan;
  /** Asked before each call: true throws the warm process away first (the plugin's files changed). */
  stale(): boolean;
  /** A fresh interpreter's memory, sent by the process before any plugin code ran. */
  onSnapshot(bytes: Uint8Array): void;
  /** The process could not restore the cached snapshot. */
  onSnapshotUnusable(): void;
}

/** A plugin that prints in a loop must not grow the host's memory until its time limit: later lines are counted. */
export const MAX_LOG_RECORDS = 10_000;
export const MAX_LOG_BYTES = 4 * 1024 * 1024;

interface LogSink {
  logs: LogRecord[];
  onLog?: (record: LogRecord) => void;
  bytes?: number;
  dropped?: number;
}

interface Pending extends LogSink, InFlight {
  id: number;
  operation: Operation;
  /** Settles the wait in guard() with the process's reply. */
  reply: (outcome: CallOutcome) => void;
  deadline: number;
  startMs?: number;
  loadMs?: number;
  denials: string[];
}

interface Live {
  child: ChildProcess;
  /** The process's IN_FD (CALL and FETCH_REPLY frames). */
  calls: Writable;
  /** The descriptor under `calls`, where the platform exposes one (a pipe on POSIX). */
  callsFd?: number;
  ready: Promise<void>;
  start?: { startMs: number; failure?: Envelope };
  /** Only a process asked to make the snapshot may hand one in, once, before it is ready: the plugin's own code
   * could otherwise forge the message on its IPC fd and poison the snapshot every plugin restores. */
  snapshotWanted: boolean;
}

/** The queue, time limit, cancellation and disposal come from SerialWorkerRuntime; this class owns the process. */
export class PyodideProcessRuntime extends SerialWorkerRuntime<Pending> {
  readonly kind = 'pyodide' as const;
  protected override readonly stoppedUnit = 'Python process';
  private live?: Live;
  private nextId = 1;
  /** Records that arrive while a process starts belong to the call that waits for it. */
  private starting?: LogSink;

  constructor(private readonly spec: PyodideProcessSpec, loadMs: number, private readonly defaultLog?: (record: LogRecord) => void) {
    super(spec.label, loadMs);
  }

  protected callNow(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome> {
    if (this.live && this.spec.stale()) this.stop();
    const live = this.live;
    // A warm call goes straight out: no promise hop before the frame is written.
    if (live?.start) return this.post(live, operation, input, options, { logs: [] });
    return this.startThenCall(operation, input, options);
  }

  private async startThenCall(operation: Operation, input: unknown, options: CallOptions): Promise<CallOutcome> {
    const t0 = performance.now();
    const starting: LogSink = { logs: [], onLog: options.onLog };
    this.starting = starting;
    let live: Live;
    try {
      live = this.live ?? this.spawnChild();
      await live.ready;
    } catch (err) {
      return outcome(fail('internal', `cannot start the Python process: ${(err as Error).message}`), closeLogs(starting), performance.now() - t0);
    } finally {
      this.starting = undefined;
    }
    const started = live.start as { startMs: number; failure?: Envelope };
    if (started.failure) {
      this.stop();
      return { ...outcome(started.failure, closeLogs(starting), 0), timing: { loadMs: this.takeLoadMs(), instantiateMs: started.startMs, callMs: 0 } };
    }
    return this.post(live, operation, input, options, starting, started.startMs);
  }

  protected async stopWorker(): Promise<void> {
    this.stop();
  }

  protected override finalLogs(pending: Pending): LogRecord[] {
    return closeLogs(pending);
  }

  private post(live: Live, operation: Operation, input: unknown, options: CallOptions, sink: LogSink, startMs?: number): Promise<CallOutcome> {
    const timeoutMs = options.timeoutMs ?? this.spec.timeoutMs;
    const id = this.nextId++;
    const now = performance.now();
    let reply!: (o: CallOutcome) => void;
    const replied = new Promise<CallOutcome>((resolve) => { reply = resolve; });
    const bytes = frame(CALL, `${id}\n${operation}\n${JSON.stringify(input ?? {})}`); // may throw: nothing is in flight yet
    const loadMs = this.takeLoadMs();
    const pending: Pending = { ...sink, id, operation, reply, onLog: options.onLog, started: now, deadline: now + timeoutMs, startMs, loadMs, denials: [] };
    this.pending = pending;
    writeTo(live, bytes);
    return this.guard(pending, operation, options, timeoutMs, loadMs, () => replied);
  }

  private spawnChild(): Live {
    const plan = this.spec.plan();
    const command = sandboxCommand(this.spec.script, plan);
    const child = spawn(process.execPath, command.args, {
      env: command.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const calls = child.stdio[IN_FD] as Writable;
    calls.on('error', () => undefined); // a dead process shows as its exit
    const live: Live = { child, calls, callsFd: descriptorOf(calls), ready: Promise.resolve(), snapshotWanted: plan.snapshot?.make === true };
    this.live = live;
    const relay = (source: 'stdout' | 'stderr') => new LineSplitter((line) => this.record({
      level: source === 'stdout' ? 'info' : 'warn', message: line, source, time: Date.now(),
    }));
    const out = relay('stdout');
    const err = relay('stderr');
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    const frames = new FrameReader(maxFrameBytes(), (kind, text) => this.onFrame(live, kind, text), (length) => {
      this.crashed(live, `the Python process sent a message of ${length} bytes (over ${maxFrameBytes()}) and was stopped`);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    (child.stdio[OUT_FD] as Readable).on('data', (chunk: Buffer) => frames.push(chunk));
    live.ready = new Promise<void>((resolve, reject) => {
      child.on('message', (m: FromPyodide) => {
        if (m.type === 'ready') {
          live.start = { startMs: m.startMs, failure: m.failure };
          resolve();
        } else if (m.type === 'snapshot') {
          if (live.snapshotWanted && !live.start) {
            live.snapshotWanted = false;
            try { this.spec.onSnapshot(m.bytes); } catch (e) { this.record({ level: 'warn', message: `the Python snapshot was not cached: ${(e as Error).message}`, source: 'host', time: Date.now() }); }
          }
        } else if (m.type === 'snapshot-unusable') {
          // At worst (a plugin forging it) the snapshot is made again on the next start.
          if (!live.snapshotWanted) this.spec.onSnapshotUnusable();
        } else if (m.type === 'log') this.record(m.record);
      });
      child.on('error', (e) => {
        reject(e);
        this.crashed(live, `the Python process failed: ${e.message}`);
      });
      child.on('exit', (code, signal) => {
        out.flush();
        err.flush();
        const how = signal ? `signal ${signal}` : `code ${code}`;
        reject(new Error(`the Python process exited (${how}) before it was ready`));
        this.crashed(live, `the Python process exited unexpectedly (${how})`);
      });
    });
    live.ready.catch(() => undefined);
    const init: ToPyodide = { type: 'init', plan };
    child.send(init);
    return live;
  }

  private fetchFor(live: Live, line: string): void {
    void this.gated(line).then((reply) => {
      if (this.live === live) writeTo(live, frame(FETCH_REPLY, JSON.stringify(reply)));
    });
  }

  private gated(line: string): Promise<Envelope> {
    const pending = this.pending;
    const remaining = pending ? Math.max(1, pending.deadline - performance.now()) : 5000;
    const deny = (message: string) => {
      pending?.denials.push(message);
      this.record({ level: 'warn', message, source: 'host', time: Date.now() });
    };
    return gatedFetch(line, this.spec.plan().policy.network, remaining, deny)
      .catch((e: unknown) => fail('internal', `http_fetch failed in the host: ${(e as Error).message}`));
  }

  private record(record: LogRecord): void {
    const sink = this.pending ?? this.starting;
    if (sink) {
      sink.bytes = (sink.bytes ?? 0) + record.message.length;
      if (sink.logs.length >= MAX_LOG_RECORDS || sink.bytes > MAX_LOG_BYTES) {
        sink.dropped = (sink.dropped ?? 0) + 1;
        return;
      }
      sink.logs.push(record);
      sink.onLog?.(record);
    }
    this.defaultLog?.(record);
  }

  private onFrame(live: Live, kind: number, text: string): void {
    if (kind === RESULT) {
      const r = decodeResult(text);
      if (r) this.onResult(live, r);
    } else if (kind === LOG) {
      const f = splitHead(text, 3);
      if (f) this.record({ level: asLevel(f[0]), source: asSource(f[1]), time: Number(f[2]) || Date.now(), message: f[3] });
    } else if (kind === FETCH) this.fetchFor(live, text);
  }

  private onResult(live: Live, m: CallResult): void {
    const pending = this.pending;
    if (!pending || m.id !== pending.id || this.live !== live) return;
    this.pending = undefined;
    if (m.restart) this.stop();
    let envelope: Envelope;
    try {
      envelope = JSON.parse(m.failure ?? m.text ?? '') as Envelope;
    } catch (e) {
      envelope = fail('internal', `${this.spec.label} ${pending.operation}: the Python process sent a reply that is not JSON (${(e as Error).message})`);
    }
    if (!envelope.success && pending.denials.length > 0 && envelope.error.code !== 'capability_denied') {
      envelope = fail('capability_denied', `${pending.denials.join('\n')}\nThe plugin then failed: ${envelope.error.message}`, envelope.error.details);
    }
    const timing = { ...(pending.loadMs === undefined ? {} : { loadMs: pending.loadMs }), instantiateMs: pending.startMs, callMs: m.callMs };
    pending.reply({ envelope, logs: closeLogs(pending), timing, peakMemoryBytes: m.heapBytes });
  }

  private crashed(live: Live, message: string): void {
    if (this.live !== live) return;
    this.live = undefined;
    const pending = this.pending;
    pending?.abandon?.(fail('internal', `${this.spec.label} ${pending.operation}: ${message}`), false);
  }

  private stop(): void {
    const live = this.live;
    this.live = undefined;
    if (live && live.child.exitCode === null && live.child.signalCode === null) live.child.kill('SIGKILL');
  }
}

/**
 * Writes a frame to the process. A stream write costs ~10–30 µs of machinery per call; when nothing is queued on the
 * stream, one writeSync on its descriptor does the same (the descriptor is non-blocking: whatever does not fit in the
 * pipe now goes through the stream, after the part written, so the order holds).
 */
function writeTo(live: Live, bytes: Buffer): void {
  let rest = bytes;
  if (live.callsFd !== undefined && live.calls.writableLength === 0) {
    try {
      rest = rest.subarray(writeSync(live.callsFd, rest));
    } catch {
      // EAGAIN (the pipe is full) or a process that is gone (its exit is reported): the stream takes it
    }
    if (rest.length === 0) return;
  }
  live.calls.write(rest);
}

/** The fd of a child's stdio pipe (net.Socket keeps it on its handle; not on Windows, where pipes are named). */
function descriptorOf(stream: Writable): number | undefined {
  const fd = (stream as { _handle?: { fd?: unknown } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/** A frame is at most the output limit plus room for its envelope (a larger one is a misbehaving process). */
function maxFrameBytes(): number {
  return 2 * DEFAULT_LIMITS.maxOutputBytes + 1024 * 1024;
}

const LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];
const SOURCES: readonly LogRecord['source'][] = ['plugin', 'stdout', 'stderr', 'host'];
const asLevel = (s: string): LogLevel => (LEVELS as readonly string[]).includes(s) ? s as LogLevel : 'info';
const asSource = (s: string): LogRecord['source'] => (SOURCES as readonly string[]).includes(s) ? s as LogRecord['source'] : 'plugin';

/** The call's records, with one line saying how many were dropped over the limits. */
function closeLogs(sink: LogSink): LogRecord[] {
  if (sink.dropped) {
    const note: LogRecord = { level: 'warn', source: 'host', time: Date.now(),
      message: `${sink.dropped} more log lines of this call were dropped (a call keeps at most ${MAX_LOG_RECORDS} lines, ${MAX_LOG_BYTES} bytes)` };
    sink.logs.push(note);
    sink.onLog?.(note);
    sink.dropped = 0;
  }
  return sink.logs;
}
