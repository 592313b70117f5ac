// __PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured `token`.
import {
  AuthCredentials, AuthPlugin, AuthResult, JSONValue, PluginContext, configGet, configGetOr, logInfo, registerAuthPlugin,
} from '@mockforge/plugin-sdk';

// The ABI functions MockForge calls: the allocator and the one operation this plugin implements.
export { mockforge_alloc, mockforge_free, authenticate } from '@mockforge/plugin-sdk/abi';

class TokenAuth extends AuthPlugin {
  authenticate(ctx: PluginContext, credentials: AuthCredentials): AuthResult | null {
    const secret = configGet('token');
    if (secret == null || secret.length == 0) return AuthResult.deny('the plugin has no `token` configured');

    // MockForge passes the parsed credentials; fall back to the raw headers for clients that send an API key.
    let presented = credentials.token;
    let method = credentials.type.length > 0 ? credentials.type : 'bearer';
    if (presented.length == 0) {
      const apiKey = ctx.header('x-api-key');
      if (apiKey != null) { presented = apiKey; method = 'api_key'; }
    }
    if (presented.length == 0) {
      const authz = ctx.header('authorization');
      if (authz != null && authz.startsWith('Bearer ')) presented = authz.substring(7);
    }
    if (presented.length == 0) return AuthResult.deny('missing credentials: send Authorization: Bearer <token> or X-API-Key');
    if (presented != secret) return AuthResult.deny('invalid token');

    const userId = configGetOr('user_id', 'demo-user');
    logInfo('authenticated ' + userId + ' for ' + ctx.method + ' ' + ctx.uri);
    return AuthResult.allow(userId)
      .claimString('sub', userId)
      .claimString('auth_method', method)
      .claim('scopes', JSONValue.array().push(JSONValue.string('read')).push(JSONValue.string('write')));
  }
}

registerAuthPlugin(new TokenAuth());
