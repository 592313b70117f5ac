// Runs the `mockforge-plugin` CLI bundle (dist/cli.js) — the same engine the command line uses — as a child process.
// No vscode import: the editor passes in paths and a log sink, so this is usable (and tested) outside VS Code.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Written to the CLI's stdin (e.g. a request body for `run --input -`). */
  input?: string;
  /** Aborts the child (SIGTERM) when signalled. */
  signal?: AbortSignal;
}

/** The feature behind a CLI command has not landed in this build: the command says so instead of pretending. */
export class EngineUnavailableError extends Error {}

/** The CLI could not run at all (bundle missing, spawn failure). */
export class EngineMissingError extends Error {}

const NOT_AVAILABLE = /not available in this version yet/;

/**
 * How to start a Node script from inside the extension host: its own executable. Under desktop VS Code that is
 * Electron, which behaves as plain Node with ELECTRON_RUN_AS_NODE=1; under code-server it already is Node.
 */
export function nodeRunner(): { command: string; extraEnv: Record<string, string> } {
  return { command: process.execPath, extraEnv: { ELECTRON_RUN_AS_NODE: '1' } };
}

export class Engine {
  constructor(readonly cliPath: string, private readonly log: (line: string) => void = () => undefined) {}

  get available(): boolean {
    return existsSync(this.cliPath);
  }

  /** Runs `mockforge-plugin <args>`; resolves with its exit code and output, whatever the code. */
  run(args: string[], options: CliOptions = {}): Promise<CliResult> {
    if (!this.available) {
      return Promise.reject(new EngineMissingError(`The MockForge CLI bundle is missing (${this.cliPath}). Run \`npm run build\` in the extension folder.`));
    }
    if (options.cwd && !existsSync(options.cwd)) {
      return Promise.reject(new Error(`Cannot run mockforge-plugin ${args[0] ?? ''}: the folder ${options.cwd} does not exist.`));
    }
    const { command, extraEnv } = nodeRunner();
    const env = { ...process.env, ...extraEnv };
    this.log(`$ mockforge-plugin ${args.map(quote).join(' ')}${options.cwd ? `   (in ${options.cwd})` : ''}`);
    return new Promise((resolve, reject) => {
      const child = spawn(command, [this.cliPath, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => out.push(d));
      child.stderr.on('data', (d: Buffer) => err.push(d));
      child.on('error', (e) => reject(new EngineMissingError(`Could not start the MockForge CLI: ${e.message}`)));
      child.on('close', (code, signal) => {
        const result = { code: code ?? (signal ? 130 : 2), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
        this.log(`exit ${result.code}${signal ? ` (${signal})` : ''}`);
        resolve(result);
      });
      child.stdin.on('error', () => undefined); // the CLI may exit before reading its input
      child.stdin.end(options.input ?? '');
    });
  }

  /** Like run(), but a command whose feature is not in this build becomes an EngineUnavailableError. */
  async runAvailable(args: string[], options: CliOptions = {}): Promise<CliResult> {
    const result = await this.run(args, options);
    if (result.code === 2 && NOT_AVAILABLE.test(result.stderr)) {
      throw new EngineUnavailableError(result.stderr.trim());
    }
    return result;
  }
}

function quote(arg: string): string {
  return /^[\w./:=@+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
