// __PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured `token`.
import {
  AuthCredentials, AuthPlugin, AuthResult, Authenticated, JSONValue, PluginContext, Rejected, configGet, header, logInfo,
  registerAuthPlugin,
} from '@mockforge/plugin-sdk';

// The ABI functions MockForge calls: the allocator and the one operation this plugin implements.
export { mockforge_alloc, mockforge_free, authenticate } from '@mockforge/plugin-sdk/abi';

/** A configuration value, or `fallback` when it is unset or empty. */
function setting(key: string, fallback: string): string {
  const v = configGet(key);
  return v != null && v.length > 0 ? v : fallback;
}

class TokenAuth extends AuthPlugin {
  authenticate(ctx: PluginContext, credentials: AuthCredentials): AuthResult | null {
    const secret = setting('token', '');
    if (secret.length == 0) return new Rejected('the plugin has no `token` configured');

    // MockForge passes the parsed credentials; fall back to the raw headers for clients that send an API key.
    const token = credentials.token;
    let presented = token != null ? token : '';
    let method = credentials.type.length > 0 ? credentials.type : 'bearer';
    if (presented.length == 0) {
      const apiKey = header(ctx.headers, 'x-api-key');
      const authz = header(ctx.headers, 'authorization');
      if (apiKey != null && apiKey.length > 0) {
        presented = apiKey;
        method = 'api_key';
      } else if (authz != null && authz.startsWith('Bearer ')) {
        presented = authz.substring(7);
      }
    }
    if (presented.length == 0) return new Rejected('missing credentials: send Authorization: Bearer <token> or X-API-Key');
    if (presented != secret) return new Rejected('invalid token');

    const userId = setting('user_id', 'demo-user');
    logInfo('authenticated ' + userId + ' for ' + ctx.method + ' ' + ctx.uri);
    return new Authenticated(userId)
      .claimString('sub', userId)
      .claimString('auth_method', method)
      .claim('scopes', JSONValue.array().push(JSONValue.string('read')).push(JSONValue.string('write')));
  }
}

registerAuthPlugin(new TokenAuth());
