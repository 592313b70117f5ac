// A starting request per operation, offered by the CLI (`run --call <op>` without input) and the request panel.
// Every sample is valid (test/contract/validate.test.ts) and uses only shapes MockForge's Python SDK accepts.
import type { Operation } from './operations';
import type { PluginContext, RequestOf } from './types';

const context: PluginContext = {
  method: 'GET',
  uri: '/api/users/42?verbose=true',
  headers: { authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJl', accept: 'application/json' },
  body: null,
  query_params: { verbose: 'true' },
  client_ip: '127.0.0.1',
  user_agent: 'curl/8.5.0',
  timestamp: '2026-01-01T12:00:00Z',
  request_id: 'req-0001',
  plugin_id: 'my-plugin',
};

export const SAMPLE_REQUESTS: { readonly [K in Operation]: RequestOf[K] } = {
  authenticate: {
    context,
    credentials: { type: 'bearer', token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.c2lnbmF0dXJl', data: null },
  },
  list_functions: { context },
  execute_function: { function_name: 'uppercase', args: ['hello', { locale: 'en' }], context },
  generate_response: {
    context: { ...context, method: 'POST', uri: '/api/orders', body: 'eyJpdGVtIjoiYm9vayJ9' },
    request: {
      method: 'POST',
      uri: '/api/orders',
      path: '/api/orders',
      query_params: {},
      headers: { 'content-type': 'application/json' },
      body: 'eyJpdGVtIjoiYm9vayJ9', // {"item":"book"}
      path_params: {},
      client_ip: '127.0.0.1',
      user_agent: 'curl/8.5.0',
      timestamp: '2026-01-01T12:00:00Z',
      auth_context: { user_id: 'user-42' },
      custom: {},
    },
  },
  query: {
    query: {
      query_type: 'select',
      query: 'SELECT id, name FROM users WHERE active = :active',
      parameters: { active: true },
      limit: 10,
      offset: 0,
      sort: [{ field: 'name', direction: 'asc' }],
      filters: [{ field: 'age', operator: 'gt', value: 18, logical_op: 'and' }],
      options: {},
    },
    context,
  },
  get_capabilities: {},
};

/** A deep copy, so callers may edit the sample freely. */
export function sampleRequest<K extends Operation>(operation: K): RequestOf[K] {
  return structuredClone(SAMPLE_REQUESTS[operation]);
}
