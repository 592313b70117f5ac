// Where the component runtime's ES-module dependencies come from: the bundles in dist/component/ (built by
// scripts/bundle-component.mjs and shipped in the .vsix, so no node_modules is needed), else the packages in
// node_modules (a checkout compiled by tsc alone). Both are loaded once per thread, on first use.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importEsm } from './esm';

export interface Shim {
  _clearPreopens(): void;
  _addPreopen(guest: string, host: string): void;
  _setEnv(env: Record<string, string>): void;
  _setArgs(args: string[]): void;
  _setCwd(cwd: string): void;
  WASIShim: new (config: Record<string, unknown>) => { getImportObject(): Record<string, Record<string, unknown>> };
}

export interface EmbedOptions {
  binary: Uint8Array;
  witSource: string;
  world: string;
}

export interface JcoTools {
  componentWit(bytes: Uint8Array): Promise<string>;
  componentEmbed(opts: EmbedOptions): Promise<Uint8Array>;
  componentNew(bytes: Uint8Array, adapters?: Array<[string, Uint8Array]>): Promise<Uint8Array>;
  /** jco transpile --instantiation async --name plugin: the files by name. */
  transpile(bytes: Uint8Array): Promise<Record<string, Uint8Array>>;
}

/** dist/component beside this bundle (dist/*.js), or in the checkout above the tsc output (out/host/src/component). */
export function componentVendorDir(from = __dirname): string | undefined {
  if (existsSync(join(from, 'component', 'shim.js'))) return join(from, 'component');
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'dist', 'component', 'shim.js'))) return join(dir, 'dist', 'component');
    if (dirname(dir) === dir) return undefined;
  }
}

let shim: Promise<Shim> | undefined;

export function loadShim(): Promise<Shim> {
  shim ??= (async () => {
    const vendor = componentVendorDir();
    if (vendor) return importEsm<Shim>(join(vendor, 'shim.js'));
    const [fs, cli, inst] = await Promise.all([
      importEsm<Pick<Shim, '_clearPreopens' | '_addPreopen'>>('@bytecodealliance/preview2-shim/filesystem'),
      importEsm<Pick<Shim, '_setEnv' | '_setArgs' | '_setCwd'>>('@bytecodealliance/preview2-shim/cli'),
      importEsm<Pick<Shim, 'WASIShim'>>('@bytecodealliance/preview2-shim/instantiation'),
    ]);
    return { ...fs, ...cli, ...inst };
  })();
  return shim;
}

interface Bundled {
  bindgenReady: Promise<void>;
  generate(component: Uint8Array, opts: Record<string, unknown>): { files: Array<[string, Uint8Array]> };
  componentWit: JcoTools['componentWit'];
  componentEmbed: JcoTools['componentEmbed'];
  componentNew: JcoTools['componentNew'];
}

interface JcoPackage extends Omit<JcoTools, 'transpile'> {
  transpile(bytes: Uint8Array, opts: Record<string, unknown>): Promise<{ files: Record<string, Uint8Array> }>;
}

/**
 * The options `jco transpile --instantiation async --name plugin` passes to js-component-bindgen (jco 1.35,
 * cmd/transpile.js → jco-transpile transpileBytes); the same options give the same files, so cached
 * transpilations stay valid whichever way they were made.
 */
const GENERATE_OPTIONS = {
  name: 'plugin', map: [], instantiation: { tag: 'async' }, asyncMode: undefined, importBindings: undefined,
  validLiftingOptimization: false, tracing: false, noComponentErrorWrapping: false, noNodejsCompat: false,
  noTypescript: false, tlaCompat: false, base64Cutoff: 5000, noNamespacedExports: false, multiMemory: false,
  bindgenEnableWasmExnref: false, strict: false, flagsAsBigint: false, variantsInlineCases: false,
  useNamespaceObjects: false, enumValuesScreamingSnakeCase: false, idlImports: false, asmjs: false,
};

let jco: Promise<JcoTools> | undefined;

export function loadJco(): Promise<JcoTools> {
  jco ??= (async (): Promise<JcoTools> => {
    const vendor = componentVendorDir();
    if (vendor) {
      const b = await importEsm<Bundled>(join(vendor, 'jco.js'));
      return {
        componentWit: b.componentWit, componentEmbed: b.componentEmbed, componentNew: b.componentNew,
        async transpile(bytes) {
          await b.bindgenReady;
          return Object.fromEntries(b.generate(bytes, { ...GENERATE_OPTIONS }).files);
        },
      };
    }
    const p = await importEsm<JcoPackage>('@bytecodealliance/jco');
    return {
      componentWit: p.componentWit, componentEmbed: p.componentEmbed, componentNew: p.componentNew,
      transpile: async (bytes) => (await p.transpile(bytes, { name: 'plugin', instantiation: 'async', noTypescript: false, quiet: true })).files,
    };
  })();
  return jco;
}

/** The WASI preview1 adapter `jco new` uses for a core module that imports wasi_snapshot_preview1. */
export function preview1AdapterPath(kind: 'reactor' | 'command'): string | undefined {
  const name = `wasi_snapshot_preview1.${kind}.wasm`;
  const vendor = componentVendorDir();
  if (vendor && existsSync(join(vendor, name))) return join(vendor, name);
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', '@bytecodealliance', 'jco', 'lib', name);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
