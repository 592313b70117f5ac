// The JSON wire format as data: one spec per WIT record (snake_case names), per operation request and per result.
// validate.ts walks these specs; test/contract/schema-drift.test.ts checks them against the WIT package itself.
import { ERROR_CODES } from './errors';
import type { Operation } from './operations';

export type Spec =
  | { kind: 'string' | 'bool' | 'json' | 'bytes' | 'string-map' | 'json-map' }
  | { kind: 'uint'; bits: 16 | 32 | 64 }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'option' | 'list'; of: Spec }
  | { kind: 'record'; name: RecordName };

export const str: Spec = { kind: 'string' };
export const bool: Spec = { kind: 'bool' };
/** Any JSON value; WIT `json` (JSON text), embedded as the value itself on the wire. */
export const json: Spec = { kind: 'json' };
/** WIT `list<u8>`: a base64 string on the wire. */
export const bytes: Spec = { kind: 'bytes' };
/** WIT `list<tuple<string, string>>`: an object of strings on the wire. */
export const stringMap: Spec = { kind: 'string-map' };
/** WIT `list<tuple<string, json>>`: an object of JSON values on the wire. */
export const jsonMap: Spec = { kind: 'json-map' };
export const u16: Spec = { kind: 'uint', bits: 16 };
export const u32: Spec = { kind: 'uint', bits: 32 };
export const u64: Spec = { kind: 'uint', bits: 64 };
export const opt = (of: Spec): Spec => ({ kind: 'option', of });
export const list = (of: Spec): Spec => ({ kind: 'list', of });
export const rec = (name: RecordName): Spec => ({ kind: 'record', name });
export const oneOf = (...values: string[]): Spec => ({ kind: 'enum', values });

/** WIT enums as their JSON strings (kebab-case cases become snake_case). */
export const ENUMS = {
  'plugin-kind': ['auth', 'template', 'response', 'datasource'],
  'query-type': ['select', 'insert', 'update', 'delete', 'custom'],
  'sort-direction': ['asc', 'desc'],
} as const;

/** The records of the service interfaces (everything but `host`), by WIT name. */
export type RecordName =
  | 'plugin-context' | 'plugin-error' | 'network-capability' | 'filesystem-capability' | 'resource-limits'
  | 'plugin-capabilities' | 'auth-credentials' | 'user-identity' | 'auth-result' | 'function-parameter'
  | 'function-descriptor' | 'function-list' | 'function-result' | 'response-request' | 'response-data' | 'sort-field'
  | 'query-filter' | 'data-query' | 'data-row' | 'column-info' | 'data-result';

/** Every record of the service interfaces, keyed by its WIT name; fields in WIT order, named as on the wire. */
export const RECORDS: Record<RecordName, Record<string, Spec>> = {
  'plugin-context': {
    method: str, uri: str, headers: stringMap, body: opt(bytes), query_params: stringMap, client_ip: opt(str),
    user_agent: opt(str), timestamp: opt(str), request_id: opt(str), plugin_id: opt(str),
  },
  'plugin-error': { code: oneOf(...Object.keys(ERROR_CODES)), message: str, details: jsonMap },
  'network-capability': { allow_outbound: bool, allowed_hosts: list(str) },
  'filesystem-capability': { allow_read: bool, allow_write: bool, allowed_paths: list(str) },
  'resource-limits': { max_memory_bytes: opt(u64), max_cpu_time_ms: opt(u64), max_concurrent_requests: opt(u32), timeout_ms: opt(u64) },
  'plugin-capabilities': {
    types: list(oneOf(...ENUMS['plugin-kind'])), network: opt(rec('network-capability')),
    filesystem: opt(rec('filesystem-capability')), resources: opt(rec('resource-limits')), metadata: jsonMap,
  },
  'auth-credentials': { type: str, token: opt(str), data: opt(json) },
  'user-identity': {
    user_id: str, username: opt(str), email: opt(str), display_name: opt(str), roles: list(str), groups: list(str),
    attributes: jsonMap,
  },
  'auth-result': {
    authenticated: bool, user_id: opt(str), identity: opt(rec('user-identity')), claims: jsonMap, metadata: jsonMap,
    error_message: opt(str),
  },
  'function-parameter': { name: str, param_type: str, description: str, required: bool, default_value: opt(json), var_args: bool },
  'function-descriptor': {
    name: str, description: str, parameters: list(rec('function-parameter')), return_type: str, examples: list(str),
    category: opt(str), pure: bool,
  },
  'function-list': { functions: list(rec('function-descriptor')) },
  'function-result': { result: json },
  'response-request': {
    method: str, uri: str, path: str, query_params: stringMap, headers: stringMap, body: opt(bytes), path_params: stringMap,
    client_ip: opt(str), user_agent: opt(str), timestamp: opt(str), auth_context: opt(json), custom: jsonMap,
  },
  'response-data': {
    status_code: u16, headers: stringMap, body: bytes, content_type: str, metadata: jsonMap, cache_control: opt(str),
    custom: jsonMap,
  },
  'sort-field': { field: str, direction: oneOf(...ENUMS['sort-direction']) },
  'query-filter': { field: str, operator: str, value: json, logical_op: opt(str) },
  'data-query': {
    query_type: opt(oneOf(...ENUMS['query-type'])), query: str, parameters: jsonMap, limit: opt(u64), offset: opt(u64),
    sort: list(rec('sort-field')), filters: list(rec('query-filter')), options: jsonMap,
  },
  'data-row': { values: jsonMap, metadata: jsonMap },
  'column-info': { name: str, data_type: str, nullable: bool, description: opt(str) },
  'data-result': {
    rows: list(rec('data-row')), columns: list(rec('column-info')), total_count: opt(u64), execution_time_ms: u64,
    metadata: jsonMap,
  },
};

/** Request bodies: the WIT function's parameters by name. */
export const REQUESTS: Record<Operation, Record<string, Spec>> = {
  authenticate: { context: rec('plugin-context'), credentials: rec('auth-credentials') },
  list_functions: { context: opt(rec('plugin-context')) },
  execute_function: { function_name: str, args: list(json), context: rec('plugin-context') },
  generate_response: { context: rec('plugin-context'), request: rec('response-request') },
  query: { query: rec('data-query'), context: rec('plugin-context') },
  get_capabilities: { context: opt(rec('plugin-context')) },
};

/** The `result` of a successful reply: the ok type of the WIT function's `result<…, plugin-error>`. */
export const RESULTS: Record<Operation, RecordName> = {
  authenticate: 'auth-result',
  list_functions: 'function-list',
  execute_function: 'function-result',
  generate_response: 'response-data',
  query: 'data-result',
  get_capabilities: 'plugin-capabilities',
};
