// The `mockforge` and `env` imports (docs/abi.md §3): log, config_get, http_fetch, AssemblyScript's abort/seed/trace.
import type { LogLevel } from '../runtime';
import { fetchSync } from '../net/fetch-sync';
import { admitFetch, isAdmitted } from '../net/fetch-gate';
import type { EnginePolicy } from './plan';
import { HostStop } from './trap';

export const LEVELS: LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error'];

/** What the imports need from the live instance and the current call. */
export interface ImportHost {
  memory(): WebAssembly.Memory;
  /** Allocates in plugin memory with its allocator (throws HostStop missing_export when there is none). */
  alloc(size: number): number;
  log(level: LogLevel, message: string): void;
  deny(message: string): void;
  /** Milliseconds left in the current call (for http_fetch timeouts). */
  remainingMs(): number;
}

const utf8 = new TextDecoder('utf-8');

function readBytes(host: ImportHost, ptr: number, len: number, what: string): Uint8Array {
  const mem = new Uint8Array(host.memory().buffer);
  if (ptr < 0 || len < 0 || ptr + len > mem.length) {
    throw new HostStop('trap', `${what}: pointer ${ptr >>> 0} + length ${len >>> 0} is outside the plugin's memory (${mem.length} bytes)`);
  }
  return mem.subarray(ptr, ptr + len);
}

/** Copies bytes into freshly allocated plugin memory and returns (ptr << 32) | len. */
export function writeOut(host: ImportHost, data: Uint8Array, what: string): bigint {
  const ptr = host.alloc(Math.max(data.length, 1));
  if (ptr === 0) throw new HostStop('memory_limit', `${what}: the plugin's allocator returned 0 for ${data.length} bytes`);
  const mem = new Uint8Array(host.memory().buffer);
  if (ptr + data.length > mem.length) throw new HostStop('trap', `${what}: the allocator returned ${ptr}, outside the plugin's memory`);
  mem.set(data, ptr);
  return (BigInt(ptr >>> 0) << 32n) | BigInt(data.length);
}

export function mockforgeImports(host: ImportHost, policy: EnginePolicy): Record<string, WebAssembly.ImportValue> {
  return {
    log(level: number, ptr: number, len: number): void {
      host.log(LEVELS[level] ?? 'info', utf8.decode(readBytes(host, ptr, len, 'mockforge.log')));
    },
    config_get(keyPtr: number, keyLen: number): bigint {
      const key = utf8.decode(readBytes(host, keyPtr, keyLen, 'mockforge.config_get'));
      if (!Object.prototype.hasOwnProperty.call(policy.config, key)) return 0n;
      const value = policy.config[key];
      if (value === undefined || value === null) return 0n;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      return writeOut(host, Buffer.from(text, 'utf8'), `mockforge.config_get("${key}")`);
    },
    http_fetch(reqPtr: number, reqLen: number): bigint {
      const raw = utf8.decode(readBytes(host, reqPtr, reqLen, 'mockforge.http_fetch'));
      const reply = JSON.stringify(httpFetch(raw, host, policy));
      return writeOut(host, Buffer.from(reply, 'utf8'), 'mockforge.http_fetch');
    },
  };
}

export function httpFetch(raw: string, host: ImportHost, policy: EnginePolicy) {
  const gate = admitFetch(raw, policy.network, host.remainingMs(), (message) => host.deny(message));
  return isAdmitted(gate) ? fetchSync(gate.req, gate.timeoutMs) : gate;
}

/** AssemblyScript strings: UTF-16LE with the byte length in the u32 before the pointer. */
export function readAsString(memory: WebAssembly.Memory, ptr: number): string {
  if (!ptr) return '';
  const buf = memory.buffer;
  if (ptr < 4 || ptr > buf.byteLength) return `<string at ${ptr}>`;
  const len = new DataView(buf).getUint32(ptr - 4, true);
  if (ptr + len > buf.byteLength) return `<string at ${ptr}>`;
  return Buffer.from(buf, ptr, len - (len % 2)).toString('utf16le');
}

export function envImports(host: ImportHost): Record<string, WebAssembly.ImportValue> {
  return {
    abort(msg: number, file: number, line: number, column: number): never {
      const memory = host.memory();
      const text = readAsString(memory, msg) || 'abort() called';
      const where = file ? ` at ${readAsString(memory, file)}:${line}:${column}` : '';
      throw new HostStop('trap', `abort: ${text}${where}`);
    },
    seed(): number {
      return Date.now() * Math.random();
    },
    trace(msg: number, n: number, ...args: number[]): void {
      host.log('debug', `trace: ${readAsString(host.memory(), msg)}${n > 0 ? ' ' + args.slice(0, n).join(', ') : ''}`);
    },
  };
}
