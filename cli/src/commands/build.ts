// `mockforge-plugin build`: runs the toolchain the manifest names, streaming the compiler's output unchanged (the
// editor's problem matchers read it), then reports the artifact, its size and what the module looks like.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Command, InputError, UsageError } from '../command';
import { ManifestError, readManifest } from '../../../host/src/manifest/read';
import type { Toolchain } from '../../../host/src/manifest/types';
import { inspectBytes } from '../../../host/src/wasm/inspect';
import { BUILDABLE, planBuild } from '../toolchains';
import { BuildStep, ToolchainMissing } from '../toolchains/plan';
import { ComponentNewError, WorldError, chooseWorld, coreToComponent } from '../toolchains/component';
import { isComponentBytes } from '../../../host/src/component/detect';
import { readComponentWorld } from '../../../host/src/component/prepare';

const usage = `Usage: mockforge-plugin build [dir|plugin.yaml] [--toolchain NAME] [--release]

Builds the plugin with the toolchain its manifest names (wasm.build.toolchain) and reports the artifact.

Options:
  --toolchain NAME  build with another toolchain than the manifest's: ${BUILDABLE.join(', ')}
                    (e.g. --toolchain go for a TinyGo project when TinyGo is not installed)
  --release         optimised build, debug information stripped`;

export function resolveManifestPath(target: string): string {
  const abs = path.resolve(target);
  if (!existsSync(abs)) throw new InputError(`${target}: no such file or directory`);
  if (statSync(abs).isDirectory()) {
    for (const name of ['plugin.yaml', 'plugin.yml']) {
      if (existsSync(path.join(abs, name))) return path.join(abs, name);
    }
    throw new InputError(`${target}: no plugin.yaml in this folder`);
  }
  return abs;
}

function runStep(step: BuildStep): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(step.command, step.args, {
      cwd: step.cwd,
      env: { ...process.env, ...step.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function kib(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(2)} MiB`;
}

/** A built component: the world it exports, checked against the product WIT the way the host will check it. */
async function reportComponent(bytes: Uint8Array, head: string): Promise<number> {
  const world = await readComponentWorld(bytes);
  process.stdout.write(`${head}: component, exports ${world.interfaces.join(', ') || 'no mockforge:plugin interface'}\n`);
  for (const p of world.problems) process.stdout.write(`  error: ${p}\n`);
  return world.problems.length ? 1 : 0;
}

/** `component: true`: the core module just built becomes a component in place (jco embed + new). */
async function componentStep(artifact: string, manifest: Parameters<typeof coreToComponent>[1]): Promise<number> {
  try {
    process.stderr.write(`component: ${await coreToComponent(artifact, manifest)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof ToolchainMissing) {
      process.stderr.write(`mockforge-plugin build: ${err.message}.\n  hint: ${err.hint}\n`);
      return 2;
    }
    if (err instanceof ComponentNewError || err instanceof WorldError) {
      process.stderr.write(`mockforge-plugin build: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build a plugin with the toolchain its manifest names',
  usage,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { toolchain: { type: 'string' }, release: { type: 'boolean', default: false } },
    });
    if (positionals.length > 1) throw new UsageError('give at most one plugin folder or plugin.yaml');
    const manifestPath = resolveManifestPath(positionals[0] ?? '.');
    let manifest;
    try {
      manifest = await readManifest(manifestPath);
    } catch (err) {
      if (err instanceof ManifestError) throw new InputError(err.message);
      throw err;
    }
    const dir = path.dirname(manifestPath);
    const runtime = manifest.plugin.runtime ?? 'wasm';
    if (runtime !== 'wasm' || !manifest.wasm) {
      process.stdout.write(`${manifest.plugin.id} is a ${runtime} plugin: there is nothing to build.\n`);
      return 0;
    }
    const toolchain = (values.toolchain ?? manifest.wasm.build?.toolchain) as Toolchain | undefined;
    if (!toolchain) throw new InputError(`${manifestPath}: wasm.build.toolchain is not set, so there is no build to run (pass --toolchain)`);
    if (!(BUILDABLE as readonly string[]).includes(toolchain)) {
      throw new UsageError(`unknown toolchain "${toolchain}": use one of ${BUILDABLE.join(', ')}`);
    }
    const artifact = path.resolve(dir, manifest.wasm.path);
    let plan;
    try {
      // The world is settled before any compiler runs: a wrong wasm.build.world is an input error, not a failed build.
      if (manifest.wasm.build?.component) chooseWorld(manifest, artifact);
      plan = planBuild(toolchain, {
        dir, manifest, artifact, source: manifest.wasm.build?.source, flags: manifest.wasm.build?.flags ?? [], release: values.release,
      });
    } catch (err) {
      if (err instanceof ToolchainMissing) {
        process.stderr.write(`mockforge-plugin build: ${err.message}.\n  hint: ${err.hint}\n`);
        return 2;
      }
      if (err instanceof WorldError) throw new InputError(`${manifestPath}: ${err.message}`);
      throw err;
    }
    mkdirSync(path.dirname(artifact), { recursive: true });
    process.stderr.write(`$ ${plan.display}\n`);
    const started = process.hrtime.bigint();
    for (const step of plan.steps) {
      const code = await runStep(step);
      if (code !== 0) {
        process.stderr.write(`mockforge-plugin build: ${toolchain} failed (exit ${code})\n`);
        return 1;
      }
      if (step.copyFrom) copyFileSync(step.copyFrom, artifact);
    }
    if (!existsSync(artifact)) {
      process.stderr.write(`mockforge-plugin build: ${toolchain} succeeded but ${manifest.wasm.path} was not written\n`);
      return 1;
    }
    if (manifest.wasm.build?.component) {
      const code = await componentStep(artifact, manifest);
      if (code !== 0) return code;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const bytes = readFileSync(artifact);
    const rel = path.relative(process.cwd(), artifact);
    const shown = rel && !rel.startsWith('..') ? rel : artifact;
    if (isComponentBytes(bytes)) return reportComponent(bytes, `built ${shown} (${kib(bytes.length)}) in ${seconds.toFixed(1)} s`);
    const report = inspectBytes(bytes, artifact);
    const ops = report.operations.map((o) => o.operation).join(', ') || 'no operations';
    process.stdout.write(`built ${shown} (${kib(bytes.length)}) in ${seconds.toFixed(1)} s: ${report.language}, ${report.binary}, ABI ${report.abi}, exports ${ops}\n`);
    for (const p of report.problems) process.stdout.write(`  ${p.severity}: ${p.message}${p.hint ? ` (hint: ${p.hint})` : ''}\n`);
    return 0;
  },
};
