// Everything the Pyodide worker needs to run one Python plugin, as plain data (posted to the worker).
import type { ComponentPolicy } from '../component/plan';

export interface PyodidePlan {
  label: string;
  /** The plugin's entry file on the host (plugin.yaml pyodide.entry, resolved). */
  entry: string;
  /** The plugin's own .py files (relative path → text), copied into the interpreter's memory filesystem. */
  sources: Record<string, string>;
  /** The Python runtime files the host ships: the SDK (mockforge_plugin), the pydantic subset, the glue. */
  runtimeFiles: Record<string, string>;
  /** node_modules/pyodide/ (absolute, with a trailing slash): no network, ever. */
  indexURL: string;
  policy: ComponentPolicy;
}

export const GUEST_ROOT = '/plugin';
export const GUEST_LIB = '/lib/mockforge';
