// `remote.dev`: starts the plugin service on this machine when its loopback endpoint is not answering, waits until
// its health check passes, and stops it (its whole process group) on dispose or when this process exits.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { DevService } from './config';
import { delay } from './backoff';

const OUTPUT_KEEP_BYTES = 8 * 1024;
const POLL_MS = 100;

export class DevServiceError extends Error {}

/** Services started and not yet stopped (their process groups may outlive the shell that started them). */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every service this process started, synchronously, when it exits (services never outlive the caller). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
  });
}

export class DevServiceProcess {
  private output = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exitPromise: Promise<void>;

  private constructor(private readonly child: ChildProcess, readonly spec: DevService) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-OUTPUT_KEEP_BYTES);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
      child.once('error', (err) => {
        this.output += `\n${err.message}`;
        this.exited ??= { code: null, signal: null };
        resolve();
      });
    });
  }

  /** The last few KiB the service printed (stdout and stderr interleaved). */
  get recentOutput(): string {
    return this.output;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static start(spec: DevService, onOutput?: (line: string) => void): DevServiceProcess {
    installExitHook();
    const child = spawn(spec.command, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      shell: true,
      // Its own process group, so stop() reaches the shell's children (python, node …) too.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(child);
    const svc = new DevServiceProcess(child, spec);
    if (onOutput) {
      child.stdout?.on('data', (b: Buffer) => onOutput(b.toString('utf8')));
      child.stderr?.on('data', (b: Buffer) => onOutput(b.toString('utf8')));
    }
    return svc;
  }

  /**
   * Polls `isHealthy` until it resolves true, the service exits, or `timeoutMs` passes. Each poll is a real health
   * request; the short pause between polls only paces them.
   */
  async waitUntilHealthy(isHealthy: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.exited) {
        await this.stop();
        throw new DevServiceError(`the dev service \`${this.spec.command}\` exited (${describeExit(this.exited)}) before its health check passed. Its output:\n${this.output || '(nothing)'}`);
      }
      if (await isHealthy()) return;
      if (Date.now() >= deadline) {
        await this.stop();
        throw new DevServiceError(`the dev service \`${this.spec.command}\` did not pass its health check within ${timeoutMs} ms. Its output:\n${this.output || '(nothing)'}`);
      }
      await Promise.race([delay(POLL_MS), this.exitPromise]);
    }
  }

  /**
   * SIGTERM to the process group, SIGKILL after a grace period. Resolves when every process of the group is gone
   * (the shell may exit before the server it started has released its port).
   */
  async stop(graceMs = 3000): Promise<void> {
    if (!groupAlive(this.child)) {
      running.delete(this.child);
      return;
    }
    killGroup(this.child, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (groupAlive(this.child) && Date.now() < deadline) await delay(POLL_MS);
    if (groupAlive(this.child)) {
      killGroup(this.child, 'SIGKILL');
      const hard = Date.now() + 2000;
      while (groupAlive(this.child) && Date.now() < hard) await delay(POLL_MS);
    }
    await Promise.race([this.exitPromise, delay(1000)]);
    running.delete(this.child);
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(process.platform !== 'win32' ? -child.pid : child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

function describeExit(e: { code: number | null; signal: NodeJS.Signals | null }): string {
  if (e.signal) return `signal ${e.signal}`;
  return e.code === null ? 'could not start' : `exit code ${e.code}`;
}
