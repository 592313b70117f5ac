// The part of js-yaml 4 the manifest service uses (the package ships no types).
declare module 'js-yaml' {
  export interface Schema { readonly __schema: unique symbol }
  export const CORE_SCHEMA: Schema;
  export function load(text: string, options?: { schema?: Schema; json?: boolean; filename?: string; maxDepth?: number }): unknown;
}
