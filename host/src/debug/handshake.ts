// The runner's side of the handshake with our debug adapter (host/src/debug/adapter/): once a module is compiled and
// before any of it runs, the runner publishes what the adapter needs to place breakpoints in it and pauses on a
// `debugger` statement. The adapter reads the published value, sets its breakpoints in the new wasm script, resumes.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseModule } from '../wasm/binary';

/** Set to 1 in the runner's environment by the adapter: pause after each compile. */
export const HANDSHAKE_ENV = 'MOCKFORGE_DEBUG_HANDSHAKE';
/** The global the pending handshake is published under while the runner is paused. */
export const HANDSHAKE_GLOBAL = '__mockforgeDebugHandshake';

export interface ModuleHandshake {
  /** The module file on disk (the bytes the source map describes). */
  wasmFile: string;
  /** The sourceMappingURL the compiled module announces (how the adapter finds its wasm script), if any. */
  mapUrl?: string;
  /**
   * Code offsets in the compiled bytes minus the same offsets in the file: the host bounds the memory section before
   * compiling, which moves the code section.
   */
  codeShift: number;
}

function codeStart(bytes: Uint8Array): number | undefined {
  return parseModule(bytes).sections.find((s) => s.id === 10)?.payloadStart;
}

export function moduleHandshake(compiled: Uint8Array, wasmFile: string, mapFile: string | undefined): ModuleHandshake {
  let codeShift = 0;
  try {
    const now = codeStart(compiled);
    const before = codeStart(readFileSync(wasmFile));
    if (now !== undefined && before !== undefined) codeShift = now - before;
  } catch {
    // Not a core module we can read: nothing in it can be mapped anyway.
  }
  return { wasmFile, mapUrl: mapFile ? pathToFileURL(mapFile).href : undefined, codeShift };
}

export function pauseForAdapter(info: ModuleHandshake): void {
  const g = globalThis as Record<string, unknown>;
  g[HANDSHAKE_GLOBAL] = info;
  // The adapter's breakpoints can only be set in a script V8 has parsed: this is the one moment after parsing and
  // before the module's code (start function, then the plugin's operations) runs.
  // eslint-disable-next-line no-debugger
  debugger;
  delete g[HANDSHAKE_GLOBAL];
}
