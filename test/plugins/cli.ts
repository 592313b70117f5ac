// Runs the CLI bundle the way a user does and returns what it printed.
import { spawnSync } from 'node:child_process';
import { CLI } from './build';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd?: string, env?: Record<string, string>): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The JSON a command printed on stdout, with the whole output in the error when it is not JSON. */
export function stdoutJson(r: CliResult): unknown {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`expected JSON on stdout (exit ${r.code}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}
