// Where the templates and SDKs live: next to the CLI bundle (dist/cli.js → ../templates) in a packaged extension,
// or at the repository root when running from out/ (tsc) or the source tree. Found by walking up from this file.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

let cachedRoot: string | undefined;

/** The directory that holds `templates/` and `sdk/`. */
export function resourceRoot(): string {
  if (cachedRoot) return cachedRoot;
  const override = process.env.MOCKFORGE_RESOURCES;
  if (override && existsSync(path.join(override, 'templates'))) return (cachedRoot = override);
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'templates')) && existsSync(path.join(dir, 'sdk'))) return (cachedRoot = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the templates/ folder next to ${__dirname}: the installation is incomplete`);
    dir = parent;
  }
}

export function templatesDir(): string {
  return path.join(resourceRoot(), 'templates');
}

export function sdkDir(name: string): string {
  return path.join(resourceRoot(), 'sdk', name);
}
