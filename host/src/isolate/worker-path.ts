// Where the worker script is: next to the bundle (dist/host-worker.js, for the CLI and the extension) or next to
// this file when running the tsc output (out/host/src/isolate/worker.js, for the tests).
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function workerScriptPath(): string {
  for (const candidate of [join(__dirname, 'host-worker.js'), join(__dirname, 'worker.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`the host worker script is missing next to ${__dirname} (run \`node scripts/build.mjs\`)`);
}
