// Runs calls against one module (docs/abi.md §2): keeps a live instance between calls, discards it after a trap,
// and turns every outcome into an envelope. Synchronous: used as is in-process and inside the isolation worker.
import { performance } from 'node:perf_hooks';
import { Envelope, fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import type { LogLevel, LogRecord } from '../runtime';
import type { EnginePlan } from './plan';
import type { OperationBinding } from './abi';
import { HostStop, Symbolizer, decorate, failureFromError } from './trap';
import { ImportHost, envImports, mockforgeImports } from './host-imports';
import { ProcExit, createWasi } from './wasi';
import { checkRegion, decodeReply } from './reply';

export interface EngineResult {
  envelope: Envelope;
  logs: LogRecord[];
  instantiateMs?: number;
  callMs: number;
  peakMemoryBytes?: number;
}

interface Live {
  instance: WebAssembly.Instance;
  exports: Record<string, WebAssembly.ExportValue>;
  memory: WebAssembly.Memory;
}

interface CallState {
  operation: string;
  logs: LogRecord[];
  denials: string[];
  deadline: number;
  lines: { 1: string; 2: string };
  /** Command mode: stdout is the reply, not a log. */
  stdout?: Buffer[];
  stdoutBytes: number;
  stderrTail: string[];
  /** Log records dropped after MAX_LOG_RECORDS (a plugin printing in a loop must not exhaust the host). */
  droppedLogs: number;
}

const MAX_LOG_RECORDS = 10_000;

type Fn = (...args: unknown[]) => unknown;

const encoder = new TextEncoder();

export class Engine {
  private live?: Live;
  private state?: CallState;
  private readonly symbolizer: Symbolizer;
  private readonly label: string;
  /** Memory size at the end of the last call, kept when the instance is discarded (peak memory reporting). */
  private lastMemory?: number;

  constructor(private readonly plan: EnginePlan, private readonly onLog?: (record: LogRecord) => void) {
    this.symbolizer = new Symbolizer(plan.functionNames, plan.sourceMap, plan.offsetShift);
    this.label = plan.label;
  }

  call(operation: Operation, input: unknown): EngineResult {
    let text: string;
    try {
      text = JSON.stringify(input ?? {});
    } catch (err) {
      return this.finish(fail('bad_input', `the request for ${operation} cannot be encoded as JSON: ${(err as Error).message}`), 0);
    }
    return this.callJson(operation, text);
  }

  /** A call whose input is already JSON text (the isolation worker receives it as text). */
  callJson(operation: Operation, text: string): EngineResult {
    this.state = {
      operation, logs: [], denials: [], deadline: performance.now() + this.plan.policy.timeoutMs,
      lines: { 1: '', 2: '' }, stderrTail: [], stdoutBytes: 0, droppedLogs: 0,
    };
    try {
      return this.plan.abi.mode === 'command' ? this.callCommand(operation, Buffer.from(text, 'utf8')) : this.callReactor(operation, text);
    } finally {
      this.state = undefined;
    }
  }

  dispose(): void {
    this.live = undefined;
  }

  private callReactor(operation: Operation, input: string): EngineResult {
    const abi = this.plan.abi;
    const binding = abi.operations.find((o) => o.operation === operation);
    if (!binding) {
      const has = abi.operations.map((o) => o.operation);
      return this.finish(fail('unsupported_operation',
        `${this.label} does not export "${operation}"` + (has.length ? ` (it implements: ${has.join(', ')})` : ' (it exports none of the operations)')), 0);
    }
    if (!binding.form) {
      return this.finish(fail('missing_export', `${this.label}: export ${binding.export} has signature ${binding.signature}; the ABI expects (i32, i32) -> i64 (docs/abi.md §1)`), 0);
    }
    if (!abi.hasMemoryExport && !this.plan.policy.importedMemory) {
      return this.finish(fail('missing_export', `${this.label} does not export its memory as "memory" (docs/abi.md §1)`), 0);
    }
    if (!abi.allocator) {
      return this.finish(fail('missing_export', `${this.label} exports no allocator: export mockforge_alloc(size i32) -> i32 (or alloc, malloc, AssemblyScript __new + __pin) (docs/abi.md §1)`), 0);
    }
    let instantiateMs: number | undefined;
    if (!this.live) {
      const t0 = performance.now();
      const failure = this.instantiate();
      instantiateMs = performance.now() - t0;
      if (failure) return this.finish(failure, 0, instantiateMs);
    }
    const live = this.live as Live;
    const before = live.memory.buffer.byteLength;
    const t1 = performance.now();
    let envelope: Envelope;
    try {
      envelope = this.invoke(live, binding, input);
    } catch (err) {
      const { envelope: failure, discard } = failureFromError(err, this.failureContext(before));
      if (discard) this.live = undefined;
      return this.finish(failure, performance.now() - t1, instantiateMs);
    }
    return this.finish(decorate(envelope, this.failureContext(before)), performance.now() - t1, instantiateMs);
  }

  private invoke(live: Live, binding: OperationBinding, input: string): Envelope {
    // Encode straight into plugin memory: this is the hot path of every call.
    const inLen = Buffer.byteLength(input, 'utf8');
    const inPtr = this.allocate(live, inLen);
    encoder.encodeInto(input, new Uint8Array(live.memory.buffer, inPtr, inLen));
    const raw = (live.exports[binding.export] as Fn)(inPtr, inLen);
    let outPtr: number;
    let outLen: number;
    if (binding.form === 'multi-value') {
      const pair = raw as [number, number];
      outPtr = pair[0] >>> 0;
      outLen = pair[1] >>> 0;
    } else {
      const packed = BigInt.asUintN(64, raw as bigint);
      outPtr = Number(packed >> 32n);
      outLen = Number(packed & 0xffffffffn);
    }
    const who = this.label;
    const bad = checkRegion(outPtr, outLen, live.memory.buffer.byteLength, this.plan.policy.maxOutputBytes, `${who} ${binding.operation}`);
    // Decode the reply before calling anything else in the module (the free calls may reuse the memory).
    const reply = bad ?? decodeReply(new Uint8Array(live.memory.buffer, outPtr, outLen), `${who} ${binding.operation}`);
    this.release(live, inPtr, inLen, bad ? undefined : { ptr: outPtr, len: outLen });
    return reply;
  }

  private allocate(live: Live, size: number): number {
    const a = this.plan.abi.allocator;
    if (!a) throw new HostStop('missing_export', `${this.label} exports no allocator (docs/abi.md §1)`, false);
    const n = Math.max(size, 1);
    const ptr = a.kind === 'assemblyscript'
      ? ((live.exports[a.pin as string] as Fn)((live.exports[a.alloc] as Fn)(n, 1)) as number) >>> 0
      : ((live.exports[a.alloc] as Fn)(n) as number) >>> 0;
    if (ptr === 0) throw new HostStop('memory_limit', `${this.label}: its allocator ${a.alloc} returned 0 for ${n} bytes (out of memory)`);
    if (ptr + n > live.memory.buffer.byteLength) {
      throw new HostStop('bad_output', `${this.label}: its allocator ${a.alloc} returned ${ptr}, which is outside its memory (${live.memory.buffer.byteLength} bytes)`);
    }
    return ptr;
  }

  private release(live: Live, inPtr: number, inLen: number, out?: { ptr: number; len: number }): void {
    const a = this.plan.abi.allocator;
    if (!a?.free) return;
    const free = live.exports[a.free] as Fn;
    if (a.kind === 'assemblyscript') {
      free(inPtr);
      return;
    }
    if (out && out.ptr !== inPtr) free(...(a.freeTakesSize ? [out.ptr, out.len] : [out.ptr]));
    free(...(a.freeTakesSize ? [inPtr, Math.max(inLen, 1)] : [inPtr]));
  }

  private callCommand(operation: Operation, input: Buffer): EngineResult {
    const state = this.state as CallState;
    state.stdout = [];
    const t0 = performance.now();
    const env = { MOCKFORGE_OPERATION: operation, MOCKFORGE_CONFIG: JSON.stringify(this.plan.policy.config) };
    const failure = this.instantiate({ args: ['plugin', operation], env, stdin: input });
    const instantiateMs = performance.now() - t0;
    if (failure) return this.finish(failure, 0, instantiateMs);
    const live = this.live as Live;
    this.live = undefined; // command mode: a fresh instance per call
    const before = live.memory.buffer.byteLength;
    const t1 = performance.now();
    let exitCode = 0;
    try {
      if (this.wasi) this.wasi.start(live.instance);
      else (live.exports._start as Fn)();
    } catch (err) {
      if (err instanceof ProcExit) exitCode = err.exitCode;
      else {
        this.live = live;
        const { envelope } = failureFromError(err, this.failureContext(before));
        this.live = undefined;
        return this.finish(envelope, performance.now() - t1, instantiateMs);
      }
    }
    this.live = live;
    const ctx = this.failureContext(before);
    this.live = undefined;
    const who = `${this.label} ${operation}`;
    if (state.stdoutBytes > this.plan.policy.maxOutputBytes) {
      const over = checkRegion(0, state.stdoutBytes, Infinity, this.plan.policy.maxOutputBytes, who) as Envelope;
      return this.finish(decorate(over, ctx), performance.now() - t1, instantiateMs);
    }
    const trimmed = Buffer.concat(state.stdout).toString('utf8').trim();
    const reply = trimmed ? decodeReply(Buffer.from(trimmed, 'utf8'), who) : undefined;
    let envelope: Envelope;
    if (exitCode !== 0 && (!reply || isBadOutput(reply))) {
      const tail = state.stderrTail.length ? `; its last stderr lines:\n${state.stderrTail.join('\n')}` : '';
      envelope = fail('plugin_error', `${who}: the program exited with status ${exitCode}${tail}`);
    } else if (!reply) {
      envelope = fail('bad_output', `${who}: the program wrote nothing to stdout; in command mode it must print the reply envelope (docs/abi.md §6)`);
    } else {
      envelope = reply;
    }
    return this.finish(decorate(envelope, ctx), performance.now() - t1, instantiateMs);
  }

  private wasi?: import('node:wasi').WASI;

  /** Creates the instance (and runs WASI/_initialize for reactors). Returns an error envelope on failure. */
  private instantiate(command?: { args: string[]; env: Record<string, string>; stdin: Uint8Array }): Envelope | undefined {
    const { policy, abi, module } = this.plan;
    let memory: WebAssembly.Memory | undefined;
    const imports: WebAssembly.Imports = {};
    if (policy.importedMemory) {
      const m = policy.importedMemory;
      memory = new WebAssembly.Memory({ initial: m.initial, maximum: m.maximum });
      imports[m.module] = { [m.name]: memory };
    }
    const host: ImportHost = {
      memory: () => {
        if (!memory) throw new HostStop('missing_export', `${this.label} does not export its memory as "memory"`);
        return memory;
      },
      alloc: (size) => {
        if (!this.live) throw new HostStop('trap', `${this.label}: a host import that needs the allocator was called during start-up`);
        return this.allocateForImport(this.live, size);
      },
      log: (level, message) => this.log(level, message, 'plugin'),
      deny: (message) => this.deny(message),
      remainingMs: () => Math.max(1, (this.state?.deadline ?? performance.now() + policy.timeoutMs) - performance.now()),
    };
    imports.mockforge = mockforgeImports(host, policy);
    imports.env = { ...envImports(host), ...(imports.env ?? {}) };
    this.wasi = undefined;
    if (abi.usesWasi) {
      const setup = createWasi(policy, {
        memory: host.memory,
        write: (fd, bytes) => this.stdio(fd, bytes),
        stdin: command?.stdin ?? new Uint8Array(0),
        deny: (message) => this.deny(message),
      }, command ? { args: command.args, env: command.env } : undefined);
      this.wasi = setup.wasi;
      imports.wasi_snapshot_preview1 = setup.imports;
    }
    let instance: WebAssembly.Instance;
    try {
      instance = new WebAssembly.Instance(module, imports);
    } catch (err) {
      if (err instanceof WebAssembly.LinkError) {
        return fail('load_failed', `${this.label} cannot be instantiated: ${err.message}`);
      }
      return failureFromError(err, this.failureContext(0)).envelope;
    }
    const exported = instance.exports.memory;
    if (exported instanceof WebAssembly.Memory) memory = exported;
    if (!memory) return fail('missing_export', `${this.label} does not export its memory as "memory" (docs/abi.md §1)`);
    this.live = { instance, exports: instance.exports, memory };
    if (command) return undefined;
    try {
      if (this.wasi) {
        // A stand-in instance: node:wasi refuses modules that also export _start (and needs an exported memory),
        // but a reactor only needs WASI bound to its memory and its _initialize run.
        const init = abi.initialize ? { _initialize: instance.exports._initialize } : {};
        this.wasi.initialize({ exports: { memory, ...init } } as unknown as WebAssembly.Instance);
      } else if (abi.initialize) (instance.exports._initialize as Fn)();
    } catch (err) {
      const { envelope } = failureFromError(err, this.failureContext(0));
      this.live = undefined;
      if (envelope.success) return envelope;
      return fail(envelope.error.code, `${envelope.error.message}\n(while running _initialize)`, envelope.error.details);
    }
    return undefined;
  }

  /** Allocation for config_get/http_fetch results: the plugin owns these buffers, so AssemblyScript's are not pinned. */
  private allocateForImport(live: Live, size: number): number {
    const a = this.plan.abi.allocator;
    if (!a) throw new HostStop('missing_export', `${this.label} imports config_get/http_fetch but exports no allocator for the host to return values in (docs/abi.md §3)`);
    return a.kind === 'assemblyscript'
      ? ((live.exports[a.alloc] as Fn)(size, 1) as number) >>> 0
      : ((live.exports[a.alloc] as Fn)(size) as number) >>> 0;
  }

  private stdio(fd: 1 | 2, bytes: Uint8Array): void {
    const state = this.state;
    if (!state) return;
    if (fd === 1 && state.stdout) {
      // Past the reply cap the bytes are only counted: the call ends as bad_output anyway.
      state.stdoutBytes += bytes.length;
      if (state.stdoutBytes <= this.plan.policy.maxOutputBytes) state.stdout.push(Buffer.from(bytes));
      return;
    }
    const text = state.lines[fd] + Buffer.from(bytes).toString('utf8');
    const parts = text.split('\n');
    state.lines[fd] = parts.pop() ?? '';
    for (const line of parts) this.stdioLine(fd, line);
    // A "line" that never ends is cut into 64 KiB records instead of growing without bound.
    if (state.lines[fd].length > 65536) {
      this.stdioLine(fd, state.lines[fd]);
      state.lines[fd] = '';
    }
  }

  private stdioLine(fd: 1 | 2, line: string): void {
    const clean = line.replace(/\r$/, '');
    if (fd === 2 && this.state) {
      this.state.stderrTail.push(clean);
      if (this.state.stderrTail.length > 5) this.state.stderrTail.shift();
    }
    this.log(fd === 1 ? 'info' : 'warn', clean, fd === 1 ? 'stdout' : 'stderr');
  }

  private log(level: LogLevel, message: string, source: LogRecord['source']): void {
    if (this.state && this.state.logs.length >= MAX_LOG_RECORDS) {
      this.state.droppedLogs++;
      return;
    }
    const record: LogRecord = { level, message, source, time: Date.now() };
    this.state?.logs.push(record);
    this.onLog?.(record);
  }

  private deny(message: string): void {
    this.state?.denials.push(message);
    this.log('warn', message, 'host');
  }

  private failureContext(memoryBytesBefore: number) {
    this.lastMemory = this.live?.memory.buffer.byteLength ?? this.lastMemory;
    return {
      label: this.label,
      operation: this.state?.operation ?? '_initialize',
      memoryBytes: this.live?.memory.buffer.byteLength ?? 0,
      memoryBytesBefore,
      maxMemoryBytes: Math.max(this.plan.policy.maxPages, 1) * 65536,
      denials: this.state?.denials ?? [],
      symbolizer: this.symbolizer,
    };
  }

  private finish(envelope: Envelope, callMs: number, instantiateMs?: number): EngineResult {
    const state = this.state;
    if (state) {
      for (const fd of [1, 2] as const) {
        if (state.lines[fd]) this.stdioLine(fd, state.lines[fd]);
        state.lines[fd] = '';
      }
      if (state.droppedLogs > 0) {
        const record: LogRecord = { level: 'warn', source: 'host', time: Date.now(),
          message: `${state.droppedLogs} more log records of this call were dropped (at most ${MAX_LOG_RECORDS} per call)` };
        state.logs.push(record);
        this.onLog?.(record);
      }
    }
    return {
      envelope,
      logs: state?.logs ?? [],
      instantiateMs,
      callMs,
      peakMemoryBytes: this.live?.memory.buffer.byteLength ?? this.lastMemory,
    };
  }
}

function isBadOutput(reply: Envelope): boolean {
  return !reply.success && reply.error.code === 'bad_output';
}
