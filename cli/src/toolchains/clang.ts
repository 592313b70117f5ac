// C/C++ with wasi-libc as a WASI reactor. The sysroot: $WASI_SYSROOT, a wasi-sdk install, or Debian's wasi-libc
// (headers in /usr/include/wasm32-wasi, so the sysroot is /usr).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { BuildPlan, BuildRequest, ToolchainMissing, showCommand } from './plan';
import { which } from './which';

export function findWasiSysroot(): string | undefined {
  const candidates = [process.env.WASI_SYSROOT, '/opt/wasi-sdk/share/wasi-sysroot', '/usr'];
  for (const c of candidates) {
    if (!c) continue;
    if (existsSync(path.join(c, 'include', 'wasm32-wasi', 'stdlib.h'))) return c;
    if (c !== '/usr' && existsSync(path.join(c, 'include', 'stdlib.h'))) return c;
  }
  return undefined;
}

export function planClang(req: BuildRequest): BuildPlan {
  const clang = process.env.CC_WASM ?? which('clang');
  if (!clang) throw new ToolchainMissing('clang', 'install clang, lld and wasi-libc (Debian/Ubuntu: `apt-get install clang lld wasi-libc libclang-rt-dev-wasm32`) or wasi-sdk');
  const sysroot = findWasiSysroot();
  if (!sysroot) throw new ToolchainMissing('wasi-libc', 'install wasi-libc (`apt-get install wasi-libc libclang-rt-dev-wasm32`) or set WASI_SYSROOT to a wasi-sdk sysroot');
  const source = req.source ?? 'plugin.c';
  const args = ['--target=wasm32-wasi', `--sysroot=${sysroot}`, '-mexec-model=reactor', '-o', path.relative(req.dir, req.artifact)];
  args.push(...(req.release ? ['-O2', '-Wl,--strip-all'] : ['-O2', '-g']));
  args.push(...req.flags, source);
  return { steps: [{ command: clang, args, cwd: req.dir }], display: showCommand(undefined, 'clang', args) };
}
