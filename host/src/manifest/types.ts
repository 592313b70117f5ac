// The canonical plugin.yaml (manifest v1) as TypeScript. schemas/plugin.schema.json is the source of truth for
// validation and hover text; this file is the typed view the hosts, the CLI and the language server share.
import type { PluginKind } from '../contract/operations';

export type PluginRuntimeName = 'wasm' | 'remote' | 'pyodide';
export type Toolchain = 'asc' | 'tinygo' | 'go' | 'cargo' | 'rustc' | 'clang' | 'componentize-js' | 'componentize-py';

export interface PluginManifest {
  plugin: PluginSection;
  wasm?: WasmSection;
  pyodide?: PyodideSection;
  remote?: RemoteSection;
  capabilities?: Capabilities;
  dependencies?: string[];
  configuration?: { schema?: ConfigSchema };
  environment?: EnvironmentVariable[];
}

export interface PluginSection {
  id: string;
  version: string;
  name: string;
  description?: string;
  types: PluginKind[];
  /** Default `wasm`. */
  runtime?: PluginRuntimeName;
  author?: { name: string; email?: string; homepage?: string };
  homepage?: string;
  repository?: string;
  license?: string;
  keywords?: string[];
}

export interface WasmSection {
  /** Path of the built module or component, relative to the manifest. */
  path: string;
  build?: {
    toolchain: Toolchain;
    /** Source entry (e.g. assembly/index.ts, main.go). */
    source?: string;
    /** Extra flags appended to the toolchain's command line. */
    flags?: string[];
    /** WIT world a component is built against (default: from plugin.types). */
    world?: string;
    /** Turn the core module the toolchain built into a component (jco embed + new). */
    component?: boolean;
  };
}

export interface PyodideSection {
  /** Python file that defines and registers the plugin, relative to the manifest. */
  entry: string;
}

export interface RemoteSection {
  protocol: 'http' | 'grpc';
  endpoint: string;
  /** Per attempt. Default 5000. */
  timeout_ms?: number;
  retry_policy?: { max_retries?: number; backoff_ms?: number };
  health_check?: { enabled?: boolean; endpoint?: string; interval_seconds?: number };
  auth?: { type: 'bearer' | 'api_key'; token_env: string; header?: string };
  tls?: { ca_file?: string; cert_file?: string; key_file?: string; insecure?: boolean };
  /** How to start the service on this machine for local development. */
  dev?: { command: string; cwd?: string; env?: Record<string, string> };
}

export interface Capabilities {
  network?: {
    allow_outbound?: boolean;
    /** Older spelling of allow_outbound; either grants outbound HTTP. */
    allow_http_outbound?: boolean;
    /** Host globs such as `*.example.com`. */
    allowed_hosts?: string[];
  };
  filesystem?: { allow_read?: boolean; allow_write?: boolean; allowed_paths?: string[] };
  resources?: {
    /** Default 10 MiB. */
    max_memory_bytes?: number;
    max_cpu_time_ms?: number;
    max_cpu_percent?: number;
    max_concurrent_requests?: number;
    /** Default 5000. */
    timeout_ms?: number;
  };
}

export interface ConfigSchema {
  type?: string;
  properties?: Record<string, { type?: string; description?: string; default?: unknown; format?: string; enum?: unknown[] }>;
  required?: string[];
}

export interface EnvironmentVariable {
  name: string;
  description?: string;
  required?: boolean;
  default?: string;
}

export const DEFAULT_LIMITS = {
  maxMemoryBytes: 10 * 1024 * 1024,
  timeoutMs: 5000,
  /** Largest reply a plugin may return. */
  maxOutputBytes: 16 * 1024 * 1024,
} as const;
