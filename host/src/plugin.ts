// loadPlugin: the single entry point every caller (CLI, request panel, debugger, tests) uses to get a runnable plugin
// from a plugin directory, a plugin.yaml or a bare .wasm.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Envelope, fail } from './contract/envelope';
import type { ErrorCode } from './contract/errors';
import type { Operation } from './contract/operations';
import type { PluginManifest } from './manifest/types';
import { ManifestError, readManifest } from './manifest/read';
import type { CallOptions, CallOutcome, LogRecord, PluginRuntime, RuntimeKind } from './runtime';
import type { InspectReport } from './wasm/inspect';
import { LoadError, prepareWasm } from './wasm/prepare';
import { InProcessWasmRuntime } from './wasm/in-process';
import { IsolatedWasmRuntime } from './isolate/isolated';
import { DEFAULT_LIMITS } from './manifest/types';
import { createRemoteRuntime, RemoteConfigError } from './remote/index';
import type { RemoteRuntime } from './remote/index';
import { readHeader } from './component/header';
import { isComponentBytes } from './component/detect';
import { loadComponent } from './component/load';
import { loadPyodidePlugin } from './pyodide/load';

export type Isolation = 'worker' | 'in-process';

export interface LoadOptions {
  /**
   * `worker` (the default): each call runs in a worker thread, so time limits are enforced and a stuck plugin is
   * stopped. `in-process`: calls run on the caller's thread — fastest, memory-limited, but NOT time-limited.
   */
  isolation?: Isolation;
  /** User configuration values, overlaid on configuration.schema defaults (strings are coerced to the declared type). */
  config?: Record<string, unknown>;
  /** Values for the manifest's declared `environment` variables (else the host process's value, else the default). */
  env?: Record<string, string>;
  /** Default time limit per call (overrides the manifest). */
  timeoutMs?: number;
  /** Overrides capabilities.resources.max_memory_bytes. */
  maxMemoryBytes?: number;
  /** Receives every log record of every call (CallOptions.onLog receives those of one call). */
  onLog?: (record: LogRecord) => void;
}

export interface PluginInfo {
  /** The manifest's plugin.id, or the module's file name for a bare .wasm. */
  id: string;
  root: string;
  manifestPath?: string;
  manifest?: PluginManifest;
  wasmPath: string;
  isolation: Isolation;
  /** The inspect report of the module (language, ABI, operations, problems). */
  report: InspectReport;
  /** Reading + compiling the module, in ms. */
  loadMs: number;
  compiledFromCache: boolean;
  limits: { maxMemoryBytes: number; timeoutMs: number; maxOutputBytes: number };
  /** Set-up warnings (e.g. an allowed_paths entry that is not a directory). */
  warnings: string[];
  /** Remote plugins (plugin.runtime: remote): the client, with its health state. wasmPath is then the endpoint. */
  remote?: RemoteRuntime;
}

export interface LoadedPlugin extends PluginRuntime {
  readonly info: PluginInfo;
}

/** Thrown by loadPlugin: `envelope` is the load_failed (or other) error envelope to show. */
export class PluginLoadError extends Error {
  readonly envelope: Envelope<never>;
  constructor(readonly code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.envelope = fail(code, message, details);
  }
}

interface Located {
  root: string;
  manifestPath?: string;
  wasmPath?: string;
}

function locate(target: string): Located {
  const abs = resolve(target);
  if (!existsSync(abs)) throw new PluginLoadError('load_failed', `${target} does not exist: pass a plugin directory, a plugin.yaml or a .wasm file`);
  if (statSync(abs).isDirectory()) {
    for (const name of ['plugin.yaml', 'plugin.yml']) {
      if (existsSync(join(abs, name))) return { root: abs, manifestPath: join(abs, name) };
    }
    const wasm = readdirSync(abs).filter((f) => f.endsWith('.wasm'));
    if (wasm.length === 1) return { root: abs, wasmPath: join(abs, wasm[0]) };
    throw new PluginLoadError('load_failed', wasm.length === 0
      ? `${target} has no plugin.yaml and no .wasm file`
      : `${target} has no plugin.yaml and several .wasm files (${wasm.join(', ')}): pass the one to run`);
  }
  if (/\.ya?ml$/i.test(abs)) return { root: dirname(abs), manifestPath: abs };
  return { root: dirname(abs), wasmPath: abs };
}

export async function loadPlugin(target: string, options: LoadOptions = {}): Promise<LoadedPlugin> {
  const where = locate(target);
  let manifest: PluginManifest | undefined;
  let wasmPath = where.wasmPath;
  if (where.manifestPath) {
    try {
      manifest = await readManifest(where.manifestPath);
    } catch (err) {
      if (err instanceof ManifestError) throw new PluginLoadError('load_failed', err.message);
      throw err;
    }
    const runtime = manifest.plugin.runtime ?? 'wasm';
    if (runtime === 'remote') return loadRemote(where.root, where.manifestPath, manifest, options);
    if (runtime === 'pyodide') return loadPyodidePlugin(where.root, where.manifestPath, manifest, options);
    if (runtime !== 'wasm') {
      throw new PluginLoadError('load_failed', `${where.manifestPath}: plugin.runtime "${runtime}" is not supported by this host yet (only wasm runs here for now)`);
    }
    wasmPath = resolve(where.root, (manifest.wasm as { path: string }).path);
  }
  // A component's binary header differs from a core module's (layer 1): it runs in the component host.
  if (isComponentBytes(readHeader(wasmPath as string))) return loadComponent(wasmPath as string, where.root, where.manifestPath, manifest, options);
  const isolation = options.isolation ?? 'worker';
  let prepared;
  try {
    prepared = await prepareWasm(wasmPath as string, manifest, where.root, options);
  } catch (err) {
    if (err instanceof LoadError) throw new PluginLoadError('load_failed', err.message, err.details);
    throw new PluginLoadError('internal', `loading ${wasmPath} failed: ${(err as Error).message}`);
  }
  const { plan } = prepared;
  const runtime: PluginRuntime = isolation === 'worker'
    ? new IsolatedWasmRuntime(plan, prepared.loadMs, options.onLog)
    : new InProcessWasmRuntime(plan, prepared.loadMs, options.onLog);
  for (const w of prepared.warnings) options.onLog?.({ level: 'warn', message: w, source: 'host', time: Date.now() });
  const info: PluginInfo = {
    id: manifest?.plugin.id ?? basename(wasmPath as string),
    root: where.root,
    manifestPath: where.manifestPath,
    manifest,
    wasmPath: wasmPath as string,
    isolation,
    report: prepared.report,
    loadMs: prepared.loadMs,
    compiledFromCache: prepared.fromCache,
    limits: { maxMemoryBytes: plan.policy.maxMemoryBytes, timeoutMs: plan.policy.timeoutMs, maxOutputBytes: plan.policy.maxOutputBytes },
    warnings: prepared.warnings,
  };
  return {
    kind: runtime.kind as RuntimeKind,
    info,
    call: (operation: Operation, input: unknown, callOptions?: CallOptions): Promise<CallOutcome> => runtime.call(operation, input, callOptions),
    dispose: () => runtime.dispose(),
  };
}

/** plugin.runtime: remote — the service is called over HTTP or gRPC (host/src/remote); there is no module. */
async function loadRemote(root: string, manifestPath: string, manifest: PluginManifest, options: LoadOptions): Promise<LoadedPlugin> {
  let remote: RemoteRuntime;
  try {
    remote = await createRemoteRuntime(manifest, root, { onLog: options.onLog, env: { ...process.env, ...options.env } });
  } catch (err) {
    if (err instanceof RemoteConfigError) throw new PluginLoadError('load_failed', `${manifestPath}: ${err.message}`);
    throw err;
  }
  const endpoint = `${remote.config.endpoint.origin}${remote.config.basePath}`;
  const info: PluginInfo = {
    id: manifest.plugin.id,
    root,
    manifestPath,
    manifest,
    wasmPath: endpoint,
    isolation: 'in-process',
    // No module to inspect: an honest empty report (abi none, no exports) rather than a missing field.
    report: {
      size: 0, sha256: '', binary: 'core-module', language: 'unknown', evidence: [`remote ${remote.config.protocol} service at ${endpoint}`],
      abi: 'none', initialize: false, operations: [], imports: [], exports: [], customSections: [], producers: {}, problems: [],
    },
    loadMs: 0,
    compiledFromCache: false,
    limits: { maxMemoryBytes: manifest.capabilities?.resources?.max_memory_bytes ?? DEFAULT_LIMITS.maxMemoryBytes, timeoutMs: options.timeoutMs ?? remote.config.timeoutMs, maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes },
    warnings: remote.config.warnings,
    remote,
  };
  return {
    kind: 'remote',
    info,
    call: (operation: Operation, input: unknown, callOptions?: CallOptions): Promise<CallOutcome> =>
      remote.call(operation, input, { ...callOptions, timeoutMs: callOptions?.timeoutMs ?? options.timeoutMs }),
    dispose: () => remote.dispose(),
  };
}
