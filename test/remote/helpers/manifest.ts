// Remote plugin manifests for tests, built in code (the CLI tests write them to disk as plugin.yaml).
import type { PluginManifest, RemoteSection } from '../../../host/src/manifest/types';

export function remoteManifest(remote: Partial<RemoteSection> & { endpoint: string }, extra: Partial<PluginManifest> = {}): PluginManifest {
  return {
    plugin: { id: 'remote-test', version: '0.1.0', name: 'Remote test', types: ['auth', 'template', 'response', 'datasource'], runtime: 'remote' },
    remote: { protocol: 'http', timeout_ms: 5000, ...remote },
    ...extra,
  };
}

export const SAMPLE_CONTEXT = { method: 'GET', uri: '/api/users', headers: { authorization: 'Bearer let-me-in' } };

/** One valid request body per operation. */
export const SAMPLE_INPUTS = {
  authenticate: { context: SAMPLE_CONTEXT, credentials: { type: 'bearer', token: 'let-me-in' } },
  list_functions: {},
  execute_function: { function_name: 'upper', args: ['abc'], context: SAMPLE_CONTEXT },
  generate_response: { context: SAMPLE_CONTEXT, request: { method: 'GET', path: '/api/users', headers: {} } },
  query: { query: { query: 'select 1', parameters: {} }, context: SAMPLE_CONTEXT },
  get_capabilities: {},
} as const;
