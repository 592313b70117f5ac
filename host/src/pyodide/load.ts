// loadPlugin's path for `plugin.runtime: pyodide`: the entry file and the plugin's other .py files are read, the
// Python SDK (sdk/python/mockforge_plugin, the same classes as remote plugins) and the runtime glue are added, and
// one warm interpreter per plugin runs in its own sandboxed process. A change to the plugin's .py files restarts it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConfig } from '../manifest/config';
import { DEFAULT_LIMITS, PluginManifest } from '../manifest/types';
import type { LoadOptions, LoadedPlugin, PluginInfo } from '../plugin';
import { PluginLoadError } from '../plugin';
import { environment, filesystemPolicy, networkPolicy } from '../wasm/prepare';
import { pyodideChildPath, pyodideIndexURL, runtimeFiles } from './files';
import type { PyodidePlan } from './plan';
import { PyodideProcessRuntime } from './process-runtime';
import { dropSnapshot, snapshotExists, snapshotFile, writeSnapshot } from './snapshot';
import { FileStamps } from './stamps';

/** Python interpreters need far more than a core module: the default when the manifest sets no max_memory_bytes. */
export const PYODIDE_DEFAULT_MEMORY = 512 * 1024 * 1024;

function pyFiles(dir: string, base = dir, out: Record<string, string> = {}, depth = 0): Record<string, string> {
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === '__pycache__' || name === 'node_modules' || name === 'venv') continue;
    const abs = join(dir, name);
    const st = statSync(abs);
    if (st.isDirectory() && depth < 3 && existsSync(join(abs, '__init__.py'))) pyFiles(abs, base, out, depth + 1);
    else if (st.isFile() && name.endsWith('.py')) out[relative(base, abs).split('\\').join('/')] = readFileSync(abs, 'utf8');
  }
  return out;
}

// Kept importable from here (the tests and other callers reach them through load).
export { pyodideChildPath, runtimeFiles };

export async function loadPyodidePlugin(root: string, manifestPath: string, manifest: PluginManifest, options: LoadOptions): Promise<LoadedPlugin> {
  const t0 = performance.now();
  const entryRel = manifest.pyodide?.entry;
  if (!entryRel) throw new PluginLoadError('load_failed', `${manifestPath}: plugin.runtime is pyodide but pyodide.entry (the plugin's .py file) is missing`);
  const entry = resolve(root, entryRel);
  if (!existsSync(entry)) throw new PluginLoadError('load_failed', `${manifestPath}: pyodide.entry ${entryRel} does not exist (${entry})`);
  let indexURL: string;
  let files: Record<string, string>;
  try {
    indexURL = pyodideIndexURL();
    files = runtimeFiles();
  } catch (err) {
    throw new PluginLoadError('load_failed', `Pyodide is not available to this host: ${(err as Error).message} (npm install pyodide)`);
  }
  const warnings: string[] = [];
  const resources = manifest.capabilities?.resources ?? {};
  const timeouts = [resources.timeout_ms, resources.max_cpu_time_ms].filter((v): v is number => typeof v === 'number');
  const label = relative(root, entry) || entryRel;
  const plan: PyodidePlan = {
    label,
    entry: relative(root, entry).split('\\').join('/'),
    sources: pyFiles(root),
    runtimeFiles: files,
    indexURL,
    policy: {
      config: resolveConfig(manifest, options.config),
      env: environment(manifest, options.env),
      network: networkPolicy(manifest),
      filesystem: filesystemPolicy(manifest, root, warnings),
      maxMemoryBytes: options.maxMemoryBytes ?? resources.max_memory_bytes ?? PYODIDE_DEFAULT_MEMORY,
      maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes,
      timeoutMs: options.timeoutMs ?? (timeouts.length ? Math.min(...timeouts) : DEFAULT_LIMITS.timeoutMs),
    },
  };
  let script: string;
  try {
    script = pyodideChildPath();
  } catch (err) {
    throw new PluginLoadError('load_failed', (err as Error).message);
  }
  const snapshot = snapshotFile(indexURL, files);
  const stamps = new FileStamps(root);
  const runtime = new PyodideProcessRuntime({
    label, timeoutMs: plan.policy.timeoutMs, script,
    plan: () => ({ ...plan, snapshot: { file: snapshot, make: !snapshotExists(snapshot) } }),
    onSnapshot: (bytes) => writeSnapshot(snapshot, bytes),
    onSnapshotUnusable: () => dropSnapshot(snapshot),
    // Reload on change: the next call after an edit starts a fresh interpreter with the new files.
    stale: () => {
      if (!stamps.changed()) return false;
      stamps.refresh();
      plan.sources = pyFiles(root);
      return true;
    },
  }, performance.now() - t0, options.onLog);
  for (const w of warnings) options.onLog?.({ level: 'warn', message: w, source: 'host', time: Date.now() });
  const info: PluginInfo = {
    id: manifest.plugin.id,
    root,
    manifestPath,
    manifest,
    wasmPath: entry,
    isolation: 'worker',
    report: {
      file: entry, size: 0, sha256: '', binary: 'core-module', language: 'unknown', evidence: ['plugin.runtime: pyodide (Python under Pyodide)'],
      abi: 'none', initialize: false, operations: [], imports: [], exports: [], customSections: [], producers: {}, problems: [],
    },
    loadMs: performance.now() - t0,
    compiledFromCache: false,
    limits: { maxMemoryBytes: plan.policy.maxMemoryBytes, timeoutMs: plan.policy.timeoutMs, maxOutputBytes: plan.policy.maxOutputBytes },
    warnings,
  };
  return {
    kind: 'pyodide',
    info,
    call: (operation, input, callOptions) => runtime.call(operation, input, callOptions),
    dispose: async () => {
      stamps.close();
      await runtime.dispose();
    },
  };
}
