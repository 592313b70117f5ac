// A Chrome DevTools Protocol connection to a Node inspector (`node --inspect-brk`), over the `ws` package: commands
// are promises, events go to per-method handlers, a lost connection rejects whatever is still waiting.
import WebSocket from 'ws';

type Handler = (params: Record<string, unknown>) => void;

export class CdpError extends Error {
  constructor(readonly method: string, message: string) {
    super(`${method}: ${message}`);
  }
}

export class Cdp {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, Handler[]>();
  private readonly closeHandlers: Array<() => void> = [];
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', () => this.lost('the inspector connection closed'));
    socket.on('error', (err) => this.lost(`the inspector connection failed: ${err.message}`));
  }

  static connect(url: string): Promise<Cdp> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new Cdp(socket)));
      socket.once('error', (err) => reject(new Error(`cannot connect to the inspector at ${url}: ${err.message}`)));
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.closed) return Promise.reject(new CdpError(method, 'the debuggee is gone'));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (v: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(method: string, handler: Handler): void {
    const list = this.handlers.get(method) ?? [];
    list.push(handler);
    this.handlers.set(method, list);
  }

  onClose(handler: () => void): void {
    this.closeHandlers.push(handler);
  }

  close(): void {
    this.socket.close();
    this.lost('closed');
  }

  private receive(text: string): void {
    let message: { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return; // not CDP: nothing to route
    }
    if (message.id !== undefined) {
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(new CdpError(waiting.method, message.error.message ?? JSON.stringify(message.error)));
      else waiting.resolve(message.result ?? {});
      return;
    }
    if (message.method) for (const h of this.handlers.get(message.method) ?? []) h(message.params ?? {});
  }

  private lost(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    for (const [, waiting] of this.pending) waiting.reject(new CdpError(waiting.method, reason));
    this.pending.clear();
    for (const h of this.closeHandlers) h();
  }
}
