// Rust: rustc directly (a single-file cdylib, no crates) or cargo. The rustc chosen is the first one whose sysroot
// has the wasm32-wasip1 / wasm32-wasi standard library (rustup's ~/.cargo/bin/rustc may lack it where Debian's has it).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { BuildPlan, BuildRequest, ToolchainMissing, showCommand } from './plan';
import { which } from './which';

interface Rustc { rustc: string; target: string }

export function findRustcForWasi(): Rustc | undefined {
  const candidates = [which('rustc'), '/usr/bin/rustc'].filter((c): c is string => !!c);
  for (const rustc of [...new Set(candidates)]) {
    const r = spawnSync(rustc, ['--print', 'sysroot'], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    const sysroot = r.stdout.trim();
    for (const target of ['wasm32-wasip1', 'wasm32-wasi']) {
      if (existsSync(path.join(sysroot, 'lib', 'rustlib', target))) return { rustc, target };
    }
  }
  return undefined;
}

const MISSING_HINT = 'install the WASI target: `rustup target add wasm32-wasip1`, or on Debian `apt-get install rustc libstd-rust-dev-wasm32`';

export function planRustc(req: BuildRequest): BuildPlan {
  const found = findRustcForWasi();
  if (!found) throw new ToolchainMissing('rustc with a wasm32-wasi target', MISSING_HINT);
  const args = ['--target', found.target, '--crate-type', 'cdylib', '-o', path.relative(req.dir, req.artifact)];
  args.push(...(req.release ? ['-C', 'opt-level=3', '-C', 'strip=symbols'] : ['-C', 'opt-level=2']));
  args.push(...req.flags, req.source ?? 'src/lib.rs');
  return { steps: [{ command: found.rustc, args, cwd: req.dir }], display: showCommand(undefined, 'rustc', args) };
}

function crateName(dir: string): string {
  const toml = readFileSync(path.join(dir, 'Cargo.toml'), 'utf8');
  const lib = /\[lib\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(toml);
  const pkg = /\[package\][^[]*?^name\s*=\s*"([^"]+)"/m.exec(toml);
  const name = lib?.[1] ?? pkg?.[1];
  if (!name) throw new Error(`${path.join(dir, 'Cargo.toml')}: no [package] name`);
  return name.replace(/-/g, '_');
}

export function planCargo(req: BuildRequest): BuildPlan {
  const cargo = which('cargo');
  if (!cargo) throw new ToolchainMissing('cargo', `install Rust from https://rustup.rs and ${MISSING_HINT}`);
  const target = 'wasm32-wasip1';
  const profile = req.release ? 'release' : 'debug';
  const args = ['build', '--lib', '--target', target, ...(req.release ? ['--release'] : []), ...req.flags];
  const built = path.join(req.dir, 'target', target, profile, `${crateName(req.dir)}.wasm`);
  return { steps: [{ command: cargo, args, cwd: req.dir, copyFrom: built }], display: showCommand(undefined, 'cargo', args) };
}
