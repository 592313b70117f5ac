// __PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured `token`.
//
// This module implements the WIT world mockforge:plugin/auth-plugin: it exports the `auth` and `capabilities`
// interfaces and imports `host` (log, config-get, http-fetch). Values follow jco's WIT ↔ JavaScript mapping:
// records are objects with camelCase fields, string-map/json-map are arrays of [key, value] pairs (json-map values
// are JSON text), option<T> is the value or undefined, and throwing {code, message, details} returns a plugin-error.
import { configGet, log } from 'mockforge:plugin/host@0.1.0';

/** A request header by name, ignoring case. */
function header(context, name) {
  const wanted = name.toLowerCase();
  const found = context.headers.find(([k]) => k.toLowerCase() === wanted);
  return found ? found[1] : '';
}

/** Compares without stopping at the first difference. */
function sameSecret(a, b) {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export const auth = {
  authenticate(context, credentials) {
    const secret = configGet('token') ?? '';
    if (!secret) return { authenticated: false, claims: [], metadata: [], errorMessage: 'the plugin has no `token` configured' };
    // MockForge passes the parsed credentials; fall back to the raw headers for clients that send an API key.
    let presented = credentials.token ?? '';
    let method = credentials.type || 'bearer';
    if (!presented) {
      const authz = header(context, 'Authorization');
      if (header(context, 'X-API-Key')) {
        presented = header(context, 'X-API-Key');
        method = 'api_key';
      } else if (authz.startsWith('Bearer ')) {
        presented = authz.slice('Bearer '.length);
      }
    }
    if (!presented) {
      return { authenticated: false, claims: [], metadata: [], errorMessage: 'missing credentials: send Authorization: Bearer <token> or X-API-Key' };
    }
    if (!sameSecret(presented, secret)) return { authenticated: false, claims: [], metadata: [], errorMessage: 'invalid token' };
    const user = configGet('user_id') ?? 'demo-user';
    log('info', `authenticated ${user} for ${context.method} ${context.uri}`);
    return {
      authenticated: true,
      userId: user,
      claims: [['sub', JSON.stringify(user)], ['auth_method', JSON.stringify(method)], ['scopes', JSON.stringify(['read', 'write'])]],
      metadata: [],
    };
  },
};

export const capabilities = {
  getCapabilities() {
    return { types: ['auth'], metadata: [] };
  },
};
