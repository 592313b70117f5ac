// Health of a remote plugin service: probed every interval_seconds while the plugin is in use; the state is what
// the editor shows next to the plugin and what `mockforge-plugin health` prints.
import { performance } from 'node:perf_hooks';
import { AttemptFailure } from './failure';
import type { Transport } from './transport';

export type HealthState = 'healthy' | 'unhealthy' | 'unknown';

export interface HealthStatus {
  state: HealthState;
  /** Epoch ms of the last probe. */
  checkedAt?: number;
  /** Round-trip time of the last probe. */
  rttMs?: number;
  /** Why the service is unhealthy. */
  message?: string;
  code?: string;
}

export class HealthMonitor {
  private current: HealthStatus = { state: 'unknown' };
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<HealthStatus> | undefined;
  private readonly listeners = new Set<(status: HealthStatus) => void>();

  constructor(private readonly transport: Transport, private readonly intervalMs: number, private readonly timeoutMs: number) {}

  get status(): HealthStatus {
    return this.current;
  }

  onChange(listener: (status: HealthStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** One probe now (concurrent callers share it). */
  check(): Promise<HealthStatus> {
    this.inFlight ??= this.probe().finally(() => { this.inFlight = undefined; });
    return this.inFlight;
  }

  /** Starts periodic probes (idempotent); the timer never keeps the process alive on its own. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.check(); }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Lets calls update the state without a probe: a reply proves the service is up, a refused connection that it is down. */
  observe(status: HealthStatus): void {
    this.set(status);
  }

  private async probe(): Promise<HealthStatus> {
    const t0 = performance.now();
    try {
      await this.transport.probeHealth(this.timeoutMs);
      return this.set({ state: 'healthy', checkedAt: Date.now(), rttMs: performance.now() - t0 });
    } catch (err) {
      const f = err instanceof AttemptFailure ? err : undefined;
      return this.set({
        state: 'unhealthy',
        checkedAt: Date.now(),
        rttMs: performance.now() - t0,
        message: f?.message ?? String(err),
        code: f?.code ?? 'internal',
      });
    }
  }

  private set(status: HealthStatus): HealthStatus {
    const changed = status.state !== this.current.state;
    this.current = status;
    if (changed) for (const l of this.listeners) l(status);
    return status;
  }
}
