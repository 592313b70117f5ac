// The gRPC server (@grpc/grpc-js): mockforge.plugin.v1.PluginService from plugin.proto, carrying the same bodies
// and envelopes as HTTP (see grpc-codec.ts), plus Health.
import * as grpc from '@grpc/grpc-js';
import { CodecError, ProtoCodec, PROTO_PACKAGE, SERVICE_NAME, loadPluginProto } from './grpc-codec';
import type { MockForgePlugin } from './plugin';
import { checkListenHost, onShutdownSignal, resolveSecret, secretMatches } from './server';
import type { CommonServeOptions, RunningServer } from './server';
import { GRPC_METHODS } from './types';
import type { Envelope, Operation } from './types';

export interface GrpcServeOptions extends CommonServeOptions {
  /** Path of plugin.proto when it is not found next to the package or in the repository's wit/. */
  protoPath?: string;
  /** Serve with TLS; `ca` + `requestClientCert` turn on mutual TLS. */
  tls?: { cert: Buffer; key: Buffer; ca?: Buffer; requestClientCert?: boolean };
}

type Handler = grpc.handleUnaryCall<unknown, unknown>;

export async function serveGrpc(plugin: MockForgePlugin, options: GrpcServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  checkListenHost(host, options.allowAllInterfaces);
  const secret = resolveSecret(options.secret);
  const definition = loadPluginProto(options.protoPath);
  const codec = new ProtoCodec(definition);
  const service = definition[SERVICE_NAME] as unknown as grpc.ServiceDefinition & Record<string, { requestType: { type: { name: string } }; responseType: { type: { name: string } } }>;

  const authorised = (md: grpc.Metadata) => {
    if (secret === undefined) return true;
    return secretMatches(secret, (name) => {
      const v = md.get(name)[0];
      return v === undefined ? undefined : String(v);
    }, options.apiKeyHeader);
  };

  const handlers: Record<string, Handler> = {
    Health: (_call, callback) => callback(null, { status: 'ok' }),
  };
  for (const [operation, method] of Object.entries(GRPC_METHODS) as Array<[Operation, string]>) {
    const requestType = `${PROTO_PACKAGE}.${service[method]!.requestType.type.name}`;
    const replyType = `${PROTO_PACKAGE}.${service[method]!.responseType.type.name}`;
    handlers[method] = (call, callback) => {
      if (!authorised(call.metadata)) {
        return callback({ code: grpc.status.UNAUTHENTICATED, details: 'missing or wrong credentials: send authorization: Bearer <secret> or x-api-key: <secret> metadata' });
      }
      void (async () => {
        let envelope: Envelope;
        try {
          const body = codec.fromProto(requestType, call.request);
          envelope = (await plugin.dispatch(operation, body)).envelope;
        } catch (err) {
          if (!(err instanceof CodecError)) plugin.onError(operation, err);
          envelope = { success: false, error: { code: err instanceof CodecError ? 'bad_input' : 'internal', message: (err as Error).message } };
        }
        try {
          callback(null, codec.toProto(replyType, envelope));
        } catch (err) {
          callback({ code: grpc.status.INTERNAL, details: `cannot encode the reply: ${(err as Error).message}` });
        }
      })();
    };
  }

  const server = new grpc.Server({ 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  server.addService(service, handlers);
  const creds = options.tls
    ? grpc.ServerCredentials.createSsl(options.tls.ca ?? null, [{ private_key: options.tls.key, cert_chain: options.tls.cert }], options.tls.requestClientCert ?? false)
    : grpc.ServerCredentials.createInsecure();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${shownHost}:${options.port ?? 50051}`, creds, (err, p) => (err ? reject(err) : resolve(p)));
  });
  let removeSignals = () => {};
  const close = () => new Promise<void>((resolve) => {
    removeSignals();
    const force = setTimeout(() => server.forceShutdown(), 5000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
  if (options.handleSignals ?? true) removeSignals = onShutdownSignal(close);
  return { protocol: 'grpc', host, port, url: `${shownHost}:${port}`, close };
}
