// jco and preview2-shim are ES modules with wasm files beside them: they are loaded from node_modules at run time,
// never bundled. A specifier held in a variable keeps esbuild from inlining them and tsc keeps the native import().
import { pathToFileURL } from 'node:url';

export function importEsm<T>(specifier: string): Promise<T> {
  const target = specifier.startsWith('/') ? pathToFileURL(specifier).href : specifier;
  return import(target) as Promise<T>;
}
