// What every toolchain adapter produces: the exact process to run for a build, and the error for a missing compiler.
import type { PluginManifest } from '../../../host/src/manifest/types';

export interface BuildRequest {
  /** Folder of plugin.yaml; compilers run here so their file:line output is relative to it (problem matchers). */
  dir: string;
  manifest: PluginManifest;
  /** Absolute path of the artifact (wasm.path resolved against dir). */
  artifact: string;
  /** wasm.build.source (relative to dir), when given. */
  source?: string;
  /** wasm.build.flags. */
  flags: string[];
  release: boolean;
}

export interface BuildStep {
  command: string;
  args: string[];
  cwd: string;
  env?: Record<string, string>;
  /** After the step: copy this file to the artifact (cargo writes into target/). */
  copyFrom?: string;
}

export interface BuildPlan {
  steps: BuildStep[];
  /** How the command line is shown to the user. */
  display: string;
}

export class ToolchainMissing extends Error {
  constructor(toolchain: string, public readonly hint: string) {
    super(`${toolchain} is not installed or not on PATH`);
  }
}

/** Shell-like rendering of a command line for display. */
export function showCommand(env: Record<string, string> | undefined, command: string, args: string[]): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);
  const prefix = env ? Object.entries(env).map(([k, v]) => `${k}=${q(v)} `).join('') : '';
  return prefix + [command, ...args].map(q).join(' ');
}
