// The one gate every http_fetch passes, whatever runtime the plugin is in (core wasm, Pyodide): the request text is
// parsed and checked, then the manifest's network rules decide. Making the request is the caller's job (sync or async).
import { Envelope, fail } from '../contract/envelope';
import type { FetchRequest } from './fetch-types';
import { hostAllowed } from './hosts';

export interface NetworkRules {
  allowed: boolean;
  hosts: string[];
}

/** A request that passed the gate, and the timeout it gets within what is left of the call. */
export interface AdmittedFetch {
  req: FetchRequest;
  timeoutMs: number;
}

/** Parses and checks `raw`; a refusal is an error envelope, and `deny` hears capability refusals (for the log). */
export function admitFetch(raw: string, network: NetworkRules, remainingMs: number, deny: (message: string) => void): AdmittedFetch | Envelope<never> {
  let req: FetchRequest;
  try {
    req = JSON.parse(raw) as FetchRequest;
  } catch (err) {
    return fail('bad_input', `http_fetch: the request is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof req !== 'object' || req === null || typeof req.url !== 'string') {
    return fail('bad_input', 'http_fetch: the request must be a JSON object with a "url" string');
  }
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return fail('bad_input', `http_fetch: "${req.url}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('bad_input', `http_fetch: only http and https URLs are supported, not ${url.protocol}`);
  if (!network.allowed) {
    const message = `capability_denied: http_fetch ${req.method ?? 'GET'} ${req.url}: outbound HTTP is not allowed ` +
      '(set capabilities.network.allow_outbound: true and list the host in allowed_hosts in plugin.yaml)';
    deny(message);
    return fail('capability_denied', message);
  }
  if (!hostAllowed(url, network.hosts)) {
    const message = `capability_denied: http_fetch to ${url.host}: not in capabilities.network.allowed_hosts (${network.hosts.length ? network.hosts.join(', ') : 'empty'})`;
    deny(message);
    return fail('capability_denied', message);
  }
  return { req, timeoutMs: Math.max(1, Math.floor(Math.min(Number(req.timeout_ms ?? 5000), remainingMs))) };
}

export function isAdmitted(gate: AdmittedFetch | Envelope<never>): gate is AdmittedFetch {
  return 'req' in gate;
}
