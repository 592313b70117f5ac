// Turns a component file (+ its manifest) into a ComponentPlan: read, check its world against the product WIT,
// transpile with jco (async instantiation) once per content hash, derive the same capability policy as core modules.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { DEFAULT_LIMITS, PluginManifest } from '../manifest/types';
import { resolveConfig } from '../manifest/config';
import { LoadError, PrepareOptions, environment, filesystemPolicy, networkPolicy } from '../wasm/prepare';
import type { InspectReport } from '../wasm/inspect';
import { CachedTranspile, componentCacheDir, readCached, writeCached } from './cache';
import { loadJco } from './vendor';
import { isComponentBytes } from './detect';
import { readHeader } from './header';
import { ComponentIdentity, identify } from './identity';
import { existsSync } from 'node:fs';
import { compileCoreModules } from './modules';
import { ensureScript } from './script';
import { ComponentWorld, checkDeclarations, checkWorld } from './world';
import { productWitDir, productWitModel } from './wit-model';
import type { ComponentPlan } from './plan';

export interface PreparedComponent {
  plan: ComponentPlan;
  world: ComponentWorld;
  report: InspectReport;
  loadMs: number;
  /** The transpilation came from the on-disk cache (core modules are compiled once per process on top of it). */
  fromCache: boolean;
  warnings: string[];
}

/** Bumped when the way components are transpiled changes, so older cache entries are not reused. */
const TRANSPILE_VERSION = 'jco-1.35-async-v2';

export async function readComponentWorld(bytes: Uint8Array): Promise<ComponentWorld> {
  const jco = await loadJco();
  return checkWorld(await jco.componentWit(bytes), productWitModel());
}

async function transpiled(path: string, id: ComponentIdentity, label: string): Promise<{ cached: CachedTranspile; fromCache: boolean }> {
  const key = createHash('sha256').update(TRANSPILE_VERSION).update(id.sha256).digest('hex').slice(0, 32);
  const hit = readCached(key);
  if (hit) return { cached: hit, fromCache: true };
  const bytes = id.bytes ?? await readFile(path);
  const jco = await loadJco();
  let wit: string;
  let files: Record<string, Uint8Array>;
  try {
    wit = await jco.componentWit(bytes);
    files = await jco.transpile(bytes);
  } catch (err) {
    throw new LoadError(`${label} is not a valid WebAssembly component: ${(err as Error).message ?? String(err)}`);
  }
  files['world.wit'] = Buffer.from(wit, 'utf8');
  return { cached: writeCached(key, files), fromCache: false };
}

export async function prepareComponent(path: string, manifest: PluginManifest | undefined, root: string, options: PrepareOptions = {}): Promise<PreparedComponent> {
  const t0 = performance.now();
  let id: ComponentIdentity;
  try {
    if (!isComponentBytes(readHeader(path)) && existsSync(path)) throw new LoadError(`${path} is not a WebAssembly component`);
    id = await identify(path);
  } catch (err) {
    if (err instanceof LoadError) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new LoadError(e.code === 'ENOENT' ? `${path} does not exist${manifest ? ': build the plugin first' : ''}` : `cannot read ${path}: ${e.message}`);
  }
  const label = path.split(/[\\/]/).pop() ?? path;
  const { cached, fromCache } = await transpiled(path, id, label);
  const model = productWitModel();
  const world = checkWorld(cached.worldWit, model);
  world.problems.push(...checkDeclarations(cached.declarations, world, model));
  if (world.problems.length > 0) {
    throw new LoadError(`${label} does not implement a world of ${model.package} this host can call:\n${world.problems.map((p) => `- ${p}`).join('\n')}`,
      { world: world.wit, problems: world.problems });
  }
  const warnings: string[] = [];
  const resources = manifest?.capabilities?.resources ?? {};
  const timeouts = [resources.timeout_ms, resources.max_cpu_time_ms].filter((v): v is number => typeof v === 'number');
  const maxMemoryBytes = options.maxMemoryBytes ?? resources.max_memory_bytes ?? DEFAULT_LIMITS.maxMemoryBytes;
  const compiledModules = compileCoreModules(cached.dir, maxMemoryBytes);
  let modules: Record<string, WebAssembly.Module>;
  try {
    modules = await compiledModules.modules;
  } catch (err) {
    throw new LoadError(`${label}: ${(err as Error).message}`);
  }
  const plan: ComponentPlan = {
    modules,
    label,
    jsFile: cached.jsFile,
    scriptFile: ensureScript(cached.dir, cached.jsFile),
    cacheDir: cached.dir,
    witDir: productWitDir(),
    model,
    interfaces: world.interfaces,
    policy: {
      config: resolveConfig(manifest, options.config),
      env: environment(manifest, options.env),
      network: networkPolicy(manifest),
      filesystem: filesystemPolicy(manifest, root, warnings),
      maxMemoryBytes,
      maxOutputBytes: DEFAULT_LIMITS.maxOutputBytes,
      timeoutMs: options.timeoutMs ?? (timeouts.length ? Math.min(...timeouts) : DEFAULT_LIMITS.timeoutMs),
    },
  };
  const report: InspectReport = {
    file: path, size: id.size, sha256: id.sha256, binary: 'component', language: 'unknown', evidence: ['component-model binary header'],
    abi: 'none', initialize: false, operations: [], imports: [], exports: [], customSections: [], producers: {}, problems: [],
    world: { wit: world.wit, imports: world.imports, exports: world.exports },
  };
  return { plan, world, report, loadMs: performance.now() - t0, fromCache, warnings };
}

export { componentCacheDir };
