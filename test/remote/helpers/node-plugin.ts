// A plugin of every kind written with the Node SDK, mirroring test/fixtures/remote/sdk_plugin.py.
import { MockForgePlugin, PluginError } from '../../../sdk/node/src/index';
import type { AuthCredentials, AuthResult, DataQuery, DataResult, PluginContext, ResponseData, TemplateFunction } from '../../../sdk/node/src/index';

export class EveryKindPlugin extends MockForgePlugin {
  override authenticate(context: PluginContext, credentials: AuthCredentials): AuthResult {
    if (credentials.token === 'let-me-in') return { authenticated: true, user_id: 'node-user', claims: { role: 'admin', path: context.uri } };
    return { authenticated: false, claims: {} };
  }

  override listFunctions(): TemplateFunction[] {
    return [{ name: 'upper', description: 'Upper-cases its argument', return_type: 'string' }];
  }

  override async executeFunction(name: string, args: unknown[]): Promise<unknown> {
    if (name === 'upper') return String(args[0]).toUpperCase();
    if (name === 'boom') throw new Error('boom from node');
    throw new PluginError(`unknown function ${name}`);
  }

  override generateResponse(context: PluginContext): ResponseData {
    const body = Buffer.from(`hello ${context.method} ${context.uri}`).toString('base64');
    return { status_code: 201, headers: { 'x-from': 'node' }, body, content_type: 'text/plain' };
  }

  override query(query: DataQuery): DataResult {
    return { rows: [{ values: { q: query.query, n: 1 } }], columns: [{ name: 'q', data_type: 'string' }] };
  }

  // Quiet in tests: the failure is asserted through the envelope.
  override onError(): void {}
}
