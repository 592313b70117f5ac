// The Debug Adapter Protocol messages this adapter speaks (the subset it needs, shaped as in the DAP specification).

export interface DapRequest {
  seq: number;
  type: 'request';
  command: string;
  arguments?: Record<string, unknown>;
}

export interface DapResponse {
  seq: number;
  type: 'response';
  request_seq: number;
  command: string;
  success: boolean;
  message?: string;
  body?: unknown;
}

export interface DapEvent {
  seq: number;
  type: 'event';
  event: string;
  body?: unknown;
}

export type DapMessage = DapRequest | DapResponse | DapEvent;

export interface DapSource {
  name: string;
  path?: string;
  sourceReference?: number;
  presentationHint?: 'normal' | 'emphasize' | 'deemphasize';
}

export interface DapBreakpoint {
  id: number;
  verified: boolean;
  line?: number;
  message?: string;
  source?: DapSource;
}

export interface DapStackFrame {
  id: number;
  name: string;
  source?: DapSource;
  line: number;
  column: number;
  presentationHint?: 'normal' | 'label' | 'subtle';
}

export interface DapScope {
  name: string;
  presentationHint?: 'arguments' | 'locals' | 'registers';
  variablesReference: number;
  expensive: boolean;
}

export interface DapVariable {
  name: string;
  value: string;
  type?: string;
  variablesReference: number;
}

/** What the `mockforge` launch configuration carries into this adapter (client/src/debug/resolve.ts fills it). */
export interface AdapterLaunchArguments {
  /** Absolute path of dist/debug-runner.js. */
  runner: string;
  /** Plugin folder (or plugin.yaml / .wasm). */
  plugin: string;
  /** The saved request .json to send. */
  requestFile: string;
  config?: Record<string, string>;
  /** Node executable to run the runner with (default `node`). */
  runtimeExecutable?: string;
  /** Stop once the module is loaded, before any of it runs. */
  stopOnEntry?: boolean;
  cwd?: string;
}
