// Where the Pyodide runtime and the Python support files are. The bundles (dist/cli.js, dist/server.js, …) find them
// in dist/pyodide/, which scripts/bundle-pyodide.mjs fills and the .vsix carries (it has no node_modules and no
// host/); the tsc output in the checkout (out/) falls back to node_modules/pyodide and the source tree.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** dist/pyodide/ beside the running bundle, if the build put the runtime there. */
function bundled(): string | undefined {
  const dir = join(__dirname, 'pyodide');
  return existsSync(join(dir, 'pyodide.mjs')) && existsSync(join(dir, 'python')) ? dir : undefined;
}

function findUp(from: string, rel: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, rel))) return join(dir, rel);
    if (dirname(dir) === dir) throw new Error(`${rel} was not found above ${from}`);
  }
}

/** The folder loadPyodide opens (absolute, trailing slash); the sandbox may read it and nothing else of the host's. */
export function pyodideIndexURL(): string {
  const dir = bundled() ?? dirname(require.resolve('pyodide/package.json'));
  return `${dir}/`;
}

/** The glue (mockforge_host, mockforge_pyodide, the pydantic subset) and the SDK, relative path → text. */
export function runtimeFiles(): Record<string, string> {
  const dist = bundled();
  const glue = dist ? join(dist, 'python') : findUp(__dirname, join('host', 'src', 'pyodide', 'python'));
  const sdk = dist ? join(dist, 'python', 'mockforge_plugin') : findUp(__dirname, join('sdk', 'python', 'mockforge_plugin'));
  const files: Record<string, string> = {};
  for (const f of readdirSync(glue).filter((x) => x.endsWith('.py'))) files[f] = readFileSync(join(glue, f), 'utf8');
  for (const f of readdirSync(sdk).filter((x) => x.endsWith('.py'))) files[`mockforge_plugin/${f}`] = readFileSync(join(sdk, f), 'utf8');
  return files;
}

/** dist/pyodide-child.js: one bundled file, so the sandbox needs read access to that file alone. */
export function pyodideChildPath(): string {
  if (existsSync(join(__dirname, 'pyodide-child.js'))) return join(__dirname, 'pyodide-child.js');
  try {
    return findUp(__dirname, join('dist', 'pyodide-child.js'));
  } catch {
    throw new Error(`dist/pyodide-child.js is missing above ${__dirname} (run \`node scripts/build.mjs\`)`);
  }
}
