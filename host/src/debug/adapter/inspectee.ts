// Starts the runner under `node --inspect-brk=127.0.0.1:0` (a free port, chosen by Node) and learns its inspector's
// WebSocket URL from the "Debugger listening on ws://…" line Node prints on stderr. Output arrives line by line;
// the inspector's own chatter is kept out of it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface InspecteeOptions {
  /** The Node executable. */
  runtime: string;
  script: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  onOutput: (stream: 'stdout' | 'stderr', line: string) => void;
}

export interface Inspectee {
  child: ChildProcess;
  wsUrl: string;
  /** Resolves with the exit code (or the signal's name) once the process is gone and its output read. */
  exited: Promise<number | string>;
}

const INSPECTOR_NOISE = /^(Debugger listening on ws:|For help, see: https:\/\/nodejs\.org|Debugger attached\.|Waiting for the debugger to disconnect\.\.\.|Debugger ending on ws:)/;

function lines(onLine: (line: string) => void): { push: (chunk: Buffer | string) => void; flush: () => void } {
  let rest = '';
  return {
    push(chunk) {
      rest += String(chunk);
      let nl;
      while ((nl = rest.indexOf('\n')) >= 0) {
        onLine(rest.slice(0, nl).replace(/\r$/, ''));
        rest = rest.slice(nl + 1);
      }
    },
    flush() {
      if (rest) onLine(rest);
      rest = '';
    },
  };
}

export function startInspectee(o: InspecteeOptions): Promise<Inspectee> {
  return new Promise((resolve, reject) => {
    const what = `${o.runtime} ${o.script}`;
    const child = spawn(o.runtime, ['--inspect-brk=127.0.0.1:0', o.script, ...o.args], { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // 'close', not 'exit': the last output lines (the reply) are delivered before anyone hears the process is gone.
    const exited = new Promise<number | string>((done) => child.once('close', (code, signal) => done(code ?? signal ?? 'unknown')));
    let url: string | undefined;
    const early: string[] = [];
    const out = lines((l) => o.onOutput('stdout', l));
    const err = lines((l) => {
      const m = /^Debugger listening on (ws:\/\/\S+)/.exec(l);
      if (m && !url) {
        url = m[1];
        resolve({ child, wsUrl: url, exited });
        return;
      }
      if (INSPECTOR_NOISE.test(l)) return;
      if (!url) early.push(l);
      o.onOutput('stderr', l);
    });
    child.stdout.on('data', out.push);
    child.stderr.on('data', err.push);
    child.once('error', (e) => reject(new Error(`cannot start the debug runner (${what}): ${e.message}`)));
    child.once('close', (code, signal) => {
      out.flush();
      err.flush();
      if (!url) reject(new Error(`the debug runner (${what}) exited (${code ?? signal}) before its inspector started${early.length ? `:\n${early.join('\n')}` : ''}`));
    });
  });
}
