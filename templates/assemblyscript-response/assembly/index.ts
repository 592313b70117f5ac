// __PLUGIN_NAME__: answers GET /orders/{id} with a generated order, and anything else with 404 — from request data.
import {
  JSONValue, MockResponse, PluginContext, ResponseData, ResponsePlugin, ResponseRequest, configGetOr,
  registerResponsePlugin,
} from '@mockforge/plugin-sdk';

// The ABI functions MockForge calls: the allocator and generate_response.
export { mockforge_alloc, mockforge_free, generate_response } from '@mockforge/plugin-sdk/abi';

/** The order id from the path parameters, else the last segment of /orders/<id>, else "". */
function orderId(request: ResponseRequest): string {
  if (request.pathParams.has('id') && request.pathParams.get('id').length > 0) return request.pathParams.get('id');
  const path = request.path.length > 0 ? request.path : request.uri;
  const q = path.indexOf('?');
  const clean = q >= 0 ? path.substring(0, q) : path;
  const parts = clean.split('/');
  if (parts.length >= 3 && parts[parts.length - 2] == 'orders') return parts[parts.length - 1];
  return '';
}

class OrderResponses extends ResponsePlugin {
  generateResponse(ctx: PluginContext, request: ResponseRequest): ResponseData | null {
    const id = orderId(request);
    if (request.method != 'GET' || id.length == 0) {
      const error = JSONValue.object()
        .setString('error', 'not_found')
        .setString('message', 'no mock for ' + request.method + ' ' + request.uri);
      return MockResponse.json(404, error);
    }
    // Deterministic data from the id's UTF-8 bytes, so the same request always gets the same order.
    const bytes = Uint8Array.wrap(String.UTF8.encode(id));
    let seed: i32 = 0;
    for (let i = 0; i < bytes.length; i++) seed = (seed * 31 + <i32>bytes[i]) & 0xffff;
    const items = 1 + (seed % 3);
    const order = JSONValue.object()
      .setString('id', id)
      .setString('status', seed % 2 == 0 ? 'shipped' : 'processing')
      .setNumber('items', <f64>items)
      .setNumber('total', <f64>(items * 1999) / 100)
      .setString('currency', configGetOr('currency', 'EUR'));
    return MockResponse.json(200, order).header('cache-control', 'no-store').header('x-mock-source', '__PLUGIN_ID__');
  }
}

registerResponsePlugin(new OrderResponses());
