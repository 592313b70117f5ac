// dist/build-relay.js: `node build-relay.js <cli.js> <args…>` runs the MockForge CLI in the current folder and
// relays its output with compiler source paths made absolute (see buildOutput.ts), exiting with the CLI's code.
// The build task runs this as a plain process so VS Code's terminal feeds the output to the problem matcher.
import { spawn } from 'node:child_process';
import { LineAnchorer } from './buildOutput';

function main(): void {
  const [cli, ...args] = process.argv.slice(2);
  if (!cli) {
    process.stderr.write('usage: build-relay <cli.js> <args…>\n');
    process.exit(2);
  }
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
  const out = new LineAnchorer(process.cwd(), (l) => process.stdout.write(`${l}\n`));
  const err = new LineAnchorer(process.cwd(), (l) => process.stderr.write(`${l}\n`));
  child.stdout.setEncoding('utf8').on('data', (d: string) => out.push(d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => err.push(d));
  child.on('error', (e) => {
    process.stderr.write(`cannot start the MockForge CLI: ${e.message}\n`);
    process.exitCode = 127;
  });
  child.on('close', (code, signal) => {
    out.end();
    err.end();
    process.exitCode = code ?? (signal ? 130 : 1);
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => child.kill(sig));
}

main();
