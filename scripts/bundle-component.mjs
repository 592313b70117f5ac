// The component runtime's ES-module dependencies bundled into dist/component/, so the packaged extension and CLI run
// components without a node_modules (the .vsix is packaged with --no-dependencies):
//   shim.js  — @bytecodealliance/preview2-shim 0.26.0 (what each component worker loads; one file, not ~40 modules)
//   jco.js   — jco-transpile's bindgen and wasm-tools (transpile on a cache miss, componentWit, embed/new for `build`)
// plus the files those modules open beside themselves through import.meta.url: the shim's I/O worker, the tools'
// core wasm, and the WASI preview1 adapters `build` uses to turn a core module into a component.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = 'dist/component';

function packageDir(name) {
  // Both packages restrict their exports; their package.json is reachable through the resolver's paths.
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    try {
      require.resolve(join(dir, 'package.json'));
      return dir;
    } catch {
      // not here
    }
  }
  throw new Error(`${name} is not installed (npm install)`);
}

/**
 * The shim starts its I/O worker (a second thread that loads worker-thread.bundle.js) as soon as it is imported,
 * in every component worker, though only file streams, sockets, HTTP and polling use it — most plugins never do
 * (their stdin is closed by the host, stdout/stderr are written directly). Started on the first call through it
 * instead: one thread fewer competing with the component's start on a 2-core machine.
 */
const lazyIoWorker = {
  name: 'lazy-io-worker',
  setup(build) {
    build.onLoad({ filter: /preview2-shim[\\/]dist[\\/]synckit[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = 'export function createSyncFn(';
      if (!source.includes(eager)) throw new Error(`${args.path}: createSyncFn not found (preview2-shim changed): update lazyIoWorker`);
      const contents = source.replace(eager, 'function createSyncFnNow(') + `
export function createSyncFn(createWorker, debug, callbackHandler) {
    let syncFn;
    return (...args) => (syncFn ??= createSyncFnNow(createWorker, debug, callbackHandler))(...args);
}
`;
      return { contents, loader: 'js' };
    });
  },
};

export async function bundleComponentRuntime({ production = false } = {}) {
  const shim = packageDir('@bytecodealliance/preview2-shim');
  const transpile = packageDir('@bytecodealliance/jco-transpile');
  const jco = packageDir('@bytecodealliance/jco');
  mkdirSync(OUT, { recursive: true });
  const entries = {
    shim: `export { _clearPreopens, _addPreopen } from '@bytecodealliance/preview2-shim/filesystem';
export { _setEnv, _setArgs, _setCwd } from '@bytecodealliance/preview2-shim/cli';
export { WASIShim } from '@bytecodealliance/preview2-shim/instantiation';`,
    // transpile.js itself is not taken: it imports oxc-minify (a native addon) for an option the host never uses.
    jco: `export { $init as bindgenReady, generate } from ${JSON.stringify(join(transpile, 'vendor', 'js-component-bindgen-component.js'))};
export { componentWit, componentEmbed, componentNew } from ${JSON.stringify(join(transpile, 'dist', 'wasm-tools.js'))};`,
  };
  // The entry files live inside the checkout (out/ is not shipped) so their bare imports resolve from node_modules.
  const dir = join('out', '.component-entries');
  mkdirSync(dir, { recursive: true });
  for (const [name, source] of Object.entries(entries)) writeFileSync(join(dir, `${name}.mjs`), source + '\n');
  const result = await esbuild.build({
    plugins: [lazyIoWorker],
    entryPoints: Object.keys(entries).map((name) => ({ in: join(dir, `${name}.mjs`), out: name })),
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Only the shim's fadvise reaches for this native addon, lazily; components never call it.
    external: ['@bytecodealliance/jco-node-fs'],
    minify: production,
    sourcemap: false,
    logLevel: 'warning',
    metafile: true,
  });
  // Shared chunks are content-named: drop the ones an earlier build left behind (they would ship in the .vsix).
  const outputs = new Set(Object.keys(result.metafile.outputs).map((f) => basename(f)));
  for (const f of readdirSync(OUT)) if (/^chunk-\w+\.js$/.test(f) && !outputs.has(f)) rmSync(join(OUT, f), { force: true });
  // Node reads dist/component/*.js as ES modules only with this marker (dist/ itself is CommonJS).
  writeFileSync(join(OUT, 'package.json'), '{"type": "module"}\n');
  const copies = [
    [join(shim, 'dist', 'io', 'worker-thread.bundle.js'), 'worker-thread.bundle.js'],
    ...['js-component-bindgen-component.core.wasm', 'js-component-bindgen-component.core2.wasm', 'wasm-tools.core.wasm', 'wasm-tools.core2.wasm']
      .map((f) => [join(transpile, 'vendor', f), f]),
    [join(jco, 'lib', 'wasi_snapshot_preview1.reactor.wasm'), 'wasi_snapshot_preview1.reactor.wasm'],
    [join(jco, 'lib', 'wasi_snapshot_preview1.command.wasm'), 'wasi_snapshot_preview1.command.wasm'],
  ];
  for (const [from, to] of copies) copyFileSync(from, join(OUT, to));
  return dirname(OUT);
}
