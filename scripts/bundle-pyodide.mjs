// The Pyodide runtime and the Python files a Python plugin's interpreter loads, copied into dist/pyodide/, so the
// packaged extension and CLI (the .vsix is packaged with --no-dependencies, without host/) run Python plugins:
//   dist/pyodide/          — what loadPyodide opens from its indexURL: pyodide.mjs (+ pyodide.asm.mjs it imports),
//                            pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json, and package.json (its version
//                            keys the snapshot cache). No packages: our plugins use the standard library only.
//   dist/pyodide/python/   — the glue (host/src/pyodide/python) and the SDK (sdk/python/mockforge_plugin).
// Unchanged files are left alone and changed ones are renamed into place, so a running plugin never reads a half-copy.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const OUT = 'dist/pyodide';
const RUNTIME = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json', 'package.json'];

function copyIfChanged(from, to) {
  const src = statSync(from);
  if (existsSync(to)) {
    const dst = statSync(to);
    if (dst.size === src.size && dst.mtimeMs >= src.mtimeMs) return;
  }
  const work = `${to}.tmp-${process.pid}`;
  copyFileSync(from, work);
  renameSync(work, to);
}

/** Copies dir's .py files to `to` and removes .py files there that dir no longer has (they would be loaded too). */
function mirrorPy(dir, to) {
  mkdirSync(to, { recursive: true });
  const names = readdirSync(dir).filter((f) => f.endsWith('.py'));
  for (const f of names) copyIfChanged(join(dir, f), join(to, f));
  for (const f of readdirSync(to)) if (f.endsWith('.py') && !names.includes(f)) rmSync(join(to, f));
}

export function bundlePyodideRuntime() {
  let pkg;
  try {
    pkg = dirname(require.resolve('pyodide/package.json'));
  } catch {
    throw new Error('pyodide is not installed (npm install)');
  }
  mkdirSync(OUT, { recursive: true });
  for (const f of RUNTIME) copyIfChanged(join(pkg, f), join(OUT, f));
  mirrorPy('host/src/pyodide/python', join(OUT, 'python'));
  mirrorPy('sdk/python/mockforge_plugin', join(OUT, 'python', 'mockforge_plugin'));
}
