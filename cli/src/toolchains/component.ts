// Component toolchains: ComponentizeJS through `jco componentize` (JavaScript), componentize-py (Python), and a
// core module turned into a component after its own toolchain ran (`component: true`: jco embed + jco new with the
// WASI preview1 adapter). All build against the product's wit/, in the world the manifest's types call for.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { PluginKind } from '../../../host/src/contract/operations';
import type { PluginManifest } from '../../../host/src/manifest/types';
import { isComponentBytes } from '../../../host/src/component/detect';
import { loadJco, preview1AdapterPath } from '../../../host/src/component/vendor';
import { productWitDir, productWitSource } from '../../../host/src/component/wit-model';
import { parseModule } from '../../../host/src/wasm/binary';
import { BuildPlan, BuildRequest, ToolchainMissing, showCommand } from './plan';
import { which } from './which';

const KIND_WORLDS: Record<PluginKind, string> = {
  auth: 'auth-plugin', template: 'template-plugin', response: 'response-plugin', datasource: 'datasource-plugin',
};

export interface ComponentWorldChoice {
  world: string;
  /** A WIT package folder holding the world (the product's wit/, or a copy with the combined world added). */
  witDir: string;
  /** The world's source when it is not part of the product WIT (shown, and passed to jco embed). */
  extra?: string;
}

export class WorldError extends Error {}

/**
 * wasm.build.world, else the world of the manifest's types: one kind → its world, all four → `plugin`, another set →
 * a world that includes each kind's world, written beside the artifact (build/wit/) so the build is reproducible.
 */
export function chooseWorld(manifest: PluginManifest, artifact: string): ComponentWorldChoice {
  const witDir = productWitDir();
  const named = manifest.wasm?.build?.world;
  if (named) {
    const known = [...readFileSync(path.join(witDir, 'worlds.wit'), 'utf8').matchAll(/^world ([a-z][\w-]*)/gm)].map((m) => m[1]);
    if (!known.includes(named)) throw new WorldError(`wasm.build.world "${named}" is not a world of mockforge:plugin (${known.join(', ')})`);
    return { world: named, witDir };
  }
  const kinds = [...new Set(manifest.plugin.types ?? [])].filter((k): k is PluginKind => k in KIND_WORLDS);
  if (kinds.length === 0) throw new WorldError('plugin.types names no kind (auth, template, response, datasource), so there is no world to build against');
  if (kinds.length === 1) return { world: KIND_WORLDS[kinds[0]], witDir };
  if (kinds.length === 4) return { world: 'plugin', witDir };
  const order = Object.keys(KIND_WORLDS) as PluginKind[];
  const sorted = order.filter((k) => kinds.includes(k));
  const world = `${sorted.join('-')}-plugin`;
  const extra = `/// The kinds of plugin.types (${sorted.join(', ')}), written by mockforge-plugin build.\nworld ${world} {\n` +
    sorted.map((k) => `    /// Everything a ${k} plugin imports and exports.\n    include ${KIND_WORLDS[k]};\n`).join('') + '}\n';
  const copy = path.join(path.dirname(artifact), 'wit');
  mkdirSync(copy, { recursive: true });
  for (const f of readdirSync(witDir).filter((x) => x.endsWith('.wit'))) writeFileSync(path.join(copy, f), readFileSync(path.join(witDir, f)));
  writeFileSync(path.join(copy, 'build-world.wit'), extra);
  return { world, witDir: copy, extra };
}

/** jco's command-line entry: beside the plugin (its node_modules), beside this CLI (a checkout), else `jco` on PATH. */
function findJco(dir: string): { command: string; prefix: string[] } | undefined {
  for (const start of [dir, __dirname]) {
    for (let d = path.resolve(start); ; d = path.dirname(d)) {
      const js = path.join(d, 'node_modules', '@bytecodealliance', 'jco', 'dist', 'jco.js');
      if (existsSync(js)) return { command: process.execPath, prefix: [js] };
      if (path.dirname(d) === d) break;
    }
  }
  const bin = which('jco');
  return bin ? { command: bin, prefix: [] } : undefined;
}

const JCO_HINT = 'install jco (it brings ComponentizeJS) beside the plugin: `npm install --save-dev @bytecodealliance/jco@~1.35 ' +
  '@bytecodealliance/preview2-shim@0.26.0` (preview2-shim 0.26.1 makes jco panic on WIT paths), or globally with `npm install -g @bytecodealliance/jco`';

export function planComponentizeJs(req: BuildRequest): BuildPlan {
  const jco = findJco(req.dir);
  if (!jco) throw new ToolchainMissing('jco (ComponentizeJS)', JCO_HINT);
  const { world, witDir } = chooseWorld(req.manifest, req.artifact);
  const source = req.source ?? 'plugin.js';
  // wasi:http stays out unless asked for: outbound HTTP goes through mockforge:plugin/host.http-fetch.
  const features = req.flags.some((f) => f === '--enable' || f === '--disable' || f === '-d') ? [] : ['--disable', 'http'];
  const args = ['componentize', source, '--wit', witDir, '--world-name', world, '--out', path.relative(req.dir, req.artifact), ...features, ...req.flags];
  return { steps: [{ command: jco.command, args: [...jco.prefix, ...args], cwd: req.dir }], display: showCommand(undefined, 'jco', args) };
}

export function planComponentizePy(req: BuildRequest): BuildPlan {
  const bin = process.env.COMPONENTIZE_PY ?? which('componentize-py');
  if (!bin) throw new ToolchainMissing('componentize-py', 'install it from PyPI: `pip install componentize-py` (it bundles CPython; no other tool is needed)');
  const { world, witDir } = chooseWorld(req.manifest, req.artifact);
  const source = req.source ?? 'app.py';
  // componentize-py takes the module name: app.py → app, pkg/handlers.py → pkg.handlers.
  const module = source.replace(/\.py$/, '').split(/[\\/]/).join('.');
  const args = ['-d', witDir, '-w', world, 'componentize', ...req.flags, module, '-o', path.relative(req.dir, req.artifact)];
  return { steps: [{ command: bin, args, cwd: req.dir }], display: showCommand(undefined, 'componentize-py', args) };
}

/**
 * `component: true`: the core module at `artifact` → a component in its place (jco embed + jco new). A module that
 * imports wasi_snapshot_preview1 gets the preview1 adapter (command when it exports _start, else reactor).
 * Returns what was done, for the build report.
 */
export async function coreToComponent(artifact: string, manifest: PluginManifest): Promise<string> {
  const core = readFileSync(artifact);
  if (isComponentBytes(core)) return 'already a component';
  const { world, extra } = chooseWorld(manifest, artifact);
  const parsed = parseModule(core);
  const wasi = parsed.imports.some((i) => i.module === 'wasi_snapshot_preview1');
  const kind = parsed.exports.some((e) => e.name === '_start') ? 'command' : 'reactor';
  const adapters: Array<[string, Uint8Array]> = [];
  if (wasi) {
    const file = preview1AdapterPath(kind);
    if (!file) throw new ToolchainMissing(`the WASI preview1 ${kind} adapter`, JCO_HINT);
    adapters.push(['wasi_snapshot_preview1', readFileSync(file)]);
  }
  const jco = await loadJco();
  const witSource = productWitSource() + (extra ? `\n${extra}` : '');
  let component: Uint8Array;
  try {
    const embedded = await jco.componentEmbed({ binary: core, witSource, world });
    component = await jco.componentNew(embedded, adapters);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ComponentNewError(`jco new: the core module does not implement the world ${world}: ${message}`);
  }
  writeFileSync(artifact, component);
  return `jco embed + new, world ${world}${wasi ? `, WASI preview1 ${kind} adapter` : ''}`;
}

export class ComponentNewError extends Error {}
