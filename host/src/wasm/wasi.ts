// WASI preview 1 through node:wasi, narrowed to what the manifest grants (docs/abi.md §3): no args, declared env only,
// pre-opens only for allowed_paths, writes refused without allow_write, stdio captured instead of the host's.
import { openSync } from 'node:fs';
import type { WASI as WasiType } from 'node:wasi';
import type { EnginePolicy } from './plan';
import { HostStop } from './trap';

const ERRNO_SUCCESS = 0;
const ERRNO_BADF = 8;
const ERRNO_NOTCAPABLE = 76;
const OFLAGS_WRITE = 1 | 4 | 8; // CREAT | EXCL | TRUNC
const FDFLAGS_APPEND = 1;
const RIGHTS_WRITE = (1n << 6n) | (1n << 8n) | (1n << 22n); // FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE
const MUTATING = ['path_unlink_file', 'path_rename', 'path_create_directory', 'path_remove_directory', 'path_symlink', 'path_link', 'path_filestat_set_times'];

let WasiClass: typeof WasiType | undefined;
let devNull: number | undefined;

/** node:wasi prints an ExperimentalWarning on the host's stderr when loaded; a plugin run must not. */
function wasiClass(): typeof WasiType {
  if (!WasiClass) {
    const original = process.emitWarning;
    process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
      if (String(typeof warning === 'string' ? warning : warning.message).includes('WASI')) return;
      return (original as (...args: unknown[]) => void).call(this, warning, ...rest);
    } as typeof process.emitWarning;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      WasiClass = (require('node:wasi') as typeof import('node:wasi')).WASI;
    } finally {
      process.emitWarning = original;
    }
  }
  return WasiClass;
}

/** Per-instance hooks the WASI layer reports to. */
export interface WasiSink {
  memory(): WebAssembly.Memory;
  /** Bytes the plugin wrote to fd 1 or 2. */
  write(fd: 1 | 2, bytes: Uint8Array): void;
  /** Command mode: the request. Reactor mode: empty. */
  stdin: Uint8Array;
  deny(message: string): void;
}

export interface WasiSetup {
  wasi: WasiType;
  imports: Record<string, WebAssembly.ImportValue>;
}

export function createWasi(policy: EnginePolicy, sink: WasiSink, command?: { args: string[]; env: Record<string, string> }): WasiSetup {
  const WASI = wasiClass();
  devNull ??= openSync('/dev/null', 'r+');
  const preopens = policy.filesystem.allowRead || policy.filesystem.allowWrite ? policy.filesystem.preopens : {};
  const wasi = new WASI({
    version: 'preview1',
    args: command?.args ?? [],
    env: { ...policy.env, ...(command?.env ?? {}) },
    preopens,
    // The plugin never touches the host's real stdio: fd 0-2 are /dev/null and fd_read/fd_write on them are wrapped.
    stdin: devNull,
    stdout: devNull,
    stderr: devNull,
    returnOnExit: true,
  });
  const base = wasi.wasiImport as Record<string, (...args: never[]) => number>;
  const call = (name: string, args: unknown[]): number => (base[name] as unknown as (...a: unknown[]) => number)(...args);
  const preopenCount = Object.keys(preopens).length;
  const allowWrite = policy.filesystem.allowWrite;
  let stdinOffset = 0;
  const view = () => new DataView(sink.memory().buffer);
  const bytes = () => new Uint8Array(sink.memory().buffer);
  const readString = (ptr: number, len: number) => Buffer.from(bytes().subarray(ptr, ptr + len)).toString('utf8');

  const imports: Record<string, WebAssembly.ImportValue> = { ...(base as unknown as Record<string, WebAssembly.ImportValue>) };
  delete imports.sock_accept; delete imports.sock_recv; delete imports.sock_send; delete imports.sock_shutdown;

  imports.fd_write = (fd: number, iovs: number, iovsLen: number, nwritten: number): number => {
    if (fd !== 1 && fd !== 2) return call('fd_write', [fd, iovs, iovsLen, nwritten]);
    const dv = view();
    let total = 0;
    for (let i = 0; i < iovsLen; i++) {
      const ptr = dv.getUint32(iovs + i * 8, true);
      const len = dv.getUint32(iovs + i * 8 + 4, true);
      sink.write(fd, bytes().slice(ptr, ptr + len));
      total += len;
    }
    view().setUint32(nwritten, total, true);
    return ERRNO_SUCCESS;
  };
  imports.fd_read = (fd: number, iovs: number, iovsLen: number, nread: number): number => {
    if (fd !== 0) return call('fd_read', [fd, iovs, iovsLen, nread]);
    const dv = view();
    let total = 0;
    for (let i = 0; i < iovsLen && stdinOffset < sink.stdin.length; i++) {
      const ptr = dv.getUint32(iovs + i * 8, true);
      const len = dv.getUint32(iovs + i * 8 + 4, true);
      const chunk = sink.stdin.subarray(stdinOffset, stdinOffset + len);
      bytes().set(chunk, ptr);
      stdinOffset += chunk.length;
      total += chunk.length;
    }
    view().setUint32(nread, total, true);
    return ERRNO_SUCCESS;
  };
  imports.path_open = (fd: number, dirflags: number, pathPtr: number, pathLen: number, oflags: number,
    rightsBase: bigint, rightsInheriting: bigint, fdflags: number, openedFd: number): number => {
    const path = readString(pathPtr, pathLen);
    if (preopenCount === 0) {
      sink.deny(`capability_denied: the plugin tried to open "${path}" but the manifest grants no file access ` +
        '(add capabilities.filesystem.allow_read: true and the directory to allowed_paths in plugin.yaml)');
      return ERRNO_NOTCAPABLE;
    }
    const wantsWrite = (oflags & OFLAGS_WRITE) !== 0 || (fdflags & FDFLAGS_APPEND) !== 0 || (BigInt(rightsBase) & RIGHTS_WRITE) !== 0n;
    if (wantsWrite && !allowWrite) {
      sink.deny(`capability_denied: the plugin tried to open "${path}" for writing but capabilities.filesystem.allow_write is false`);
      return ERRNO_NOTCAPABLE;
    }
    if (fd < 3) return ERRNO_BADF;
    return call('path_open', [fd, dirflags, pathPtr, pathLen, oflags, rightsBase, rightsInheriting, fdflags, openedFd]);
  };
  for (const name of MUTATING) {
    imports[name] = (...args: unknown[]): number => {
      if (!allowWrite) {
        sink.deny(`capability_denied: the plugin called ${name} but capabilities.filesystem.allow_write is false`);
        return ERRNO_NOTCAPABLE;
      }
      return call(name, args);
    };
  }
  imports.proc_exit = (code: number): never => {
    throw new ProcExit(code);
  };
  return { wasi, imports };
}

/** proc_exit: ends command mode normally; in reactor mode it ends the call with plugin_error. */
export class ProcExit extends HostStop {
  constructor(readonly exitCode: number) {
    super('plugin_error', `the plugin called proc_exit(${exitCode})`);
  }
}
