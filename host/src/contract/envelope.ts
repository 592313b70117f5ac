// The reply envelope shared by every transport: {success:true,result} or {success:false,error:{code,message}}.
import { ErrorCode, isErrorCode } from './errors';

export interface PluginErrorInfo {
  code: ErrorCode;
  message: string;
  /** Optional structured detail: a wasm stack, the attempts a remote call made, the bytes that failed to parse. */
  details?: Record<string, unknown>;
}

export type Envelope<T = unknown> =
  | { success: true; result: T }
  | { success: false; error: PluginErrorInfo };

export function ok<T>(result: T): Envelope<T> {
  return { success: true, result };
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): Envelope<never> {
  return details ? { success: false, error: { code, message, details } } : { success: false, error: { code, message } };
}

export type NormaliseResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

/**
 * Accepts a parsed JSON value from a plugin or a remote peer and returns the canonical envelope.
 * Older peers send `error` as a bare string; it becomes `{code: "plugin_error", message}`.
 * Unknown codes from a plugin are kept as plugin_error with the original code in the message.
 */
export function normaliseEnvelope(value: unknown): NormaliseResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON object with "success", got ${describe(value)}` };
  }
  const v = value as Record<string, unknown>;
  if (typeof v.success !== 'boolean') {
    return { ok: false, reason: '"success" must be true or false' };
  }
  if (v.success) {
    return { ok: true, envelope: { success: true, result: v.result === undefined ? null : v.result } };
  }
  const err = v.error;
  if (typeof err === 'string') {
    return { ok: true, envelope: fail('plugin_error', err) };
  }
  if (err === undefined || err === null) {
    return { ok: true, envelope: fail('plugin_error', 'the plugin reported a failure without a message') };
  }
  if (typeof err === 'object' && !Array.isArray(err)) {
    const e = err as Record<string, unknown>;
    const message = typeof e.message === 'string' ? e.message : JSON.stringify(err);
    const code = typeof e.code === 'string' ? e.code : 'plugin_error';
    const details = typeof e.details === 'object' && e.details !== null ? (e.details as Record<string, unknown>) : undefined;
    if (isErrorCode(code)) return { ok: true, envelope: fail(code, message, details) };
    return { ok: true, envelope: fail('plugin_error', `[${code}] ${message}`, details) };
  }
  return { ok: false, reason: `"error" must be a string or {code, message}, got ${describe(err)}` };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : typeof value;
}
