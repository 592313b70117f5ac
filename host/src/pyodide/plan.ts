// Everything the sandboxed Pyodide process needs to run one Python plugin, as plain data (sent over IPC).
import type { ComponentPolicy } from '../component/plan';

export interface PyodidePlan {
  label: string;
  /** The plugin's entry file, relative to the plugin root (plugin.yaml pyodide.entry). */
  entry: string;
  /** The plugin's own .py files (relative path → text), copied into the interpreter's memory filesystem. */
  sources: Record<string, string>;
  /** The Python runtime files the host ships: the SDK (mockforge_plugin), the pydantic subset, the glue. */
  runtimeFiles: Record<string, string>;
  /** dist/pyodide/ or node_modules/pyodide/ (absolute, with a trailing slash; files.ts): no network, ever. */
  indexURL: string;
  /** The interpreter memory snapshot (cached per Pyodide version + runtime files): `load` it, or `make` it first. */
  snapshot?: { file: string; make: boolean };
  /** http_fetch is answered by the host process; the policy the process sees carries no network grant. */
  policy: ComponentPolicy;
}

export const GUEST_ROOT = '/plugin';
export const GUEST_LIB = '/lib/mockforge';
