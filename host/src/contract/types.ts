// TypeScript types of the JSON wire format (docs/protocol.md): the WIT records of wit/*.wit with snake_case keys.
// Mechanical rules: option<T> → `?: T | null`; list and map fields → optional (absent means empty, writers should
// still send them); list<tuple<string, string>> → StringMap; list<tuple<string, json>> → JsonMap; list<u8> → Base64;
// json → JsonValue. test/contract/types-drift.test.ts compares these declarations with the WIT package.
import type { Operation } from './operations';

/** Any JSON value (WIT `json`, carried there as JSON text). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
/** WIT `string-map` (`list<tuple<string, string>>`): header or parameter names to values. */
export type StringMap = Record<string, string>;
/** WIT `json-map` (`list<tuple<string, json>>`): names to JSON values. */
export type JsonMap = Record<string, JsonValue>;
/** WIT `list<u8>`: standard base64 with padding. */
export type Base64 = string;

import type { ErrorCode } from './errors';
/** The error codes of host/src/contract/errors.ts, as in WIT `error-code` (snake_case on the wire). */
export type { ErrorCode };

// ---- types ----

/** WIT `plugin-context`: the incoming HTTP request. */
export interface PluginContext {
  /** HTTP method in upper case. */
  method: string;
  /** Path plus query string as received. */
  uri: string;
  /** Request headers. */
  headers?: StringMap;
  /** Raw body, base64. */
  body?: Base64 | null;
  /** Decoded query parameters. */
  query_params?: StringMap;
  client_ip?: string | null;
  user_agent?: string | null;
  /** RFC 3339. */
  timestamp?: string | null;
  request_id?: string | null;
  plugin_id?: string | null;
}

/** WIT `plugin-error`: the `error` of a failed reply (envelope.ts reads what peers send into this shape). */
export interface PluginError {
  code: ErrorCode;
  message: string;
  details?: JsonMap;
}

/** WIT `plugin-kind`. */
export type PluginKindName = 'auth' | 'template' | 'response' | 'datasource';

/** WIT `network-capability`. */
export interface NetworkCapability {
  allow_outbound: boolean;
  allowed_hosts?: string[];
}

/** WIT `filesystem-capability`. */
export interface FilesystemCapability {
  allow_read: boolean;
  allow_write: boolean;
  allowed_paths?: string[];
}

/** WIT `resource-limits`. */
export interface ResourceLimits {
  max_memory_bytes?: number | null;
  max_cpu_time_ms?: number | null;
  max_concurrent_requests?: number | null;
  timeout_ms?: number | null;
}

/** WIT `plugin-capabilities`: the result of `get_capabilities`. */
export interface PluginCapabilities {
  types?: PluginKindName[];
  network?: NetworkCapability | null;
  filesystem?: FilesystemCapability | null;
  resources?: ResourceLimits | null;
  metadata?: JsonMap;
}

// ---- auth ----

/** WIT `auth-credentials` (the Python SDK's `{type, token, data}`). */
export interface AuthCredentials {
  /** Scheme, for example `bearer`, `basic`, `api_key`. */
  type: string;
  token?: string | null;
  data?: JsonValue | null;
}

/** WIT `user-identity`. */
export interface UserIdentity {
  user_id: string;
  username?: string | null;
  email?: string | null;
  display_name?: string | null;
  roles?: string[];
  groups?: string[];
  attributes?: JsonMap;
}

/** WIT `auth-result`: the result of `authenticate`. */
export interface AuthResult {
  authenticated: boolean;
  user_id?: string | null;
  identity?: UserIdentity | null;
  claims?: JsonMap;
  metadata?: JsonMap;
  error_message?: string | null;
}

// ---- template ----

/** WIT `function-parameter`. */
export interface FunctionParameter {
  name: string;
  param_type: string;
  description: string;
  required: boolean;
  default_value?: JsonValue | null;
  var_args: boolean;
}

/** WIT `function-descriptor`. */
export interface FunctionDescriptor {
  name: string;
  description: string;
  parameters?: FunctionParameter[];
  return_type: string;
  examples?: string[];
  category?: string | null;
  pure: boolean;
}

/** WIT `function-list`: the result of `list_functions`. */
export interface FunctionList {
  functions?: FunctionDescriptor[];
}

/** WIT `function-result`: the result of `execute_function`. */
export interface FunctionResult {
  result: JsonValue;
}

// ---- response ----

/** WIT `response-request`. */
export interface ResponseRequest {
  method: string;
  uri: string;
  path: string;
  query_params?: StringMap;
  headers?: StringMap;
  body?: Base64 | null;
  path_params?: StringMap;
  client_ip?: string | null;
  user_agent?: string | null;
  timestamp?: string | null;
  auth_context?: JsonValue | null;
  custom?: JsonMap;
}

/** WIT `response-data`: the result of `generate_response`. */
export interface ResponseData {
  /** 0–65535 (WIT u16). */
  status_code: number;
  headers?: StringMap;
  /** base64. */
  body: Base64;
  content_type: string;
  metadata?: JsonMap;
  cache_control?: string | null;
  custom?: JsonMap;
}

// ---- datasource ----

/** WIT `query-type`. */
export type QueryType = 'select' | 'insert' | 'update' | 'delete' | 'custom';

/** WIT `sort-field`. */
export interface SortField {
  field: string;
  direction: 'asc' | 'desc';
}

/** WIT `query-filter`. */
export interface QueryFilter {
  field: string;
  operator: string;
  value: JsonValue;
  logical_op?: string | null;
}

/** WIT `data-query`. */
export interface DataQuery {
  query_type?: QueryType | null;
  query: string;
  parameters?: JsonMap;
  limit?: number | null;
  offset?: number | null;
  sort?: SortField[];
  filters?: QueryFilter[];
  options?: JsonMap;
}

/** WIT `data-row`. */
export interface DataRow {
  values?: JsonMap;
  metadata?: JsonMap;
}

/** WIT `column-info`. */
export interface ColumnInfo {
  name: string;
  data_type: string;
  nullable: boolean;
  description?: string | null;
}

/** WIT `data-result`: the result of `query`. */
export interface DataResult {
  rows?: DataRow[];
  columns?: ColumnInfo[];
  total_count?: number | null;
  execution_time_ms: number;
  metadata?: JsonMap;
}

// ---- operations ----

/** Request bodies: the WIT function's parameters by name. */
export interface AuthenticateRequest {
  context: PluginContext;
  credentials: AuthCredentials;
}
export interface ListFunctionsRequest {
  context?: PluginContext | null;
}
export interface ExecuteFunctionRequest {
  function_name: string;
  /** Positional arguments. */
  args?: JsonValue[];
  context: PluginContext;
}
export interface GenerateResponseRequest {
  context: PluginContext;
  request: ResponseRequest;
}
export interface QueryRequest {
  query: DataQuery;
  context: PluginContext;
}
export interface GetCapabilitiesRequest {
  context?: PluginContext | null;
}

/** The request body of each operation. */
export interface RequestOf {
  authenticate: AuthenticateRequest;
  list_functions: ListFunctionsRequest;
  execute_function: ExecuteFunctionRequest;
  generate_response: GenerateResponseRequest;
  query: QueryRequest;
  get_capabilities: GetCapabilitiesRequest;
}

/** The `result` of a successful reply to each operation. */
export interface ResultOf {
  authenticate: AuthResult;
  list_functions: FunctionList;
  execute_function: FunctionResult;
  generate_response: ResponseData;
  query: DataResult;
  get_capabilities: PluginCapabilities;
}

// Both maps must cover exactly the operations.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const requestOfCoversOperations: Exact<keyof RequestOf, Operation> = true;
export const resultOfCoversOperations: Exact<keyof ResultOf, Operation> = true;
