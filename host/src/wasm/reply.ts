// Decodes the bytes a plugin returned into a reply envelope, or a bad_output envelope that says what is wrong.
import { Envelope, fail, normaliseEnvelope } from '../contract/envelope';
import { fmtBytes } from './limits';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function preview(bytes: Uint8Array): string {
  // JSON.stringify escapes control characters, so the preview is printable.
  return JSON.stringify(Buffer.from(bytes.subarray(0, 80)).toString('utf8')) + (bytes.length > 80 ? '…' : '');
}

export function decodeReply(bytes: Uint8Array, who: string): Envelope {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return fail('bad_output', `${who} returned ${bytes.length} bytes that are not valid UTF-8; first bytes: ${preview(bytes)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return fail('bad_output', `${who} returned invalid JSON (${(err as Error).message}); the reply must be a JSON envelope like {"success": true, "result": …}. Got: ${preview(bytes)}`);
  }
  const normalised = normaliseEnvelope(value);
  if (!normalised.ok) return fail('bad_output', `${who} returned JSON that is not a reply envelope: ${normalised.reason}. Got: ${preview(bytes)}`);
  return normalised.envelope;
}

/** Checks an (out_ptr, out_len) pair against the memory and the cap; returns an error envelope or undefined. */
export function checkRegion(ptr: number, len: number, memoryBytes: number, maxOutputBytes: number, who: string): Envelope | undefined {
  if (len > maxOutputBytes) {
    return fail('bad_output', `${who} returned a ${fmtBytes(len)} reply, over the ${fmtBytes(maxOutputBytes)} limit for replies`);
  }
  if (ptr === 0 && len === 0) return fail('bad_output', `${who} returned 0 (no reply): return (out_ptr << 32) | out_len of a JSON envelope`);
  if (len === 0) return fail('bad_output', `${who} returned an empty reply (length 0 at ${ptr})`);
  if (ptr + len > memoryBytes) {
    return fail('bad_output', `${who} returned pointer ${ptr} + length ${len}, which is outside its memory (${memoryBytes} bytes): check the (out_ptr << 32) | out_len packing`);
  }
  return undefined;
}
