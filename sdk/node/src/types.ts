// The wire types of the MockForge remote plugin protocol (docs/protocol.md), snake_case as on the wire.
// Fields beyond these are passed through untouched, so newer hosts can add fields without breaking plugins.

export interface PluginContext {
  method: string;
  uri: string;
  headers: Record<string, string>;
  body?: unknown;
  request_id?: string;
  plugin_id?: string;
  [extra: string]: unknown;
}

export interface AuthCredentials {
  type: string;
  token?: string;
  data?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface AuthResult {
  authenticated: boolean;
  user_id?: string;
  claims?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface TemplateFunctionParameter {
  name: string;
  param_type?: string;
  description?: string;
  required?: boolean;
  default_value?: unknown;
  var_args?: boolean;
  [extra: string]: unknown;
}

/** Fields left out are filled in by the SDK (description "", return_type "any", examples [], pure false). */
export interface TemplateFunction {
  name: string;
  description?: string;
  parameters?: TemplateFunctionParameter[];
  return_type?: string;
  examples?: string[];
  category?: string;
  pure?: boolean;
  [extra: string]: unknown;
}

export interface ResponseRequest {
  method?: string;
  uri?: string;
  path?: string;
  query_params?: Record<string, string>;
  headers?: Record<string, string>;
  /** base64 */
  body?: string;
  [extra: string]: unknown;
}

export interface ResponseData {
  status_code: number;
  headers?: Record<string, string>;
  /** base64 */
  body?: string;
  content_type?: string;
  [extra: string]: unknown;
}

export interface DataQuery {
  query_type?: 'select' | 'insert' | 'update' | 'delete' | 'custom';
  query: string;
  parameters?: Record<string, unknown>;
  limit?: number;
  offset?: number;
  [extra: string]: unknown;
}

export interface DataRow {
  values: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface DataResult {
  rows: DataRow[];
  total_count?: number;
  /** Filled in by the SDK (measured) when absent. */
  execution_time_ms?: number;
  columns?: Array<{ name: string; data_type?: string; nullable?: boolean; [extra: string]: unknown }>;
  [extra: string]: unknown;
}

export interface Capabilities {
  types: Array<'auth' | 'template' | 'response' | 'datasource'>;
  network?: { allow_outbound: boolean; allowed_hosts: string[] };
  filesystem?: { allow_read: boolean; allow_write: boolean; allowed_paths: string[] };
  resources?: Record<string, number>;
  metadata?: Record<string, unknown>;
}

export type ErrorCode = 'plugin_error' | 'bad_input' | 'unsupported_operation' | 'unauthorized' | 'internal';

export type Envelope<T = unknown> =
  | { success: true; result: T }
  | { success: false; error: { code: ErrorCode; message: string; details?: Record<string, unknown> } };

export type Operation = 'authenticate' | 'list_functions' | 'execute_function' | 'generate_response' | 'query' | 'get_capabilities';

export const HTTP_PATHS: Record<Operation, string> = {
  authenticate: '/plugin/authenticate',
  list_functions: '/plugin/template/list',
  execute_function: '/plugin/template/execute',
  generate_response: '/plugin/response/generate',
  query: '/plugin/datasource/query',
  get_capabilities: '/plugin/capabilities',
};

/** gRPC method names of mockforge.plugin.v1.PluginService (wit/plugin.proto). */
export const GRPC_METHODS: Record<Operation, string> = {
  authenticate: 'Authenticate',
  list_functions: 'ListFunctions',
  execute_function: 'ExecuteFunction',
  generate_response: 'GenerateResponse',
  query: 'Query',
  get_capabilities: 'GetCapabilities',
};
