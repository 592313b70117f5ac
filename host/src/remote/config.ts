// Turns the manifest's `remote:` section into the settings the transports use: defaults applied, the auth token read
// from the environment (never from the manifest), TLS files read relative to the manifest.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { PluginManifest } from '../manifest/types';
import { DEFAULT_LIMITS } from '../manifest/types';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** Skip certificate verification (warned about). */
  insecure: boolean;
}

export interface DevService {
  command: string;
  cwd: string;
  env: Record<string, string>;
}

export interface RemoteConfig {
  pluginId: string;
  protocol: 'http' | 'grpc';
  endpoint: URL;
  /** The endpoint's path without a trailing slash ('' for the root); protocol paths are appended to it. */
  basePath: string;
  timeoutMs: number;
  maxRetries: number;
  backoffMs: number;
  health: { enabled: boolean; path: string; intervalMs: number };
  /** Headers (HTTP) or metadata (gRPC) that carry the shared secret. */
  authHeaders: Record<string, string>;
  /** Name of the env var holding the secret, for messages. */
  authEnv?: string;
  tls: TlsMaterial;
  maxConcurrent: number;
  dev?: DevService;
  loopback: boolean;
  /** Things worth telling the user once, at load time. */
  warnings: string[];
}

/** A manifest whose remote section cannot be used; becomes a load_failed error. */
export class RemoteConfigError extends Error {}

export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_HEALTH_INTERVAL_S = 30;

export function resolveRemoteConfig(
  manifest: PluginManifest,
  manifestDir: string,
  env: NodeJS.ProcessEnv = process.env,
): RemoteConfig {
  const remote = manifest.remote;
  if (!remote) throw new RemoteConfigError('plugin.runtime is "remote" but the manifest has no remote: section');
  const protocol = remote.protocol ?? 'http';
  if (protocol !== 'http' && protocol !== 'grpc') {
    throw new RemoteConfigError(`remote.protocol must be "http" or "grpc", got ${JSON.stringify(protocol)}`);
  }
  if (typeof remote.endpoint !== 'string' || remote.endpoint === '') {
    throw new RemoteConfigError('remote.endpoint is required (e.g. "http://127.0.0.1:8080")');
  }
  let endpoint: URL;
  try {
    endpoint = new URL(remote.endpoint);
  } catch {
    throw new RemoteConfigError(`remote.endpoint is not a URL: ${JSON.stringify(remote.endpoint)}`);
  }
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new RemoteConfigError(`remote.endpoint must start with http:// or https://, got ${JSON.stringify(remote.endpoint)}`);
  }
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const warnings: string[] = [];
  const loopback = isLoopbackHost(endpoint.hostname);
  if (endpoint.protocol === 'http:' && !loopback) {
    warnings.push(`remote.endpoint ${endpoint.origin} is plain http:// to a host that is not this machine; use https:// outside local development`);
  }
  if (protocol === 'http' && /\/plugin$/.test(basePath)) {
    warnings.push(`remote.endpoint ends in /plugin, so calls go to ${basePath}/plugin/...; the protocol paths already start with /plugin`);
  }

  const timeoutMs = positiveNumber(remote.timeout_ms, 'remote.timeout_ms') ?? manifest.capabilities?.resources?.timeout_ms ?? DEFAULT_LIMITS.timeoutMs;
  const maxRetries = nonNegativeInt(remote.retry_policy?.max_retries, 'remote.retry_policy.max_retries') ?? 0;
  const backoffMs = nonNegativeInt(remote.retry_policy?.backoff_ms, 'remote.retry_policy.backoff_ms') ?? DEFAULT_BACKOFF_MS;
  const hc = remote.health_check ?? {};
  const healthPath = hc.endpoint ?? '/health';
  const health = {
    enabled: hc.enabled ?? true,
    path: healthPath.startsWith('/') ? healthPath : `/${healthPath}`,
    intervalMs: (positiveNumber(hc.interval_seconds, 'remote.health_check.interval_seconds') ?? DEFAULT_HEALTH_INTERVAL_S) * 1000,
  };

  const authHeaders: Record<string, string> = {};
  let authEnv: string | undefined;
  if (remote.auth) {
    const { type, token_env, header } = remote.auth;
    if (type !== 'bearer' && type !== 'api_key') {
      throw new RemoteConfigError(`remote.auth.type must be "bearer" or "api_key", got ${JSON.stringify(type)}`);
    }
    if (!token_env) throw new RemoteConfigError('remote.auth.token_env must name the environment variable that holds the secret');
    authEnv = token_env;
    const token = env[token_env];
    if (token === undefined || token === '') {
      throw new RemoteConfigError(`remote.auth needs the secret in the environment variable ${token_env}, which is not set`);
    }
    if (type === 'bearer') authHeaders[(header ?? 'authorization').toLowerCase()] = `Bearer ${token}`;
    else authHeaders[(header ?? 'x-api-key').toLowerCase()] = token;
  }

  const tls: TlsMaterial = { insecure: remote.tls?.insecure === true };
  if (remote.tls) {
    if (endpoint.protocol !== 'https:') warnings.push('remote.tls is set but remote.endpoint is http://; the TLS settings are ignored');
    tls.ca = readTlsFile(remote.tls.ca_file, 'remote.tls.ca_file', manifestDir);
    tls.cert = readTlsFile(remote.tls.cert_file, 'remote.tls.cert_file', manifestDir);
    tls.key = readTlsFile(remote.tls.key_file, 'remote.tls.key_file', manifestDir);
    if (Boolean(tls.cert) !== Boolean(tls.key)) {
      throw new RemoteConfigError('remote.tls.cert_file and remote.tls.key_file go together (mutual TLS needs both)');
    }
    if (tls.insecure) warnings.push('remote.tls.insecure is true: the service\'s certificate is NOT verified; never use this outside local development');
  }

  const maxConcurrent = positiveNumber(manifest.capabilities?.resources?.max_concurrent_requests, 'capabilities.resources.max_concurrent_requests') ?? Infinity;

  let dev: DevService | undefined;
  if (remote.dev) {
    if (typeof remote.dev.command !== 'string' || remote.dev.command.trim() === '') {
      throw new RemoteConfigError('remote.dev.command must be the shell command that starts the service');
    }
    dev = {
      command: remote.dev.command,
      cwd: resolve(manifestDir, remote.dev.cwd ?? '.'),
      env: { ...(remote.dev.env ?? {}) },
    };
  }

  return {
    pluginId: manifest.plugin.id,
    protocol,
    endpoint,
    basePath,
    timeoutMs,
    maxRetries,
    backoffMs,
    health,
    authHeaders,
    authEnv,
    tls,
    maxConcurrent,
    dev,
    loopback,
    warnings,
  };
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function readTlsFile(path: string | undefined, field: string, manifestDir: string): Buffer | undefined {
  if (path === undefined) return undefined;
  const full = isAbsolute(path) ? path : resolve(manifestDir, path);
  try {
    return readFileSync(full);
  } catch (err) {
    throw new RemoteConfigError(`${field}: cannot read ${full}: ${(err as Error).message}`);
  }
}

function positiveNumber(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new RemoteConfigError(`${field} must be a positive number, got ${JSON.stringify(v)}`);
  return v;
}

function nonNegativeInt(v: unknown, field: string): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new RemoteConfigError(`${field} must be a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
}
