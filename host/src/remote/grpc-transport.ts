// gRPC transport: mockforge.plugin.v1.PluginService from wit/plugin.proto via @grpc/grpc-js, one channel per
// endpoint, deadlines from timeout_ms, the shared secret as metadata, TLS from remote.tls.
import * as grpc from '@grpc/grpc-js';
import { normaliseEnvelope } from '../contract/envelope';
import type { Envelope } from '../contract/envelope';
import { GRPC_METHODS } from '../contract/operations';
import type { Operation } from '../contract/operations';
import { DEFAULT_LIMITS } from '../manifest/types';
import { ProtoCodec, SERVICE_NAME, loadPluginProto } from '../../../sdk/node/src/grpc-codec';
import type { RemoteConfig } from './config';
import { AttemptFailure } from './failure';
import type { AttemptInfo, Transport } from './transport';

/** proto3 cannot tell an empty details map from none; the JSON envelope omits it (docs/protocol.md §7). */
function dropEmptyDetails(value: unknown): unknown {
  const error = (value as { error?: { details?: Record<string, unknown> } } | null)?.error;
  if (error?.details && Object.keys(error.details).length === 0) delete error.details;
  return value;
}

type UnaryMethod = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: unknown) => void) => grpc.ClientUnaryCall;

export class GrpcTransport implements Transport {
  readonly description: string;
  private readonly client: grpc.Client & Record<string, UnaryMethod>;
  private readonly codec: ProtoCodec;
  private readonly methods: Record<string, { requestType: string; responseType: string }>;

  constructor(private readonly config: RemoteConfig, private readonly unreachableHint: string, protoPath?: string) {
    const definition = loadPluginProto(protoPath);
    this.codec = new ProtoCodec(definition);
    const service = definition[SERVICE_NAME] as unknown as Record<string, { requestType: { type: { name: string } }; responseType: { type: { name: string } } }>;
    this.methods = Object.fromEntries(Object.entries(service).map(([name, m]) => [name, {
      requestType: `mockforge.plugin.v1.${m.requestType.type.name}`,
      responseType: `mockforge.plugin.v1.${m.responseType.type.name}`,
    }]));
    const Ctor = grpc.makeClientConstructor(service as unknown as grpc.ServiceDefinition, 'PluginService');
    const target = config.endpoint.host;
    this.description = `grpc ${config.endpoint.protocol === 'https:' ? 'with TLS ' : ''}${target}`;
    this.client = new Ctor(target, this.credentials(), {
      'grpc.max_receive_message_length': DEFAULT_LIMITS.maxOutputBytes,
      'grpc.max_send_message_length': DEFAULT_LIMITS.maxOutputBytes,
      // Reconnect quickly after a refused connection: a local dev service may have just started.
      'grpc.initial_reconnect_backoff_ms': 100,
      'grpc.max_reconnect_backoff_ms': 1000,
    }) as grpc.Client & Record<string, UnaryMethod>;
  }

  async attempt(operation: Operation, input: unknown, timeoutMs: number, signal?: AbortSignal): Promise<{ envelope: Envelope; info: AttemptInfo }> {
    const method = GRPC_METHODS[operation];
    const info: AttemptInfo = { target: `${SERVICE_NAME}/${method} at ${this.config.endpoint.host}` };
    const types = this.methods[method];
    if (!types) throw new AttemptFailure('internal', `plugin.proto has no method ${method}`, false);
    let request: unknown;
    try {
      request = this.codec.toProto(types.requestType, input ?? {});
    } catch (err) {
      throw new AttemptFailure('bad_input', `cannot encode the ${operation} request: ${(err as Error).message}`, false);
    }
    const reply = await this.unary(method, request, timeoutMs, signal, info.target);
    info.status = 'OK';
    let value: unknown;
    try {
      value = this.codec.fromProto(types.responseType, reply);
    } catch (err) {
      throw new AttemptFailure('bad_response', `${info.target} answered with ${(err as Error).message}`, false);
    }
    const envelope = normaliseEnvelope(dropEmptyDetails(value));
    if (!envelope.ok) throw new AttemptFailure('bad_response', `${info.target} answered with a reply that is not an envelope (${envelope.reason}): ${JSON.stringify(value).slice(0, 200)}`, false);
    return { envelope: envelope.envelope, info };
  }

  async probeHealth(timeoutMs: number): Promise<void> {
    const target = `${SERVICE_NAME}/Health at ${this.config.endpoint.host}`;
    const reply = (await this.unary('Health', {}, timeoutMs, undefined, target)) as { status?: string };
    if (reply?.status !== 'ok') {
      throw new AttemptFailure('remote_status', `${target} answered status ${JSON.stringify(reply?.status ?? '')}, not "ok"`, true);
    }
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private credentials(): grpc.ChannelCredentials {
    if (this.config.endpoint.protocol !== 'https:') return grpc.credentials.createInsecure();
    const { ca, cert, key, insecure } = this.config.tls;
    return grpc.credentials.createSsl(ca ?? null, key ?? null, cert ?? null, insecure ? { rejectUnauthorized: false, checkServerIdentity: () => undefined } : {});
  }

  private unary(method: string, request: unknown, timeoutMs: number, signal: AbortSignal | undefined, target: string): Promise<unknown> {
    const metadata = new grpc.Metadata();
    for (const [k, v] of Object.entries(this.config.authHeaders)) metadata.set(k, v);
    return new Promise((resolve, reject) => {
      const fn = this.client[method];
      if (typeof fn !== 'function') return reject(new AttemptFailure('internal', `the gRPC client has no method ${method}`, false));
      const call = fn.call(this.client, request, metadata, { deadline: Date.now() + timeoutMs }, (err, res) => {
        signal?.removeEventListener('abort', onAbort);
        if (err) return reject(this.failure(err, target, timeoutMs, signal));
        resolve(res);
      });
      const onAbort = () => call.cancel();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private failure(err: grpc.ServiceError, target: string, timeoutMs: number, signal?: AbortSignal): AttemptFailure {
    const details = { grpcStatus: grpc.status[err.code] ?? String(err.code) };
    const text = err.details || err.message;
    switch (err.code) {
      case grpc.status.DEADLINE_EXCEEDED:
        return new AttemptFailure('timeout', `${target} did not answer within timeout_ms (${timeoutMs} ms)`, true, { ...details, timeoutMs });
      case grpc.status.UNAVAILABLE: {
        const refused = /ECONNREFUSED/.test(text);
        const tls = /certificate|SSL|TLS|handshake/i.test(text);
        const why = refused ? `connection refused by ${this.config.endpoint.host}: ${this.unreachableHint}`
          : tls ? `TLS with ${this.config.endpoint.host} failed: ${text}${/self.signed|unable to (verify|get)/i.test(text) ? '; point remote.tls.ca_file at the CA certificate that signed it' : ''}`
          : `${target} is unavailable: ${text}`;
        return new AttemptFailure('remote_unreachable', why, !tls, { ...details, ...(refused ? { refused: true, errno: 'ECONNREFUSED' } : {}) });
      }
      case grpc.status.UNAUTHENTICATED:
      case grpc.status.PERMISSION_DENIED: {
        const who = this.config.authEnv ? `the secret in ${this.config.authEnv}` : 'no credentials (remote.auth is not set)';
        return new AttemptFailure('unauthorized', `${target} rejected ${who} (${details.grpcStatus}): ${text}`, false, details);
      }
      case grpc.status.UNIMPLEMENTED:
        return new AttemptFailure('unsupported_operation', `${target}: the service does not implement this method (${text})`, false, details);
      case grpc.status.RESOURCE_EXHAUSTED:
        if (/max|larger|size/i.test(text)) {
          return new AttemptFailure('bad_response', `${target} sent a reply larger than the limit of ${DEFAULT_LIMITS.maxOutputBytes} bytes (16 MiB): ${text}`, false, details);
        }
        return new AttemptFailure('remote_status', `${target} answered ${details.grpcStatus}: ${text}`, false, details);
      case grpc.status.CANCELLED:
        if (signal?.aborted) return new AttemptFailure('timeout', `${target} was cancelled by the caller`, false, { ...details, cancelled: true });
        return new AttemptFailure('remote_unreachable', `${target} was cancelled: ${text}`, true, details);
      case grpc.status.INTERNAL:
        // grpc-js reports a request it cannot serialize (e.g. a string where plugin.proto has a message) as INTERNAL
        // before anything is sent: that is the caller's bad input, as over HTTP.
        if (/^Request message serialization failure/i.test(text)) return new AttemptFailure('bad_input', `the request does not fit plugin.proto: ${text}`, false, details);
        if (/pars|deserial/i.test(text)) return new AttemptFailure('bad_response', `${target} answered with bytes that are not a ${SERVICE_NAME} reply: ${text}`, false, details);
        return new AttemptFailure('remote_status', `${target} answered INTERNAL: ${text}`, false, details);
      default:
        return new AttemptFailure('remote_status', `${target} answered ${details.grpcStatus}: ${text}`, false, details);
    }
  }
}

