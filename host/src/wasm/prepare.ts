// Turns a module file (+ its manifest) into an EnginePlan: read, inspect, refuse what cannot run, bound the memory,
// compile once per content hash, derive the capability policy.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_LIMITS, PluginManifest } from '../manifest/types';
import { resolveConfig } from '../manifest/config';
import { WasmFormatError, parseModule } from './binary';
import { planAbi } from './abi';
import { InspectReport, inspectBytes } from './inspect';
import { boundMemory } from './limits';
import type { EnginePlan, EnginePolicy } from './plan';

export class LoadError extends Error {
  constructor(message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export interface PrepareOptions {
  config?: Record<string, unknown>;
  env?: Record<string, string>;
  timeoutMs?: number;
  maxMemoryBytes?: number;
}

export interface Prepared {
  plan: EnginePlan;
  report: InspectReport;
  /** Reading + compiling; compiling is skipped (and not counted) when the module came from the cache. */
  loadMs: number;
  fromCache: boolean;
  /** Warnings about the set-up (a missing allowed_paths directory …). */
  warnings: string[];
}

/** Compiled modules by content hash, least recently used first; bounded so an editor session rebuilding a plugin
 * many times does not keep every old module alive. */
const compiled = new Map<string, Promise<WebAssembly.Module>>();
const MAX_COMPILED = 64;

export async function prepareWasm(wasmPath: string, manifest: PluginManifest | undefined, root: string, options: PrepareOptions = {}): Promise<Prepared> {
  const t0 = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = await readFile(wasmPath);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new LoadError(e.code === 'ENOENT'
      ? `${wasmPath} does not exist${manifest ? ': build the plugin first (mockforge-plugin build)' : ''}`
      : `cannot read ${wasmPath}: ${e.message}`);
  }
  const label = wasmPath.split(/[\\/]/).pop() ?? wasmPath;
  let report: InspectReport;
  let parsed;
  try {
    report = inspectBytes(bytes, wasmPath);
    parsed = parseModule(bytes);
  } catch (err) {
    throw new LoadError(`${wasmPath} is not a valid WebAssembly module: ${(err as Error).message}`);
  }
  if (report.binary === 'component') {
    throw new LoadError(`${wasmPath} is a WebAssembly component; the core-module host cannot run it (components are not supported by this runtime yet)`);
  }
  const blocking = report.problems.filter((p) => p.severity === 'error' && (p.message.startsWith('imports ') || p.message.startsWith('standard Go')));
  if (blocking.length > 0) {
    throw new LoadError(`${label} cannot be loaded:\n${blocking.map((p) => `- ${p.message}${p.hint ? `\n  hint: ${p.hint}` : ''}`).join('\n')}`, { problems: blocking });
  }
  const resources = manifest?.capabilities?.resources ?? {};
  const maxMemoryBytes = options.maxMemoryBytes ?? resources.max_memory_bytes ?? DEFAULT_LIMITS.maxMemoryBytes;
  let bounded;
  try {
    bounded = boundMemory(bytes, parsed, maxMemoryBytes);
  } catch (err) {
    throw new LoadError(`${label}: ${(err as Error).message}`);
  }
  const key = createHash('sha256').update(bounded.bytes).digest('hex');
  let fromCache = true;
  let promise = compiled.get(key);
  if (promise) {
    compiled.delete(key);
    compiled.set(key, promise);
  } else {
    fromCache = false;
    promise = WebAssembly.compile(bounded.bytes as Uint8Array<ArrayBuffer>);
    compiled.set(key, promise);
    promise.catch(() => compiled.delete(key));
    if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
  }
  let module: WebAssembly.Module;
  try {
    module = await promise;
  } catch (err) {
    throw new LoadError(`${wasmPath} does not compile: ${(err as Error).message}`);
  }
  const loadMs = performance.now() - t0;

  const warnings: string[] = [];
  const importedMem = parsed.imports.find((i) => i.kind === 'memory');
  const timeouts = [resources.timeout_ms, resources.max_cpu_time_ms].filter((v): v is number => typeof v === 'number');
  const policy: EnginePolicy = {
    config: resolveConfig(manifest, options.config),
    env: environment(manifest, options.env),
    network: networkPolicy(manifest),
    filesystem: filesystemPolicy(manifest, root, warnings),
    maxMemoryBytes,
    maxPages: bounded.maxPages,
    importedMemory: importedMem ? { module: importedMem.module, name: importedMem.name, initial: bounded.initialPages, maximum: bounded.maxPages } : undefined,
    maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes,
    timeoutMs: options.timeoutMs ?? (timeouts.length ? Math.min(...timeouts) : DEFAULT_LIMITS.timeoutMs),
  };
  const plan: EnginePlan = {
    label,
    module,
    abi: planAbi(parsed),
    policy,
    functionNames: [...parsed.functionNames.entries()],
    offsetShift: { from: bounded.shiftFrom, by: bounded.shiftBy },
    sourceMap: await readSourceMap(wasmPath, report.sourceMappingURL),
  };
  return { plan, report, loadMs, fromCache, warnings };
}

export function environment(manifest: PluginManifest | undefined, overrides: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of manifest?.environment ?? []) {
    const value = overrides[v.name] ?? process.env[v.name] ?? v.default;
    if (value !== undefined) env[v.name] = value;
  }
  return env;
}

export function networkPolicy(manifest: PluginManifest | undefined): EnginePolicy['network'] {
  const n = manifest?.capabilities?.network;
  return { allowed: n?.allow_outbound === true || n?.allow_http_outbound === true, hosts: n?.allowed_hosts ?? [] };
}

export function filesystemPolicy(manifest: PluginManifest | undefined, root: string, warnings: string[]): EnginePolicy['filesystem'] {
  const f = manifest?.capabilities?.filesystem;
  const allowRead = f?.allow_read === true;
  const allowWrite = f?.allow_write === true;
  const preopens: Record<string, string> = {};
  if (allowRead || allowWrite) {
    for (const entry of f?.allowed_paths ?? []) {
      const dir = isAbsolute(entry) ? entry : resolve(root, entry);
      if (existsSync(dir) && statSync(dir).isDirectory()) preopens[entry] = dir;
      else warnings.push(`capabilities.filesystem.allowed_paths: "${entry}" is not a directory (${dir}); it is not made available`);
    }
  }
  return { allowRead, allowWrite, preopens };
}

async function readSourceMap(wasmPath: string, url: string | undefined): Promise<string | undefined> {
  if (!url || /^[a-z]+:\/\//i.test(url) && !url.startsWith('file://')) return undefined;
  const file = url.startsWith('file://') ? new URL(url).pathname : resolve(dirname(wasmPath), url);
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

export { WasmFormatError };
