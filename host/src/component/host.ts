// The mockforge:plugin/host imports a component sees (wit/host.wit), as jco's bindings call them: log, config-get,
// http-fetch. http-fetch goes through the core host's capability checks and fetch helper (host-imports httpFetch).
import type { Envelope } from '../contract/envelope';
import type { FetchResult } from '../net/fetch-types';
import type { LogLevel } from '../runtime';
import { LEVELS } from '../wasm/host-imports';

export interface HostBindings {
  log(level: LogLevel, message: string): void;
  config: Record<string, unknown>;
  /** The core ABI's http_fetch: JSON request text in, envelope out. */
  fetch(raw: string): Envelope<FetchResult>;
}

interface WitHttpRequest {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  body?: Uint8Array;
  timeoutMs?: number;
}

export function hostImports(b: HostBindings): Record<string, unknown> {
  return {
    log(level: string, message: string): void {
      b.log((LEVELS as string[]).includes(level) ? level as LogLevel : 'info', message);
    },
    configGet(key: string): string | undefined {
      if (!Object.prototype.hasOwnProperty.call(b.config, key)) return undefined;
      const value = b.config[key];
      if (value === undefined || value === null) return undefined;
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
    httpFetch(req: WitHttpRequest): { status: number; headers: Array<[string, string]>; body: Uint8Array } {
      const headers: Record<string, string> = {};
      for (const [k, v] of req.headers) headers[k] = v;
      const reply = b.fetch(JSON.stringify({
        method: req.method || 'GET', url: req.url, headers,
        body_base64: req.body ? Buffer.from(req.body).toString('base64') : undefined,
        timeout_ms: req.timeoutMs,
      }));
      if (!reply.success) {
        const e = reply.error;
        // jco turns a thrown {payload} into the err case of the import's result<http-response, plugin-error>.
        throw { payload: { code: e.code.replace(/_/g, '-'), message: e.message, details: [] } };
      }
      const r = reply.result;
      const body = r.body_base64 !== undefined ? Buffer.from(r.body_base64, 'base64') : Buffer.from(r.body ?? '', 'utf8');
      return { status: r.status, headers: Object.entries(r.headers), body: new Uint8Array(body) };
    },
  };
}
