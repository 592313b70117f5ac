// __PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured token.
//
// Run it: `node plugin.js` (listens on 127.0.0.1:$PORT). Configuration comes from the environment:
// AUTH_TOKEN (the secret) and AUTH_USER_ID (the user reported for an authenticated request).
'use strict';
const { timingSafeEqual } = require('node:crypto');
// The SDK copied into this project by `mockforge-plugin new` (one file, no npm install needed).
const { AuthPlugin } = require('./lib/mockforge-plugin-sdk');

/** A request header by name, ignoring case. */
function header(context, name) {
  const wanted = name.toLowerCase();
  const found = Object.entries(context.headers ?? {}).find(([k]) => k.toLowerCase() === wanted);
  return found ? found[1] : '';
}

function sameSecret(a, b) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

class TokenAuth extends AuthPlugin {
  constructor(token, userId = 'demo-user') {
    super();
    this.token = token;
    this.userId = userId;
  }

  async authenticate(context, credentials) {
    if (!this.token) return { authenticated: false, claims: {}, error_message: 'the plugin has no `token` configured' };
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
    if (!presented) return { authenticated: false, claims: {}, error_message: 'missing credentials: send Authorization: Bearer <token> or X-API-Key' };
    if (!sameSecret(presented, this.token)) return { authenticated: false, claims: {}, error_message: 'invalid token' };
    return {
      authenticated: true,
      user_id: this.userId,
      claims: { sub: this.userId, auth_method: method, scopes: ['read', 'write'] },
    };
  }
}

function fromEnvironment() {
  return new TokenAuth(process.env.AUTH_TOKEN ?? '', process.env.AUTH_USER_ID || 'demo-user');
}

module.exports = { TokenAuth, fromEnvironment };

if (require.main === module) {
  const plugin = fromEnvironment();
  const port = Number(process.env.PORT || __PORT__);
  // PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
  (process.env.PROTOCOL === 'grpc' ? plugin.serveGrpc(port) : plugin.listen(port)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
