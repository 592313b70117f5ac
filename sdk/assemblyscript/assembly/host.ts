// The host functions of docs/abi.md §3, wrapped. AssemblyScript imports an @external only when it is used, so a
// plugin that never fetches does not import http_fetch.
import { readString, unpackLen, unpackPtr, free } from './memory';
import { JSONValue, parseJSON } from './json';
import { LogLevel } from './types.gen';

@external('mockforge', 'log')
declare function mf_log(level: i32, ptr: usize, len: i32): void;

@external('mockforge', 'config_get')
declare function mf_config_get(keyPtr: usize, keyLen: i32): i64;

@external('mockforge', 'http_fetch')
declare function mf_http_fetch(reqPtr: usize, reqLen: i32): i64;

/** Writes a line to the host's log stream (stderr of `mockforge-plugin run`, the editor's output panel). Levels are
 * the generated LogLevel, trace = 0 … error = 4, the numbers of docs/abi.md §3. */
export function log(level: LogLevel, message: string): void {
  const bytes = String.UTF8.encode(message);
  mf_log(level, changetype<usize>(bytes), bytes.byteLength);
}
export function logInfo(message: string): void { log(LogLevel.Info, message); }
export function logWarn(message: string): void { log(LogLevel.Warn, message); }
export function logError(message: string): void { log(LogLevel.Error, message); }
export function logDebug(message: string): void { log(LogLevel.Debug, message); }

/** A configuration value (manifest default overlaid by the user's value), or null when unset. */
export function configGet(key: string): string | null {
  const k = String.UTF8.encode(key);
  const packed = mf_config_get(changetype<usize>(k), k.byteLength);
  if (packed == 0) return null;
  const ptr = unpackPtr(packed);
  const value = readString(ptr, unpackLen(packed));
  free(ptr); // the plugin owns the buffer the host allocated
  return value;
}

/** configGet with a fallback for unset keys. */
export function configGetOr(key: string, fallback: string): string {
  const v = configGet(key);
  return v == null ? fallback : v;
}

/** The reply of httpFetch: `ok` with status/headers/body, or `errorCode`/`errorMessage` (e.g. capability_denied). */
export class HttpResponse {
  ok: bool = false;
  status: i32 = 0;
  headers: JSONValue = JSONValue.object();
  body: string = '';
  errorCode: string = '';
  errorMessage: string = '';
  header(name: string): string | null {
    const v = this.headers.get(name.toLowerCase());
    return v == null ? null : v.asText();
  }
}

/** One outbound HTTP request; needs `capabilities.network.allow_outbound` and a matching `allowed_hosts` entry. */
export function httpFetch(method: string, url: string, headers: JSONValue | null = null, body: string | null = null, timeoutMs: i32 = 0): HttpResponse {
  const req = JSONValue.object().setString('method', method).setString('url', url);
  if (headers != null) req.set('headers', headers);
  if (body != null) req.setString('body', body);
  if (timeoutMs > 0) req.setNumber('timeout_ms', <f64>timeoutMs);
  const bytes = String.UTF8.encode(req.stringify());
  const packed = mf_http_fetch(changetype<usize>(bytes), bytes.byteLength);
  const res = new HttpResponse();
  if (packed == 0) {
    res.errorCode = 'internal';
    res.errorMessage = 'http_fetch returned nothing';
    return res;
  }
  const ptr = unpackPtr(packed);
  const text = readString(ptr, unpackLen(packed));
  free(ptr);
  const parsed = parseJSON(text);
  const env = parsed.value;
  if (env == null) {
    res.errorCode = 'bad_response';
    res.errorMessage = parsed.error;
    return res;
  }
  if (env.getBool('success')) {
    const result = env.get('result');
    res.ok = true;
    if (result != null) {
      res.status = <i32>result.getNumber('status');
      const h = result.get('headers');
      if (h != null && h.isObject) res.headers = h;
      res.body = result.getString('body');
    }
  } else {
    const err = env.get('error');
    if (err != null && err.isObject) {
      res.errorCode = err.getString('code', 'plugin_error');
      res.errorMessage = err.getString('message');
    } else if (err != null) {
      res.errorCode = 'plugin_error';
      res.errorMessage = err.asText();
    }
  }
  return res;
}
