// http_fetch from a sandboxed Python plugin arrives in the host as JSON text: the manifest's network rules are
// applied here (outside the sandbox), then the request is made with undici.
import type { Envelope } from '../contract/envelope';
import { performFetch } from '../net/fetch-async';
import type { FetchResult } from '../net/fetch-types';
import { admitFetch, isAdmitted } from '../net/fetch-gate';
import type { EnginePolicy } from '../wasm/plan';

export async function gatedFetch(raw: string, network: EnginePolicy['network'], remainingMs: number, deny: (message: string) => void): Promise<Envelope<FetchResult>> {
  const gate = admitFetch(raw, network, remainingMs, deny);
  return isAdmitted(gate) ? performFetch(gate.req, gate.timeoutMs) : gate;
}
