// loadPlugin's path for components: prepare (world check, cached transpile), then a ComponentRuntime. Components
// always run in their own worker (capabilities depend on it), whatever isolation the caller asked for.
import { basename } from 'node:path';
import type { PluginManifest } from '../manifest/types';
import type { LoadOptions, LoadedPlugin, PluginInfo } from '../plugin';
import { PluginLoadError } from '../plugin';
import { LoadError } from '../wasm/prepare';
import { prepareComponent } from './prepare';
import type { Worker } from 'node:worker_threads';
import { ComponentRuntime, takeComponentWorker } from './runtime';

export async function loadComponent(path: string, root: string, manifestPath: string | undefined, manifest: PluginManifest | undefined, options: LoadOptions): Promise<LoadedPlugin> {
  // The worker starts loading its runtime (preview2-shim) while this thread reads, checks and compiles the component.
  let early: Worker | undefined;
  try {
    early = takeComponentWorker();
  } catch {
    early = undefined; // the first call reports why the worker cannot start
  }
  let prepared;
  try {
    prepared = await prepareComponent(path, manifest, root, options);
  } catch (err) {
    void early?.terminate();
    if (err instanceof LoadError) throw new PluginLoadError('load_failed', err.message, err.details);
    throw new PluginLoadError('internal', `loading the component ${path} failed: ${(err as Error).message}`);
  }
  const { plan } = prepared;
  const runtime = new ComponentRuntime(plan, prepared.loadMs, options.onLog, early);
  for (const w of prepared.warnings) options.onLog?.({ level: 'warn', message: w, source: 'host', time: Date.now() });
  const info: PluginInfo = {
    id: manifest?.plugin.id ?? basename(path),
    root,
    manifestPath,
    manifest,
    wasmPath: path,
    isolation: 'worker',
    report: prepared.report,
    loadMs: prepared.loadMs,
    compiledFromCache: prepared.fromCache,
    limits: { maxMemoryBytes: plan.policy.maxMemoryBytes, timeoutMs: plan.policy.timeoutMs, maxOutputBytes: plan.policy.maxOutputBytes },
    warnings: prepared.warnings,
  };
  return {
    kind: 'component',
    info,
    call: (operation, input, callOptions) => runtime.call(operation, input, callOptions),
    dispose: () => runtime.dispose(),
  };
}
