// max_concurrent_requests as a client-side queue: excess calls wait their turn (FIFO) instead of failing.
export class ConcurrencyQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Number of calls waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // A free slot starts the call in this tick (no extra await); only a full queue waits.
    if (this.active < this.limit) {
      this.active++;
      return this.runHolding(fn);
    }
    return this.wait(signal).then(() => this.runHolding(fn));
  }

  private async runHolding<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      // An abort event has already fired for a signal that is aborted now: it would never reach the listener below.
      if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}
