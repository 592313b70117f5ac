// __PLUGIN_NAME__: answers GET /orders/{id} with a generated order, and anything else with 404 — from request data.
//
// Run it: `node plugin.js` (listens on 127.0.0.1:$PORT). Configuration: CURRENCY (default EUR).
'use strict';
// The SDK copied into this project by `mockforge-plugin new` (one file, no npm install needed).
const { ResponsePlugin } = require('./lib/mockforge-plugin-sdk');

function jsonResponse(status, value) {
  return {
    status_code: status,
    content_type: 'application/json',
    headers: {},
    // Bodies travel base64-encoded.
    body: Buffer.from(JSON.stringify(value), 'utf8').toString('base64'),
  };
}

/** The id path parameter, else the last segment of /orders/<id>, else "". */
function orderId(request) {
  if (request.path_params && request.path_params.id) return request.path_params.id;
  const parts = (request.path || request.uri || '').split('?')[0].split('/');
  return parts.length >= 3 && parts[parts.length - 2] === 'orders' ? parts[parts.length - 1] : '';
}

class Orders extends ResponsePlugin {
  constructor(currency = 'EUR') {
    super();
    this.currency = currency;
  }

  generateResponse(context, request) {
    const id = orderId(request);
    if (request.method !== 'GET' || !id) {
      return jsonResponse(404, { error: 'not_found', message: `no mock for ${request.method} ${request.uri}` });
    }
    // Deterministic data from the id, so the same request always gets the same order.
    let seed = 0;
    for (const byte of Buffer.from(id, 'utf8')) seed = (seed * 31 + byte) & 0xffff;
    const items = 1 + (seed % 3);
    const res = jsonResponse(200, {
      id,
      status: seed % 2 === 0 ? 'shipped' : 'processing',
      items,
      total: (items * 1999) / 100,
      currency: this.currency,
    });
    res.headers['cache-control'] = 'no-store';
    res.headers['x-mock-source'] = '__PLUGIN_ID__';
    return res;
  }
}

module.exports = { Orders };

if (require.main === module) {
  const plugin = new Orders(process.env.CURRENCY || 'EUR');
  const port = Number(process.env.PORT || __PORT__);
  // PROTOCOL=grpc serves gRPC instead of HTTP (with `remote.protocol: grpc` in plugin.yaml).
  (process.env.PROTOCOL === 'grpc' ? plugin.serveGrpc(port) : plugin.listen(port)).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
