// http_fetch from a sandboxed Python plugin arrives in the host as JSON text: the manifest's network rules are
// applied here (outside the sandbox), then the request is made with undici.
import { Envelope, fail } from '../contract/envelope';
import { performFetch } from '../net/fetch-async';
import type { FetchRequest, FetchResult } from '../net/fetch-types';
import { hostAllowed } from '../net/hosts';
import type { EnginePolicy } from '../wasm/plan';

export async function gatedFetch(raw: string, network: EnginePolicy['network'], remainingMs: number, deny: (message: string) => void): Promise<Envelope<FetchResult>> {
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
  return performFetch(req, Math.max(1, Math.floor(Math.min(Number(req.timeout_ms ?? 5000), remainingMs))));
}
