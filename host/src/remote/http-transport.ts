// HTTP/JSON transport: POST {endpoint}{HTTP_PATHS[op]} with a JSON body over a keep-alive undici Pool.
import { Pool } from 'undici';
import { normaliseEnvelope } from '../contract/envelope';
import type { Envelope } from '../contract/envelope';
import { HTTP_PATHS } from '../contract/operations';
import type { Operation } from '../contract/operations';
import { DEFAULT_LIMITS } from '../manifest/types';
import type { RemoteConfig } from './config';
import { AttemptFailure, firstBytes, networkFailure } from './failure';
import { exchange, ExchangeStopped } from './http-exchange';
import type { ExchangeReply, ExchangeRequest } from './http-exchange';
import type { AttemptInfo, Transport } from './transport';

const RETRYABLE_STATUS = new Set([502, 503, 504]);

export class HttpTransport implements Transport {
  readonly description: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  /** Built once: undici does not modify them, and every call sends the same. */
  private readonly postHeaders: Record<string, string>;
  private readonly getHeaders: Record<string, string>;

  constructor(private readonly config: RemoteConfig, private readonly unreachableHint: string, private readonly maxBodyBytes = DEFAULT_LIMITS.maxOutputBytes) {
    this.description = `${config.endpoint.origin}${config.basePath}`;
    this.basePath = config.basePath;
    this.postHeaders = { 'content-type': 'application/json', accept: 'application/json', ...config.authHeaders };
    this.getHeaders = { accept: 'application/json', ...config.authHeaders };
    const { tls } = config;
    this.pool = new Pool(config.endpoint.origin, {
      connections: Number.isFinite(config.maxConcurrent) ? config.maxConcurrent : null,
      keepAliveTimeout: 30_000,
      connect: config.endpoint.protocol === 'https:'
        ? { ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: !tls.insecure }
        : undefined,
    });
  }

  async attempt(operation: Operation, input: unknown, timeoutMs: number, signal?: AbortSignal): Promise<{ envelope: Envelope; info: AttemptInfo }> {
    const path = this.basePath + HTTP_PATHS[operation];
    const info: AttemptInfo = { target: `POST ${this.config.endpoint.origin}${path}` };
    const body = JSON.stringify(input ?? {});
    const { status, bytes } = await this.exchange({
      method: 'POST',
      path,
      headers: this.postHeaders,
      body,
    }, timeoutMs, signal, info.target);
    info.status = String(status);
    return { envelope: this.interpret(status, bytes, info.target), info };
  }

  async probeHealth(timeoutMs: number): Promise<void> {
    const path = this.basePath + this.config.health.path;
    const target = `GET ${this.config.endpoint.origin}${path}`;
    const { status, bytes } = await this.exchange({ method: 'GET', path, headers: this.getHeaders }, timeoutMs, undefined, target);
    if (status < 200 || status > 299) {
      throw new AttemptFailure('remote_status', `${target} answered HTTP ${status}: ${firstBytes(bytes)}`, RETRYABLE_STATUS.has(status), { status });
    }
  }

  async close(): Promise<void> {
    await this.pool.close();
  }

  /** One request with a deadline covering connecting, headers and body, and a cap on the body size. */
  private async exchange(request: ExchangeRequest, timeoutMs: number, signal: AbortSignal | undefined, target: string): Promise<ExchangeReply> {
    try {
      return await exchange(this.pool, request, { timeoutMs, signal, maxBodyBytes: this.maxBodyBytes });
    } catch (err) {
      if (err instanceof ExchangeStopped) {
        if (err.reason === 'timeout') throw new AttemptFailure('timeout', `${target} did not answer within timeout_ms (${timeoutMs} ms)`, true, { timeoutMs });
        if (err.reason === 'cancelled') throw new AttemptFailure('timeout', `${target} was cancelled by the caller`, false, { cancelled: true });
        throw tooLarge(target, err.size, this.maxBodyBytes);
      }
      const failure = networkFailure(err, this.config.endpoint.origin, this.unreachableHint);
      // TLS 1.3 servers reject a missing client certificate after the handshake, so we only see the socket close.
      if (this.config.endpoint.protocol === 'https:' && !this.config.tls.cert && (failure.details.errno === 'UND_ERR_SOCKET' || failure.details.errno === 'ECONNRESET')) {
        throw new AttemptFailure(failure.code, `${failure.message}; if the service requires mutual TLS, set remote.tls.cert_file and remote.tls.key_file`, failure.retryable, failure.details);
      }
      throw failure;
    }
  }

  private interpret(status: number, bytes: Buffer, target: string): Envelope {
    if (status === 401 || status === 403) {
      const who = this.config.authEnv ? `the secret in ${this.config.authEnv}` : 'no credentials (remote.auth is not set)';
      throw new AttemptFailure('unauthorized', `${target} rejected ${who} with HTTP ${status}: ${firstBytes(bytes)}`, false, { status });
    }
    const parsed = parseJson(bytes);
    const envelope = parsed.ok ? normaliseEnvelope(parsed.value) : undefined;
    if (status >= 200 && status <= 299) {
      if (!parsed.ok) throw new AttemptFailure('bad_response', `${target} answered HTTP ${status} with a body that is not JSON: ${firstBytes(bytes)}`, false, { status });
      if (!envelope?.ok) throw new AttemptFailure('bad_response', `${target} answered with JSON that is not a reply envelope (${envelope?.reason}): ${firstBytes(bytes)}`, false, { status });
      return envelope.envelope;
    }
    if (RETRYABLE_STATUS.has(status)) {
      throw new AttemptFailure('remote_status', `${target} answered HTTP ${status}: ${firstBytes(bytes)}`, true, { status });
    }
    // A 4xx/5xx that carries a failure envelope is the service explaining itself (e.g. the SDK's 400 bad_input).
    if (envelope?.ok && !envelope.envelope.success) {
      const error = envelope.envelope.error;
      return { success: false, error: { ...error, details: { ...(error.details ?? {}), status } } };
    }
    if (status === 404) {
      throw new AttemptFailure('unsupported_operation', `${target} answered HTTP 404: the service has no route for this operation (${firstBytes(bytes)})`, false, { status });
    }
    throw new AttemptFailure('remote_status', `${target} answered HTTP ${status}: ${firstBytes(bytes)}`, false, { status });
  }
}

function tooLarge(target: string, size: number, max: number): AttemptFailure {
  return new AttemptFailure('bad_response', `${target} sent a reply of ${size} bytes or more; the limit is ${max} bytes (16 MiB)`, false, { size, max });
}

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
