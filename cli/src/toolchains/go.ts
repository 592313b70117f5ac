// Standard Go (≥ 1.24: wasip1 + //go:wasmexport) and TinyGo. Both build a reactor (-buildmode=c-shared) whose
// exported functions MockForge calls after _initialize; a `wasm.build.flags: [-buildmode=default]` entry makes a
// command-mode module (_start) instead, since go takes the last -buildmode given.
import * as path from 'node:path';
import { BuildPlan, BuildRequest, ToolchainMissing, showCommand } from './plan';
import { which } from './which';

function packageArg(req: BuildRequest): string {
  // `source` may name main.go; go builds the package (folder) that holds it.
  if (!req.source) return '.';
  const folder = req.source.endsWith('.go') ? path.dirname(req.source) : req.source;
  return folder === '.' || folder === '' ? '.' : `./${folder.replace(/^\.\//, '')}`;
}

export function planGo(req: BuildRequest): BuildPlan {
  const go = which('go');
  if (!go) throw new ToolchainMissing('go', 'install Go 1.24 or newer from https://go.dev/dl/ (GOOS=wasip1 with //go:wasmexport needs ≥ 1.24)');
  const env = { GOOS: 'wasip1', GOARCH: 'wasm' };
  const args = ['build', '-buildmode=c-shared', '-o', path.relative(req.dir, req.artifact)];
  if (req.release) args.push('-trimpath', '-ldflags=-s -w');
  args.push(...req.flags, packageArg(req));
  return { steps: [{ command: go, args, cwd: req.dir, env }], display: showCommand(env, 'go', args) };
}

export function planTinyGo(req: BuildRequest): BuildPlan {
  const tinygo = which('tinygo');
  if (!tinygo) {
    throw new ToolchainMissing('tinygo', 'install TinyGo from https://tinygo.org/getting-started/install/, or build the same source with standard Go: `mockforge-plugin build --toolchain go`');
  }
  const args = ['build', '-target=wasip1', '-buildmode=c-shared', '-o', path.relative(req.dir, req.artifact)];
  args.push(...(req.release ? ['-opt=2', '-no-debug'] : ['-opt=1']));
  args.push(...req.flags, packageArg(req));
  return { steps: [{ command: tinygo, args, cwd: req.dir }], display: showCommand(undefined, 'tinygo', args) };
}
