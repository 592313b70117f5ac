// What both servers share: the listening address rule (loopback unless explicitly allowed), the shared-secret
// check, and the handle returned to the caller.
import { timingSafeEqual } from 'node:crypto';

export interface RunningServer {
  readonly protocol: 'http' | 'grpc';
  readonly host: string;
  readonly port: number;
  /** http://127.0.0.1:PORT, or 127.0.0.1:PORT for gRPC. */
  readonly url: string;
  /** Stops accepting connections and resolves when in-flight requests are done. */
  close(): Promise<void>;
}

export interface CommonServeOptions {
  port?: number;
  host?: string;
  /** Required to listen on all interfaces (0.0.0.0 / ::); the default 127.0.0.1 is reachable from this machine only. */
  allowAllInterfaces?: boolean;
  /**
   * Shared secret callers must present as `Authorization: Bearer <secret>` or in the API-key header.
   * Default: the environment variable MOCKFORGE_PLUGIN_SECRET, when set. `null` turns the check off.
   */
  secret?: string | null;
  /** Header carrying an API key (default x-api-key). */
  apiKeyHeader?: string;
  /** Stop gracefully on SIGINT/SIGTERM (default true). */
  handleSignals?: boolean;
}

export function checkListenHost(host: string, allowAllInterfaces: boolean | undefined): void {
  const all = host === '0.0.0.0' || host === '::' || host === '' || host === '[::]';
  if (all && !allowAllInterfaces) {
    throw new Error(`refusing to listen on ${host || 'all interfaces'}: that exposes the plugin to the network. Listen on 127.0.0.1, or pass allowAllInterfaces: true (and set a secret).`);
  }
}

export function resolveSecret(option: string | null | undefined): string | undefined {
  if (option === null) return undefined;
  const s = option ?? process.env.MOCKFORGE_PLUGIN_SECRET;
  return s === undefined || s === '' ? undefined : s;
}

/** True when the presented headers carry the secret (bearer or API key); constant-time comparison. */
export function secretMatches(secret: string, header: (name: string) => string | undefined, apiKeyHeader = 'x-api-key'): boolean {
  const auth = header('authorization');
  const bearer = auth && /^Bearer\s+/i.test(auth) ? auth.replace(/^Bearer\s+/i, '') : undefined;
  return [bearer, header(apiKeyHeader.toLowerCase())].some((v) => v !== undefined && equal(v, secret));
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Runs `close` on the first SIGINT/SIGTERM; returns a function that removes the handlers. */
export function onShutdownSignal(close: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals) => {
    remove();
    void close().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const remove = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return remove;
}
