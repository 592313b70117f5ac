// The operations every plugin transport speaks. One list, used by the CLI, the core ABI exports, HTTP paths and gRPC.

export const OPERATIONS = [
  'authenticate',
  'list_functions',
  'execute_function',
  'generate_response',
  'query',
  'get_capabilities',
] as const;

export type Operation = (typeof OPERATIONS)[number];

export type PluginKind = 'auth' | 'template' | 'response' | 'datasource';
export const PLUGIN_KINDS: readonly PluginKind[] = ['auth', 'template', 'response', 'datasource'];

/** Which operations a plugin of each kind must provide (get_capabilities is optional for every kind). */
export const OPERATIONS_BY_KIND: Record<PluginKind, readonly Operation[]> = {
  auth: ['authenticate'],
  template: ['list_functions', 'execute_function'],
  response: ['generate_response'],
  datasource: ['query'],
};

/** HTTP transport paths (POST, relative to the endpoint). */
export const HTTP_PATHS: Record<Operation, string> = {
  authenticate: '/plugin/authenticate',
  list_functions: '/plugin/template/list',
  execute_function: '/plugin/template/execute',
  generate_response: '/plugin/response/generate',
  query: '/plugin/datasource/query',
  get_capabilities: '/plugin/capabilities',
};

/** gRPC method names of `mockforge.plugin.v1.PluginService` in wit/plugin.proto. */
export const GRPC_METHODS: Record<Operation, string> = {
  authenticate: 'Authenticate',
  list_functions: 'ListFunctions',
  execute_function: 'ExecuteFunction',
  generate_response: 'GenerateResponse',
  query: 'Query',
  get_capabilities: 'GetCapabilities',
};

/** Older core-ABI export names MockForge's adapter layer used; accepted as aliases. */
export const LEGACY_EXPORT_ALIASES: Partial<Record<Operation, readonly string[]>> = {
  execute_function: ['template_function'],
  query: ['query_datasource'],
};

export function isOperation(name: string): name is Operation {
  return (OPERATIONS as readonly string[]).includes(name);
}
