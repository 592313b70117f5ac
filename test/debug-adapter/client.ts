// A Debug Adapter Protocol client for tests: sends requests to a WasmDebugSession the way VS Code does (message
// objects, as through a DebugAdapterInlineImplementation) and waits for responses and events.
import type { DapEvent, DapMessage, DapResponse } from '../../host/src/debug/adapter/dap';
import { WasmDebugSession } from '../../host/src/debug/adapter/session';

export class DapClient {
  readonly session = new WasmDebugSession();
  readonly events: DapEvent[] = [];
  private seq = 1;
  private readonly waitingResponses = new Map<number, (r: DapResponse) => void>();
  private readonly waitingEvents: Array<{ match: (e: DapEvent) => boolean; from: number; resolve: (e: DapEvent) => void }> = [];

  constructor() {
    this.session.onDidSendMessage((m: DapMessage) => {
      if (m.type === 'response') {
        this.waitingResponses.get(m.request_seq)?.(m);
        this.waitingResponses.delete(m.request_seq);
      } else if (m.type === 'event') {
        this.events.push(m);
        for (const w of [...this.waitingEvents]) {
          if (this.events.length - 1 >= w.from && w.match(m)) {
            this.waitingEvents.splice(this.waitingEvents.indexOf(w), 1);
            w.resolve(m);
          }
        }
      }
    });
  }

  /** Sends a request; resolves with the response, whatever its success. */
  raw(command: string, args?: Record<string, unknown>): Promise<DapResponse> {
    const seq = this.seq++;
    return new Promise((resolve) => {
      this.waitingResponses.set(seq, resolve);
      this.session.handleMessage({ seq, type: 'request', command, arguments: args });
    });
  }

  /** Sends a request; resolves with the response body, rejects with the adapter's message when it failed. */
  async request<T = Record<string, unknown>>(command: string, args?: Record<string, unknown>): Promise<T> {
    const r = await this.raw(command, args);
    if (!r.success) throw new Error(`${command} failed: ${r.message}`);
    return r.body as T;
  }

  /** A mark in the event log: `event(name, …, mark)` only considers events after it. */
  mark(): number {
    return this.events.length;
  }

  /** The first event named `name` (after `from`) that `match` accepts, already received or still to come. */
  event<T = Record<string, unknown>>(name: string, match: (body: T) => boolean = () => true, from = 0): Promise<T> {
    const test = (e: DapEvent): boolean => e.event === name && match(e.body as T);
    const seen = this.events.slice(from).find(test);
    if (seen) return Promise.resolve(seen.body as T);
    return new Promise((resolve) => this.waitingEvents.push({ match: test, from, resolve: (e) => resolve(e.body as T) }));
  }

  output(): string {
    return this.events.filter((e) => e.event === 'output').map((e) => (e.body as { output: string }).output).join('');
  }
}
