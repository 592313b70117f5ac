// Turns whatever a call threw into an error envelope a person can act on: the trap reason, a wasm stack with
// function names (name section) and source positions (source map), and the limit that was hit, if any.
import { SourceMap } from 'node:module';
import { Envelope, fail } from '../contract/envelope';
import type { ErrorCode } from '../contract/errors';
import { PAGE, fmtBytes } from './limits';

/** Thrown by host imports to stop the call with a specific code and message. */
export class HostStop extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly discardInstance = true) {
    super(message);
  }
}

export interface StackFrame {
  functionIndex: number;
  name?: string;
  offset: number;
  source?: string;
}

export class Symbolizer {
  private readonly names: Map<number, string>;
  private readonly map?: SourceMap;
  constructor(names: Array<[number, string]>, sourceMapText?: string, private readonly shift = { from: 0, by: 0 }) {
    this.names = new Map(names);
    if (sourceMapText) {
      try {
        this.map = new SourceMap(JSON.parse(sourceMapText));
      } catch {
        // An unreadable source map only costs us file:line in stacks.
      }
    }
  }

  /**
   * The source position of a code offset. Optimisers leave some instructions unmapped (binaryen often does for the
   * call instruction itself): then the closest mapped instruction up to 16 bytes before it stands in.
   */
  private sourceAt(offset: number): string | undefined {
    if (!this.map) return undefined;
    for (let at = offset; at >= 0 && at >= offset - 16;) {
      const e = this.map.findEntry(0, at) as { generatedColumn?: number; originalSource?: string; originalLine?: number; originalColumn?: number };
      if (e.generatedColumn === undefined) return undefined;
      if (e.originalSource !== undefined && e.originalLine !== undefined) {
        return `${e.originalSource}:${e.originalLine + 1}:${(e.originalColumn ?? 0) + 1}`;
      }
      at = e.generatedColumn - 1;
    }
    return undefined;
  }

  frames(err: unknown): StackFrame[] {
    const stack = err instanceof Error && typeof err.stack === 'string' ? err.stack : '';
    const frames: StackFrame[] = [];
    for (const line of stack.split('\n')) {
      const m = /wasm-function\[(\d+)\]:0x([0-9a-f]+)/.exec(line);
      if (!m) continue;
      const functionIndex = Number(m[1]);
      const raw = parseInt(m[2], 16);
      // Offsets as in the original file (the one the source map and the user's tools describe).
      const offset = raw >= this.shift.from + this.shift.by ? raw - this.shift.by : raw;
      const frame: StackFrame = { functionIndex, offset, name: this.names.get(functionIndex) };
      if (!frame.name) {
        const named = /at (?:\$)?([^\s(]+) \(wasm:/.exec(line);
        if (named) frame.name = named[1];
      }
      const source = this.sourceAt(offset);
      if (source) frame.source = source;
      frames.push(frame);
    }
    return frames;
  }
}

export function formatFrames(frames: StackFrame[]): string {
  return frames.map((f) => `  at ${f.name ?? `wasm-function[${f.functionIndex}]`} (0x${f.offset.toString(16)})${f.source ? ` ${f.source}` : ''}`).join('\n');
}

export interface FailureContext {
  label: string;
  operation: string;
  memoryBytes: number;
  /** Memory size when the call started: growth during the call is what makes a limit failure likely. */
  memoryBytesBefore: number;
  maxMemoryBytes: number;
  /** capability_denied messages recorded during the call. */
  denials: string[];
  symbolizer: Symbolizer;
}

/** Classifies a thrown value. Returns the envelope and whether the instance must be discarded. */
export function failureFromError(err: unknown, ctx: FailureContext): { envelope: Envelope; discard: boolean } {
  let code: ErrorCode = 'trap';
  let reason: string;
  let discard = true;
  const frames = ctx.symbolizer.frames(err);
  if (err instanceof HostStop) {
    code = err.code;
    reason = err.message;
    discard = err.discardInstance;
  } else if (err instanceof WebAssembly.RuntimeError) {
    reason = `trap: ${err.message}`;
  } else if (err instanceof RangeError && /call stack/i.test(err.message)) {
    reason = 'trap: stack overflow (the call stack is exhausted: unbounded recursion?)';
  } else if (err instanceof Error) {
    code = 'internal';
    reason = `the host failed while running ${ctx.operation}: ${err.message}`;
  } else {
    code = 'internal';
    reason = `the host failed while running ${ctx.operation}: ${String(err)}`;
  }
  const details: Record<string, unknown> = {};
  if (frames.length > 0) details.stack = frames;
  let message = `${ctx.label} ${ctx.operation}: ${reason}`;
  if (frames.length > 0) message += `\n${formatFrames(frames)}`;
  const envelope = decorate(fail(code, message, Object.keys(details).length ? details : undefined), ctx);
  return { envelope, discard };
}

/**
 * A failing call that grew its memory up to the limit (no room for one more page: the module's memory maximum is
 * bounded to max_memory_bytes before compiling, so its next memory.grow returned -1) is reported as memory_limit;
 * so is one that grew past half the limit, or whose message says it ran out of memory (likely, said as such).
 * A failing call after a denied capability becomes capability_denied. All keep the original message.
 */
export function decorate(envelope: Envelope, ctx: FailureContext): Envelope {
  if (envelope.success) return envelope;
  const { code, message, details } = envelope.error;
  if (code !== 'trap' && code !== 'plugin_error' && code !== 'bad_output') return denied(envelope, ctx);
  const grew = ctx.memoryBytes > ctx.memoryBytesBefore;
  const atLimit = grew && ctx.memoryBytes + PAGE > ctx.maxMemoryBytes;
  // memory.grow failures themselves are invisible to the host; allocators grow in big steps (often doubling), so a
  // call that grew its memory past half the limit and then failed most likely failed to grow further.
  const nearLimit = grew && ctx.memoryBytes > ctx.maxMemoryBytes / 2;
  const saysOom = /out of memory|allocation (too large|failed)|memory allocation of|cannot allocate/i.test(message);
  if (!atLimit && !nearLimit && !saysOom) return denied(envelope, ctx);
  const what = atLimit
    ? `the plugin grew its memory to ${fmtBytes(ctx.memoryBytes)}, its whole ${fmtBytes(ctx.maxMemoryBytes)} memory limit, and then failed ` +
      '(the host caps the module\'s memory, so growing further was refused)'
    : `the plugin used ${fmtBytes(ctx.memoryBytes)} of its ${fmtBytes(ctx.maxMemoryBytes)} memory limit and then failed, most likely for lack of memory`;
  return fail('memory_limit', `${ctx.label} ${ctx.operation}: ${what} (raise capabilities.resources.max_memory_bytes in plugin.yaml if it needs more):\n${message}`,
    { ...details, original_code: code, memory_bytes: ctx.memoryBytes, max_memory_bytes: ctx.maxMemoryBytes, certain: atLimit });
}

function denied(envelope: Envelope, ctx: FailureContext): Envelope {
  if (envelope.success) return envelope;
  const { code, message, details } = envelope.error;
  if (ctx.denials.length > 0 && code !== 'capability_denied' && code !== 'timeout') {
    return fail('capability_denied', `${ctx.denials.join('\n')}\nThe plugin then failed: ${message}`, { ...details, original_code: code });
  }
  return envelope;
}
