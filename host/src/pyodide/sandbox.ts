// How the Pyodide process is started: Node's permission model with reads limited to what the plugin needs, writes
// only to allowed_paths when allow_write is granted, no child processes, no workers, no code from strings, and an
// empty environment (the manifest's variables reach Python through the plan, not through the process).
import { realpathSync } from 'node:fs';
import type { PyodidePlan } from './plan';

export interface SandboxCommand {
  args: string[];
  env: Record<string, string>;
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Node 22.13+/23.5+ spell the permission model `--permission`; Node 20 only knows `--experimental-permission`. */
export function permissionFlag(version = process.versions.node): string {
  const [major, minor] = version.split('.').map(Number);
  return major >= 24 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

export function sandboxCommand(script: string, plan: PyodidePlan): SandboxCommand {
  const reads = [real(plan.indexURL.replace(/\/$/, '')), real(script)];
  if (plan.snapshot && !plan.snapshot.make) reads.push(real(plan.snapshot.file));
  const writes: string[] = [];
  const fsPolicy = plan.policy.filesystem;
  if (fsPolicy.allowRead || fsPolicy.allowWrite) {
    for (const dir of Object.values(fsPolicy.preopens)) {
      reads.push(real(dir));
      if (fsPolicy.allowWrite) writes.push(real(dir));
    }
  }
  const args = [
    permissionFlag(),
    ...reads.map((p) => `--allow-fs-read=${p}`),
    ...writes.map((p) => `--allow-fs-write=${p}`),
    '--disallow-code-generation-from-strings',
    '--disable-warning=ExperimentalWarning',
    // Bounds the JS heap (objects a plugin makes through the FFI); wasm memory is checked after each call.
    '--max-old-space-size=512',
    script,
  ];
  // Inside VS Code process.execPath is Electron's binary: it runs as plain Node only with this variable.
  return { args, env: process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {} };
}
