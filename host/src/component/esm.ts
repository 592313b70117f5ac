// ES modules loaded at run time, never inlined into the CommonJS bundles: dist/component/*.js (the bundled shim and
// jco tools, see vendor.ts), a transpiled component, packages in node_modules. A specifier held in a variable keeps
// esbuild from inlining them and tsc keeps the native import().
import { pathToFileURL } from 'node:url';

export function importEsm<T>(specifier: string): Promise<T> {
  const target = specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier;
  return import(target) as Promise<T>;
}
