// The messages between the extension (client/src/panel) and the request panel webview (webview/src/main.ts), typed
// once here and imported by both sides. No DOM and no vscode import: the validators run in both and in node tests.
import { OPERATIONS, type Operation } from '../../host/src/contract/operations';
import type { CallTiming, LogRecord, RuntimeKind } from '../../host/src/runtime';
import type { Envelope } from '../../host/src/contract/envelope';

export interface PluginEntry {
  /** Folder holding plugin.yaml: the plugin's identity in every message. */
  dir: string;
  /** The folder relative to the workspace (what the CLI command line uses). */
  relDir: string;
  id: string;
  /** runtime · kinds, as the picker shows it. */
  description: string;
  /** Operations its kinds provide, first the ones to offer. */
  operations: Operation[];
}

export interface SavedRequestData {
  name: string;
  /** Path relative to the plugin folder, e.g. .mockforge/requests/valid-token.json */
  relFile: string;
  operation: Operation;
  input: unknown;
  label?: string;
  hasExpect: boolean;
}

export interface FunctionHint {
  name: string;
  description?: string;
  /** "name: type" strings (with "?" for optional ones), as the contract's parameter list gives them. */
  params: string[];
  returnType?: string;
}

export interface RunResult {
  id: number;
  plugin: string;
  operation: Operation;
  /** The body actually sent (after {{variable}} substitution). */
  input: unknown;
  envelope: Envelope;
  logs: LogRecord[];
  timing: CallTiming;
  peakMemoryBytes?: number;
  /** Absent when the plugin could not be loaded (the envelope is then load_failed). */
  runtime?: { kind: RuntimeKind; language: string; abi: string; isolation: 'worker' | 'in-process'; compiledFromCache: boolean };
}

export interface HistoryEntry {
  at: number;
  plugin: string;
  pluginId: string;
  operation: Operation;
  input: unknown;
  /** "success" or the error code. */
  status: string;
  callMs?: number;
}

/** What the webview reports when the extension (a test) asks what it shows. */
export interface RenderedState {
  /** The result area's visible text (innerText). */
  text: string;
  status: string;
  /** Tag names of every element inside the result area, so a test can prove no plugin markup became DOM. */
  tags: string[];
  /** The request editor's JSON text and the saved request / environment picked. */
  editor: string;
  savedRequest: string;
  environment: string;
}

export type ToPanel =
  | { type: 'init'; plugins: PluginEntry[]; samples: Record<Operation, unknown>; history: HistoryEntry[]; selected?: string }
  | { type: 'pluginData'; plugin: string; requests: SavedRequestData[]; requestErrors: string[]; environments: Record<string, Record<string, string>>; envError?: string }
  | { type: 'functions'; plugin: string; functions: FunctionHint[]; error?: string }
  | { type: 'running'; id: number }
  | { type: 'result'; result: RunResult }
  | { type: 'failed'; id: number; message: string }
  | { type: 'history'; history: HistoryEntry[] }
  | { type: 'notice'; level: 'info' | 'error'; message: string }
  /** Test hook: load the saved request and press Send, as a user would. */
  | { type: 'drive'; plugin: string; request: string; env?: string }
  /** Test hook: click a control as a user would (Cancel, or the first source location of the shown stack). */
  | { type: 'click'; control: 'cancel' | 'location' }
  /** Test hook: report the rendered state (answered with a `rendered` message carrying the same token). */
  | { type: 'probe'; token: number };

export type ToExtension =
  | { type: 'ready' }
  | { type: 'selectPlugin'; plugin: string }
  | { type: 'listFunctions'; plugin: string }
  | { type: 'send'; id: number; plugin: string; operation: Operation; input: string; env?: string; isolate: boolean }
  | { type: 'cancel'; id: number }
  | { type: 'saveRequest'; plugin: string; name: string; operation: Operation; input: string }
  | { type: 'copy'; text: string }
  | { type: 'openLocation'; plugin: string; file: string; line: number; column: number }
  | { type: 'rendered'; token: number; state: RenderedState };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isOp = (v: unknown): v is Operation => isStr(v) && (OPERATIONS as readonly string[]).includes(v);

/**
 * Checks a message from the webview before the extension acts on it. A webview is a web page: treat what it posts
 * like any other input. Returns the reason it is rejected, or undefined when it is well formed.
 */
export function checkToExtension(msg: unknown): string | undefined {
  if (!isObj(msg) || !isStr(msg.type)) return 'not an object with a string "type"';
  const need = (ok: boolean, what: string): string | undefined => (ok ? undefined : `${msg.type}: ${what}`);
  switch (msg.type) {
    case 'ready':
      return undefined;
    case 'selectPlugin':
    case 'listFunctions':
      return need(isStr(msg.plugin), '"plugin" must be a string');
    case 'send':
      return need(isInt(msg.id), '"id" must be a non-negative integer')
        ?? need(isStr(msg.plugin), '"plugin" must be a string')
        ?? need(isOp(msg.operation), `"operation" must be one of ${OPERATIONS.join(', ')}`)
        ?? need(isStr(msg.input), '"input" must be the JSON text')
        ?? need(msg.env === undefined || isStr(msg.env), '"env" must be a string')
        ?? need(typeof msg.isolate === 'boolean', '"isolate" must be true or false');
    case 'cancel':
      return need(isInt(msg.id), '"id" must be a non-negative integer');
    case 'saveRequest':
      return need(isStr(msg.plugin), '"plugin" must be a string')
        ?? need(isStr(msg.name) && isRequestName(msg.name), '"name" may use letters, digits, "-", "_" and "." (not starting with ".")')
        ?? need(isOp(msg.operation), `"operation" must be one of ${OPERATIONS.join(', ')}`)
        ?? need(isStr(msg.input), '"input" must be the JSON text');
    case 'copy':
      return need(isStr(msg.text), '"text" must be a string');
    case 'openLocation':
      return need(isStr(msg.plugin) && isStr(msg.file), '"plugin" and "file" must be strings')
        ?? need(isInt(msg.line) && isInt(msg.column), '"line" and "column" must be non-negative integers');
    case 'rendered':
      return need(isInt(msg.token), '"token" must be a non-negative integer')
        ?? need(isObj(msg.state) && isStr(msg.state.text) && isStr(msg.state.status) && Array.isArray(msg.state.tags)
          && isStr(msg.state.editor) && isStr(msg.state.savedRequest) && isStr(msg.state.environment), '"state" must be {text, status, tags, editor, savedRequest, environment}');
    default:
      return `unknown message type "${msg.type}"`;
  }
}

/** A saved request's file name: one path segment, no traversal, no hidden file. */
export function isRequestName(name: string): boolean {
  return /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/.test(name) && !name.includes('..');
}
