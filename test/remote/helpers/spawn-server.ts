// Starts a plugin service as a child process on a free port: the service binds port 0 and prints
// "listening on …:PORT"; we await that line (its readiness), never a fixed delay.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { delimiter, join } from 'node:path';
import { ROOT } from './paths';

export interface SpawnedServer {
  port: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

const LISTENING = /listening on (?:[a-z]+:\/\/)?(?:(?:\[[^\]]*\]|[^\s:/]+):)?(\d+)/;

export async function spawnServer(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<SpawnedServer> {
  // PYTHONPATH: the SDK of this tree wins over any installed copy.
  const env = { ...process.env, PYTHONUNBUFFERED: '1', PYTHONPATH: [join(ROOT, 'sdk/python'), process.env.PYTHONPATH].filter(Boolean).join(delimiter), ...options.env };
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString('utf8');
      const m = LISTENING.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => { output += b.toString('utf8'); });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before listening:\n${output}`)));
    child.once('error', reject);
  });
  return {
    port,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
