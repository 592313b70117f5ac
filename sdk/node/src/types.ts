// The wire types of the MockForge remote plugin protocol (docs/protocol.md), snake_case as on the wire.
// Fields beyond these are passed through untouched, so newer hosts can add fields without breaking plugins.
// types.gen.ts (generated from wit/) holds the decoded form — camelCase, bodies as Uint8Array — so the records here
// stay in the wire's shape; the enumerations are the generated ones, and test/sdk/transport-tables.test.ts fails
// to compile when a record here and its generated twin stop naming the same fields.
import type { ErrorCode as WitErrorCode, PluginKind, QueryType, SortDirection } from './types.gen';

export type { PluginKind, QueryType, SortDirection };

export interface PluginContext {
  method: string;
  uri: string;
  headers: Record<string, string>;
  body?: unknown;
  query_params?: Record<string, string>;
  client_ip?: string;
  user_agent?: string;
  /** RFC 3339 */
  timestamp?: string;
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

export interface UserIdentity {
  user_id: string;
  username?: string;
  email?: string;
  display_name?: string;
  roles?: string[];
  groups?: string[];
  attributes?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface AuthResult {
  authenticated: boolean;
  user_id?: string;
  identity?: UserIdentity;
  claims?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  /** Why the request was rejected, when `authenticated` is false. */
  error_message?: string;
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
  path_params?: Record<string, string>;
  client_ip?: string;
  user_agent?: string;
  timestamp?: string;
  auth_context?: unknown;
  custom?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface ResponseData {
  status_code: number;
  headers?: Record<string, string>;
  /** base64 */
  body?: string;
  content_type?: string;
  metadata?: Record<string, unknown>;
  cache_control?: string;
  custom?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface SortField {
  field: string;
  direction: SortDirection;
}

export interface QueryFilter {
  field: string;
  /** For example `eq`, `ne`, `gt`, `lt`, `like`, `in`. */
  operator: string;
  value: unknown;
  /** `and` (the default) or `or`. */
  logical_op?: string;
}

export interface DataQuery {
  query_type?: QueryType;
  query: string;
  parameters?: Record<string, unknown>;
  limit?: number;
  offset?: number;
  sort?: SortField[];
  filters?: QueryFilter[];
  options?: Record<string, unknown>;
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
  columns?: Array<{ name: string; data_type?: string; nullable?: boolean; description?: string; [extra: string]: unknown }>;
  metadata?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface Capabilities {
  types: PluginKind[];
  network?: { allow_outbound: boolean; allowed_hosts: string[] };
  filesystem?: { allow_read: boolean; allow_write: boolean; allowed_paths: string[] };
  resources?: Record<string, number>;
  metadata?: Record<string, unknown>;
}

/** The codes a plugin answers with: a part of the closed list (the host produces the others, e.g. `timeout`). */
export type ErrorCode = Extract<WitErrorCode, 'plugin_error' | 'bad_input' | 'unsupported_operation' | 'unauthorized' | 'internal'>;

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
