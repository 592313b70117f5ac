// A failed attempt at a remote call: the error code it ends in, and whether trying again may help.
import type { ErrorCode } from '../contract/errors';

export class AttemptFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Connection errors, timeouts, 502/503/504, UNAVAILABLE/DEADLINE_EXCEEDED. Never 4xx or a plugin's own failure. */
    readonly retryable: boolean,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Up to `max` bytes of a body as text, for messages about replies we could not use. */
export function firstBytes(body: Buffer | string, max = 200): string {
  const text = typeof body === 'string' ? body : body.subarray(0, max * 4).toString('utf8');
  if (text.length === 0) return '(empty body)';
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}…` : JSON.stringify(text);
}

/** Node's socket-level error codes, mapped to what they mean for a remote plugin. */
export function networkFailure(err: unknown, target: string, hint: string): AttemptFailure {
  const e = err as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.code ?? e?.cause?.code ?? '';
  const message = e?.message ?? String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return new AttemptFailure('remote_unreachable', `connection refused by ${target}: ${hint}`, true, { errno: code, refused: true });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new AttemptFailure('remote_unreachable', `cannot resolve the host of ${target} (${code})`, code === 'EAI_AGAIN', { errno: code });
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new AttemptFailure('timeout', `connecting to ${target} timed out`, true, { errno: code });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new AttemptFailure('remote_unreachable', `the connection to ${target} failed: ${message} (${code})`, true, { errno: code });
  }
  const tls = tlsProblem(code, message);
  if (tls) return new AttemptFailure('remote_unreachable', `TLS with ${target} failed: ${tls}`, false, { errno: code });
  return new AttemptFailure('remote_unreachable', `calling ${target} failed: ${message}${code ? ` (${code})` : ''}`, true, { errno: code });
}

function tlsProblem(code: string, message: string): string | undefined {
  if (code === 'DEPTH_ZERO_SELF_SIGNED_CERT' || code === 'SELF_SIGNED_CERT_IN_CHAIN' || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') {
    return `the service's certificate is not trusted (${message}); point remote.tls.ca_file at the CA certificate that signed it`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `the certificate does not name this host (${message})`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return `${message} (${code})`;
  if (/^ERR_SSL_|^ERR_TLS_/.test(code) || /alert|certificate/i.test(message)) {
    return /certificate required|alert number 116|handshake failure/i.test(message)
      ? `${message}; the service asks for a client certificate: set remote.tls.cert_file and remote.tls.key_file`
      : `${message} (${code})`;
  }
  return undefined;
}
