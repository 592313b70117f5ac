// Everything the component worker needs to run one plugin, as plain data (posted to the worker).
import type { EnginePolicy } from '../wasm/plan';
import type { WitModel } from './wit-model';

export type ComponentPolicy = Pick<EnginePolicy, 'config' | 'env' | 'network' | 'filesystem' | 'maxMemoryBytes' | 'maxOutputBytes' | 'timeoutMs'>;

export interface ComponentPlan {
  /** Shown in messages: the file name of the component. */
  label: string;
  /** The transpiled module (ESM) exporting instantiate(getCoreModule, imports, instantiateCore). */
  jsFile: string;
  /** The same module wrapped as a classic script (script.ts), so the worker can compile it with a code cache. */
  scriptFile?: string;
  /** Where the transpiled core modules are. */
  cacheDir: string;
  /** The product WIT the values are converted with. */
  witDir: string;
  /** That WIT resolved (the host's parse, posted so each worker does not parse it again: ~25 ms). */
  model?: WitModel;
  /** Exported mockforge:plugin interfaces (auth, template …). */
  interfaces: string[];
  policy: ComponentPolicy;
  /** The core modules compiled (and memory-bounded) by the host, by file name; the worker compiles them otherwise. */
  modules?: Record<string, WebAssembly.Module>;
}
