// The real HTTP request behind mockforge.http_fetch, made with undici (runs in the fetch worker).
import { request } from 'undici';
import { Envelope, fail, ok } from '../contract/envelope';
import { FetchRequest, FetchResult, MAX_FETCH_BODY_BYTES } from './fetch-types';

export async function performFetch(req: FetchRequest, timeoutMs: number): Promise<Envelope<FetchResult>> {
  try {
    const body = req.body_base64 !== undefined ? Buffer.from(req.body_base64, 'base64') : req.body;
    const res = await request(req.url, {
      method: (req.method ?? 'GET').toUpperCase() as 'GET',
      headers: req.headers,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_FETCH_BODY_BYTES) {
        res.body.destroy();
        return fail('bad_response', `http_fetch ${req.url}: the response body is larger than ${MAX_FETCH_BODY_BYTES} bytes`);
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    const result: FetchResult = { status: res.statusCode, headers };
    try {
      result.body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      result.body_base64 = bytes.toString('base64');
    }
    return ok(result);
  } catch (err) {
    const e = err as Error & { code?: string };
    const reason = e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT'
      ? `no answer within ${timeoutMs} ms` : `${e.code ? e.code + ': ' : ''}${e.message}`;
    return fail('remote_unreachable', `http_fetch ${req.method ?? 'GET'} ${req.url} failed: ${reason}`);
  }
}
