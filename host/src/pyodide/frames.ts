// The call channel between the host and its sandboxed Pyodide process: a pair of pipes (fds 3 and 4 of the child)
// carrying length-prefixed frames. A Node IPC round trip (process.send: serializer, its own framing, an event-loop turn
// on both sides) measured 65–128 µs here (2 cores, load 10–15); the same message as a frame, read by a blocking
// readSync in the child, 22–34 µs (bench/pyodide.bench.ts measures both floors).
// A frame is a 4-byte little-endian payload length, one kind byte, then the payload (UTF-8 text).
import { readSync, writeSync } from 'node:fs';

export const HEADER_BYTES = 5;

/** Frame kinds (one ASCII byte): host → process. */
export const CALL = 0x63; // 'c' — `${id}\n${operation}\n${body}`
export const FETCH_REPLY = 0x66; // 'f' — the http_fetch reply envelope (JSON)
/** Frame kinds: process → host. */
export const RESULT = 0x72; // 'r' — see encodeResult
export const LOG = 0x6c; // 'l' — `${level}\n${source}\n${message}`
export const FETCH = 0x68; // 'h' — the http_fetch request (JSON, as Python wrote it)

export function frame(kind: number, text: string): Buffer {
  const length = Buffer.byteLength(text, 'utf8');
  const out = Buffer.allocUnsafe(HEADER_BYTES + length);
  out.writeUInt32LE(length, 0);
  out[4] = kind;
  out.write(text, HEADER_BYTES, 'utf8');
  return out;
}

/**
 * Reassembles frames from stream chunks (the host's side). A frame whose declared length is over `maxBytes` is
 * refused through onOversize (the process is not trusted: its plugin may write anything on its fds), and nothing
 * more is read from that stream.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;

  constructor(private readonly maxBytes: number, private readonly onFrame: (kind: number, text: string) => void,
    private readonly onOversize: (length: number) => void) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= HEADER_BYTES) {
      const head = this.chunks[0].length >= HEADER_BYTES ? this.chunks[0] : this.join();
      const length = head.readUInt32LE(0);
      if (length > this.maxBytes) {
        this.broken = true;
        this.chunks = [];
        this.onOversize(length);
        return;
      }
      if (this.buffered < HEADER_BYTES + length) return;
      const all = this.chunks[0].length >= HEADER_BYTES + length ? this.chunks[0] : this.join();
      const kind = all[4];
      const text = all.toString('utf8', HEADER_BYTES, HEADER_BYTES + length);
      const rest = all.subarray(HEADER_BYTES + length);
      this.chunks = rest.length ? [rest, ...this.chunks.slice(1)] : this.chunks.slice(1);
      this.buffered -= HEADER_BYTES + length;
      this.onFrame(kind, text);
      if (this.broken) return;
    }
  }

  private join(): Buffer {
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all;
  }
}

/** The process's side: blocking reads on an inherited pipe fd (the event loop is not involved). One read takes
 * whatever is there, so a small frame costs one system call. */
export class SyncFrameReader {
  private buf = Buffer.alloc(64 * 1024);
  private start = 0;
  private end = 0;

  constructor(private readonly fd: number) {}

  /** The next frame, or undefined at end of stream (the host went away). */
  next(): { kind: number; text: string } | undefined {
    if (!this.fill(HEADER_BYTES)) return undefined;
    const length = this.buf.readUInt32LE(this.start);
    if (!this.fill(HEADER_BYTES + length)) return undefined;
    const kind = this.buf[this.start + 4];
    const text = this.buf.toString('utf8', this.start + HEADER_BYTES, this.start + HEADER_BYTES + length);
    this.start += HEADER_BYTES + length;
    return { kind, text };
  }

  /** Makes at least `want` unread bytes available from `start`; false at end of stream. */
  private fill(want: number): boolean {
    if (this.end - this.start >= want) return true;
    if (this.buf.length - this.start < want) {
      // Move the unread bytes to the front, into a larger buffer if the frame needs one.
      const next = want > this.buf.length ? Buffer.alloc(want) : this.buf;
      this.buf.copy(next, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
      this.buf = next;
    }
    while (this.end - this.start < want) {
      const n = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (n === 0) return false;
      this.end += n;
    }
    return true;
  }
}

/** Writes a whole frame (writeSync may write part of it on a pipe). */
export function writeFrame(fd: number, kind: number, text: string): void {
  const bytes = frame(kind, text);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

export interface CallResult {
  id: number;
  callMs: number;
  heapBytes: number;
  /** The envelope's JSON as Python wrote it (success or the plugin's failure). */
  text?: string;
  /** The call itself broke (replaces text). */
  failure?: string;
  /** Start afresh before the next call. */
  restart?: boolean;
}

/** `${id}\n${callMs}\n${heapBytes}\n${flag}\n${json}`; flag t = text, f = failure, F = failure + restart. */
export function encodeResult(r: CallResult): string {
  const flag = r.failure === undefined ? 't' : r.restart ? 'F' : 'f';
  return `${r.id}\n${r.callMs}\n${r.heapBytes}\n${flag}\n${r.failure ?? r.text ?? ''}`;
}

export function decodeResult(text: string): CallResult | undefined {
  const parts = splitHead(text, 4);
  if (!parts) return undefined;
  const [id, callMs, heapBytes, flag, body] = parts;
  const r: CallResult = { id: Number(id), callMs: Number(callMs), heapBytes: Number(heapBytes) };
  if (flag === 't') r.text = body;
  else if (flag === 'f' || flag === 'F') {
    r.failure = body;
    r.restart = flag === 'F';
  } else return undefined;
  return r;
}

/** Splits `a\nb\nrest` into [a, b, rest] (the call and log frames); undefined when a newline is missing. */
export function splitHead(text: string, fields: number): string[] | undefined {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; i < fields; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return undefined;
    out.push(text.slice(at, nl));
    at = nl + 1;
  }
  out.push(text.slice(at));
  return out;
}
