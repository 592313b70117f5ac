// The HTTP/JSON server on node:http: POST /plugin/... per operation, GET /health, JSON envelopes.
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MockForgePlugin } from './plugin';
import { checkListenHost, onShutdownSignal, resolveSecret, secretMatches } from './server';
import type { CommonServeOptions, RunningServer } from './server';
import { HTTP_PATHS } from './types';
import type { Envelope, Operation } from './types';

const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const ROUTES = new Map<string, Operation>(Object.entries(HTTP_PATHS).map(([op, path]) => [path, op as Operation]));

export interface HttpServeOptions extends CommonServeOptions {
  /** Serve https:// with this certificate; `ca` + `requestClientCert` turn on mutual TLS. */
  tls?: { cert: string | Buffer; key: string | Buffer; ca?: string | Buffer; requestClientCert?: boolean };
}

export async function serveHttp(plugin: MockForgePlugin, options: HttpServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  checkListenHost(host, options.allowAllInterfaces);
  const secret = resolveSecret(options.secret);
  let closing = false;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    // While shutting down, answer what arrives on kept-alive connections and close them after the reply.
    if (closing) res.setHeader('connection', 'close');
    handle(plugin, req, res, secret, options.apiKeyHeader).catch((err: unknown) => {
      plugin.onError('get_capabilities', err);
      if (!res.headersSent) send(res, 500, { success: false, error: { code: 'internal', message: 'the plugin server failed to answer' } });
    });
  };
  const { tls } = options;
  const server = tls
    ? createTlsServer({ cert: tls.cert, key: tls.key, ca: tls.ca, requestCert: tls.requestClientCert ?? false, rejectUnauthorized: tls.requestClientCert ?? false }, listener)
    : createServer(listener);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let removeSignals = () => {};
  const close = () => new Promise<void>((resolve) => {
    removeSignals();
    closing = true;
    server.close(() => resolve());
    server.closeIdleConnections();
  });
  if (options.handleSignals ?? true) removeSignals = onShutdownSignal(close);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { protocol: 'http', host, port, url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`, close };
}

async function handle(plugin: MockForgePlugin, req: IncomingMessage, res: ServerResponse, secret: string | undefined, apiKeyHeader?: string): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === '/health') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, failure('bad_input', 'use GET /health'));
    return send(res, 200, { status: 'ok', operations: plugin.operations() });
  }
  const operation = ROUTES.get(path);
  if (!operation) return send(res, 404, failure('unsupported_operation', `no such path: ${path}`));
  if (req.method !== 'POST') return send(res, 405, failure('bad_input', `use POST ${path}`));
  if (secret !== undefined && !secretMatches(secret, (n) => headerValue(req, n), apiKeyHeader)) {
    req.resume();
    return send(res, 401, failure('unauthorized', 'missing or wrong credentials: send Authorization: Bearer <secret> or X-API-Key: <secret>'));
  }
  const raw = await readBody(req);
  if (raw === undefined) return send(res, 413, failure('bad_input', `the request body is larger than ${MAX_REQUEST_BYTES} bytes`));
  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch (err) {
    return send(res, 400, failure('bad_input', `the request body is not valid JSON: ${(err as Error).message}`));
  }
  const { status, envelope } = await plugin.dispatch(operation, body);
  send(res, status, envelope);
}

function failure(code: 'bad_input' | 'unsupported_operation' | 'unauthorized', message: string): Envelope {
  return { success: false, error: { code, message } };
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The body, or undefined once it exceeds the limit (the rest is drained, not buffered). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
