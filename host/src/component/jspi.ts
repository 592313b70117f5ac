// jco's generated glue probes for JSPI with `WebAssembly.promising(fn)` inside try/catch, once per exported function
// and realloc, every time a component is instantiated. Node 20 has no JSPI: the native TypeError it throws makes V8
// re-parse the whole (20,000-line) instantiation generator to print the callee's name, ~30 ms per probe, the bulk of
// a ComponentizeJS instantiation. A stub that throws its own TypeError sends the glue down the same catch branch for
// nothing. Only ever installed where JSPI is missing, and only in a component worker (its own global scope).
interface MaybeJspi {
  promising?: unknown;
}

export function stubMissingJspi(): void {
  const wasm = WebAssembly as unknown as MaybeJspi;
  if (typeof wasm.promising === 'function') return;
  wasm.promising = (): never => {
    throw new TypeError('WebAssembly.promising is not available (no JSPI in this Node)');
  };
}
