// AssemblyScript: the project's own asc (node_modules/.bin) when installed, else the one shipped with the CLI,
// so a freshly scaffolded project builds offline without `npm install`.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BuildPlan, BuildRequest, ToolchainMissing, showCommand } from './plan';
import { resourceRoot } from '../scaffold/resources';

/** asc.js of an assemblyscript package reachable from `dir` (walking up through node_modules folders). */
function findAscFrom(dir: string): string | undefined {
  let d = path.resolve(dir);
  for (;;) {
    const candidate = path.join(d, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

export function findAsc(projectDir: string): string | undefined {
  return findAscFrom(projectDir) ?? findAscFrom(resourceRoot());
}

export function planAsc(req: BuildRequest): BuildPlan {
  const asc = findAsc(req.dir);
  if (!asc) {
    throw new ToolchainMissing('asc (AssemblyScript)', 'run `npm install --save-dev assemblyscript` in the plugin folder');
  }
  const source = req.source ?? 'assembly/index.ts';
  const args = [asc, source, '-o', path.relative(req.dir, req.artifact), '--sourceMap'];
  // The SDK is vendored under lib/ by `mockforge-plugin new`; --path makes `@mockforge/plugin-sdk` resolve there.
  if (existsSync(path.join(req.dir, 'lib'))) args.push('--path', 'lib');
  args.push(...(req.release ? ['-O3', '--noAssert'] : ['--debug']));
  args.push(...req.flags);
  return {
    steps: [{ command: process.execPath, args, cwd: req.dir }],
    display: showCommand(undefined, 'asc', args.slice(1)),
  };
}
