// Everything an Engine needs to run a module, in a form that can be posted to a worker (structured clone:
// WebAssembly.Module is cloneable, the rest is plain data).
import type { AbiPlan } from './abi';

export interface EnginePolicy {
  /** Resolved configuration: schema defaults overlaid by the user's values. */
  config: Record<string, unknown>;
  /** WASI environment: only the manifest's declared variables. */
  env: Record<string, string>;
  network: { allowed: boolean; hosts: string[] };
  filesystem: { allowRead: boolean; allowWrite: boolean; /** guest path → host directory */ preopens: Record<string, string> };
  maxMemoryBytes: number;
  /** Effective memory maximum in pages (after boundMemory). */
  maxPages: number;
  /** Set when the module imports its memory: the host creates it. */
  importedMemory?: { module: string; name: string; initial: number; maximum: number };
  maxOutputBytes: number;
  timeoutMs: number;
}

export interface EnginePlan {
  /** Shown in messages: the file name of the module. */
  label: string;
  module: WebAssembly.Module;
  abi: AbiPlan;
  policy: EnginePolicy;
  functionNames: Array<[number, string]>;
  /** Bounding the memory resized the memory section: stack offsets past it are shifted back by this much. */
  offsetShift: { from: number; by: number };
  /** The source map's JSON text (AssemblyScript --sourceMap), when the module has one next to it. */
  sourceMap?: string;
}
