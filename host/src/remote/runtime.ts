// The remote runtime: a PluginRuntime whose calls go to a service over HTTP/JSON or gRPC, with the manifest's
// timeout, retry policy, concurrency limit, auth, TLS, health checks and (for local development) a started service.
import { performance } from 'node:perf_hooks';
import { fail } from '../contract/envelope';
import type { Envelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import { formatProblems, validateResult } from '../contract/validate';
import type { PluginManifest } from '../manifest/types';
import type { CallOptions, CallOutcome, LogLevel, LogRecord, PluginRuntime } from '../runtime';
import { backoffDelay, delay } from './backoff';
import { RemoteConfigError, resolveRemoteConfig } from './config';
import type { RemoteConfig } from './config';
import { DevServiceProcess } from './dev-service';
import { AttemptFailure } from './failure';
import { HealthMonitor } from './health';
import type { HealthStatus } from './health';
import { GrpcTransport } from './grpc-transport';
import { HttpTransport } from './http-transport';
import { ConcurrencyQueue } from './queue';
import type { Transport } from './transport';

export interface RemoteRuntimeOptions {
  /** Where token_env is looked up (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Host log lines outside any call (warnings at load, health changes, dev service output). */
  onLog?: (record: LogRecord) => void;
  /** Start `remote.dev.command` when the loopback endpoint is not answering (default true). */
  startDevService?: boolean;
  /** Bound on waiting for a started dev service to pass its health check (default 30 s). */
  devStartTimeoutMs?: number;
  /** Overrides where wit/plugin.proto is looked for (gRPC). */
  protoPath?: string;
  /** Overrides Math.random for the backoff jitter (tests). */
  random?: () => number;
}

export interface RemoteRuntime extends PluginRuntime {
  readonly kind: 'remote';
  readonly config: RemoteConfig;
  /** The last known health state (unknown until the first probe or call). */
  health(): HealthStatus;
  /** Probes now. */
  checkHealth(): Promise<HealthStatus>;
  onHealthChange(listener: (status: HealthStatus) => void): () => void;
  /** The dev service this runtime started, if any. */
  readonly devService: DevServiceProcess | undefined;
  /**
   * Starts remote.dev when the loopback endpoint is not answering and waits until it is healthy (calls do this
   * themselves; the request panel calls it up front). Resolves with a failure envelope if the service cannot start.
   */
  start(onLog?: (record: LogRecord) => void): Promise<Envelope | undefined>;
}

/** Throws RemoteConfigError (a load_failed) when the manifest's remote section is unusable. */
export async function createRemoteRuntime(manifest: PluginManifest, manifestDir: string, options: RemoteRuntimeOptions = {}): Promise<RemoteRuntime> {
  const config = resolveRemoteConfig(manifest, manifestDir, options.env);
  const hint = unreachableHint(config);
  let transport: Transport;
  if (config.protocol === 'grpc') {
    try {
      transport = new GrpcTransport(config, hint, options.protoPath);
    } catch (err) {
      throw new RemoteConfigError(`cannot set up the gRPC client: ${(err as Error).message}`);
    }
  } else {
    transport = new HttpTransport(config, hint);
  }
  const runtime = new RemoteRuntimeImpl(config, transport, options);
  for (const w of config.warnings) runtime.hostLog('warn', w);
  return runtime;
}

export function unreachableHint(config: RemoteConfig): string {
  if (config.dev) return `is the plugin service running? start it with \`${config.dev.command}\` (in ${config.dev.cwd})`;
  return `is the plugin service running? start it (e.g. \`python3 plugin.py\` or \`node plugin.js\`) so that it listens on ${config.endpoint.host}, or add remote.dev.command to plugin.yaml so it is started for you`;
}

class RemoteRuntimeImpl implements RemoteRuntime {
  readonly kind = 'remote' as const;
  private readonly queue: ConcurrencyQueue;
  private readonly monitor: HealthMonitor;
  private dev: DevServiceProcess | undefined;
  private devStarting: Promise<void> | undefined;
  private disposed = false;

  constructor(readonly config: RemoteConfig, private readonly transport: Transport, private readonly options: RemoteRuntimeOptions) {
    this.queue = new ConcurrencyQueue(config.maxConcurrent);
    this.monitor = new HealthMonitor(transport, config.health.intervalMs, Math.min(config.timeoutMs, 5000));
    this.monitor.onChange((s) => this.hostLog(s.state === 'healthy' ? 'info' : 'warn', `health: ${s.state}${s.message ? ` — ${s.message}` : ''}`));
  }

  get devService(): DevServiceProcess | undefined {
    return this.dev;
  }

  start(onLog?: (record: LogRecord) => void): Promise<Envelope | undefined> {
    return this.ensureDevService((level, message) => {
      const record: LogRecord = { level, message, source: 'host', time: Date.now() };
      onLog?.(record);
      if (!onLog) this.options.onLog?.(record);
    });
  }

  health(): HealthStatus {
    return this.monitor.status;
  }

  checkHealth(): Promise<HealthStatus> {
    return this.monitor.check();
  }

  onHealthChange(listener: (status: HealthStatus) => void): () => void {
    return this.monitor.onChange(listener);
  }

  async call(operation: Operation, input: unknown, options: CallOptions = {}): Promise<CallOutcome> {
    const logs: LogRecord[] = [];
    const log = (level: LogLevel, message: string) => {
      const record: LogRecord = { level, message, source: 'host', time: Date.now() };
      logs.push(record);
      options.onLog?.(record);
      // The runtime-level listener receives every record of every call too (like the wasm runtimes).
      this.options.onLog?.(record);
    };
    const t0 = performance.now();
    if (this.disposed) {
      return { envelope: fail('internal', 'this remote plugin runtime was disposed'), logs, timing: { callMs: 0, attempts: 0 } };
    }
    // Only a manifest with remote.dev may have to start a service first; others skip the extra await per call.
    if (this.config.dev) {
      const startFailure = await this.ensureDevService(log);
      if (startFailure) return { envelope: startFailure, logs, timing: { callMs: performance.now() - t0, attempts: 0 } };
    }
    if (this.config.health.enabled) this.monitor.start();
    let attempts = 0;
    let envelope: Envelope;
    try {
      envelope = await this.queue.run(async () => {
        const r = await this.withRetries(operation, input, options, log);
        attempts = r.attempts;
        return r.envelope;
      }, options.signal);
    } catch (err) {
      envelope = fail('timeout', `the call was cancelled while waiting for a free slot (max_concurrent_requests ${this.config.maxConcurrent}): ${String(err)}`);
    }
    return { envelope, logs, timing: { callMs: performance.now() - t0, attempts } };
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.monitor.stop();
    await this.transport.close();
    await this.dev?.stop();
  }

  hostLog(level: LogLevel, message: string): void {
    this.options.onLog?.({ level, message, source: 'host', time: Date.now() });
  }

  private async withRetries(operation: Operation, input: unknown, options: CallOptions, log: (l: LogLevel, m: string) => void): Promise<{ envelope: Envelope; attempts: number }> {
    const timeoutMs = options.timeoutMs ?? this.config.timeoutMs;
    const maxAttempts = this.config.maxRetries + 1;
    const history: Array<Record<string, unknown>> = [];
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      try {
        const { envelope, info } = await this.transport.attempt(operation, input, timeoutMs, options.signal);
        const ms = Math.round(performance.now() - t0);
        log('debug', `attempt ${attempt}/${maxAttempts}: ${info.target} → ${info.status ?? 'ok'} in ${ms} ms`);
        this.monitor.observe({ state: 'healthy', checkedAt: Date.now(), rttMs: ms });
        if (envelope.success) {
          // Kept, but flagged: MockForge itself may reject a result that does not follow the protocol.
          const problems = validateResult(operation, envelope.result);
          if (problems.length > 0) log('warn', `the ${operation} result does not follow docs/protocol.md: ${formatProblems(problems)}`);
        }
        return { envelope, attempts: attempt };
      } catch (err) {
        const f = err instanceof AttemptFailure ? err : new AttemptFailure('internal', `remote call failed: ${(err as Error)?.stack ?? String(err)}`, false);
        const ms = Math.round(performance.now() - t0);
        history.push({ attempt, code: f.code, message: f.message, ms, ...f.details });
        // A refused connection on this machine means nothing is listening: retrying only delays the hint.
        const refusedLocally = f.details.refused === true && this.config.loopback;
        const retry = f.retryable && !refusedLocally && attempt < maxAttempts && !options.signal?.aborted;
        if (f.code === 'remote_unreachable') this.monitor.observe({ state: 'unhealthy', checkedAt: Date.now(), message: f.message, code: f.code });
        if (!retry) {
          log('warn', `attempt ${attempt}/${maxAttempts} failed in ${ms} ms: ${f.message}; giving up`);
          const made = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
          return { envelope: fail(f.code, `${f.message} (after ${made})`, { attempts: attempt, history }), attempts: attempt };
        }
        const wait = backoffDelay(this.config.backoffMs, attempt, this.options.random);
        log('warn', `attempt ${attempt}/${maxAttempts} failed in ${ms} ms: ${f.message}; retrying in ${wait} ms`);
        try {
          await delay(wait, options.signal);
        } catch {
          return { envelope: fail('timeout', `cancelled by the caller after ${attempt} attempts`, { attempts: attempt, history }), attempts: attempt };
        }
      }
    }
  }

  /** Starts remote.dev when the loopback endpoint does not answer; returns a failure envelope if that fails. */
  private async ensureDevService(log: (l: LogLevel, m: string) => void): Promise<Envelope | undefined> {
    const { dev } = this.config;
    if (!dev || !this.config.loopback || this.options.startDevService === false) return undefined;
    this.devStarting ??= (async () => {
      if ((await this.monitor.check()).state === 'healthy') return;
      log('info', `starting the dev service: ${dev.command} (in ${dev.cwd})`);
      const svc = DevServiceProcess.start(dev, (text) => this.hostLog('info', `[dev service] ${text.trimEnd()}`));
      this.dev = svc;
      await svc.waitUntilHealthy(async () => (await this.monitor.check()).state === 'healthy', this.options.devStartTimeoutMs ?? 30_000);
      log('info', `the dev service is healthy (pid ${svc.pid})`);
    })();
    try {
      await this.devStarting;
      return undefined;
    } catch (err) {
      this.devStarting = undefined;
      this.dev = undefined;
      return fail('remote_unreachable', (err as Error).message);
    }
  }
}
