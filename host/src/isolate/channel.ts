// The call channel between the isolated runtime and its worker: one SharedArrayBuffer per worker holding four
// control words and a data region. A postMessage hand-off costs ~60–90 µs per call; waking a spinning thread through
// shared memory costs ~1 µs. Payloads that do not fit the data region (and all log records) go over a MessagePort,
// which the other side can drain synchronously with receiveMessageOnPort.

/** Control word indices (Int32). */
export const REQ_SEQ = 0; // host → worker: sequence number of the posted request
export const RES_SEQ = 1; // worker → host: sequence number of the last answered request
export const REQ_LEN = 2; // byte length of the request in the data region, or VIA_PORT
export const RES_LEN = 3; // byte length of the result in the data region, or VIA_PORT

export const VIA_PORT = -1;

type WaitAsyncResult = { async: false; value: string } | { async: true; value: Promise<string> };
// Atomics.waitAsync exists in Node ≥ 16 but is not in the ES2022 lib this project compiles against.
export const waitAsync = (Atomics as unknown as { waitAsync(ta: Int32Array, index: number, value: number): WaitAsyncResult }).waitAsync;
const HEADER_BYTES = 16;
/** Requests and results up to this size travel in shared memory; larger ones are posted on the port. */
export const DATA_BYTES = 256 * 1024;

export interface Channel {
  sab: SharedArrayBuffer;
  ctl: Int32Array;
  data: Buffer;
}

export function createChannel(dataBytes = DATA_BYTES): Channel {
  return openChannel(new SharedArrayBuffer(HEADER_BYTES + dataBytes));
}

export function openChannel(sab: SharedArrayBuffer): Channel {
  return { sab, ctl: new Int32Array(sab, 0, HEADER_BYTES / 4), data: Buffer.from(sab, HEADER_BYTES) };
}

/** Writes text into the data region; returns its byte length, or VIA_PORT when it does not fit. */
export function writeText(ch: Channel, text: string): number {
  // utf8 needs at most 3 bytes per UTF-16 unit: short texts skip the exact count.
  if (text.length * 3 > ch.data.length && Buffer.byteLength(text, 'utf8') > ch.data.length) return VIA_PORT;
  return ch.data.write(text, 0, 'utf8');
}

export function readText(ch: Channel, length: number): string {
  return ch.data.toString('utf8', 0, length);
}

/**
 * Busy-waits (bounded by `budgetMs`) until control word `index` differs from `value`. Returns true when it changed.
 * Spinning is what makes a short call cheap: a sleeping thread takes tens of microseconds to wake.
 */
export function spinWhile(ctl: Int32Array, index: number, value: number, budgetMs: number, now: () => number): boolean {
  if (Atomics.load(ctl, index) !== value) return true;
  if (budgetMs <= 0) return false;
  const until = now() + budgetMs;
  for (let i = 1; ; i++) {
    if (Atomics.load(ctl, index) !== value) return true;
    // Reading the clock costs more than a load: look at it every 32 rounds.
    if ((i & 31) === 0 && now() > until) return false;
  }
}

/**
 * How long to spin before sleeping, adapted to what spinning has been buying (like an adaptive mutex). On an idle
 * machine the other thread answers while we spin and a call costs a few microseconds; on an oversubscribed one the
 * other thread is often descheduled, our spinning only takes a core it needs, and sleeping at once is cheaper.
 * Measured here under load 14 on 2 cores: fixed spins of 30–500 µs made calls 2–20× slower than sleeping.
 */
export class SpinBudget {
  private budgetMs: number;
  private idleRounds = 0;

  constructor(private readonly maxMs: number, private readonly minMs = maxMs / 8) {
    this.budgetMs = maxMs;
  }

  /** The budget for the next wait (0 = sleep at once; now and then it probes with the minimum again). */
  next(): number {
    if (this.budgetMs > 0) return this.budgetMs;
    return ++this.idleRounds % 64 === 0 ? this.minMs : 0;
  }

  /** Reports whether the wait that used next()'s budget ended while spinning. */
  record(spun: boolean, usedMs: number): void {
    if (usedMs === 0) return;
    this.budgetMs = spun ? Math.min(this.maxMs, Math.max(this.minMs, this.budgetMs * 2)) : (this.budgetMs / 2 >= this.minMs ? this.budgetMs / 2 : 0);
  }
}

/** Request text: the operation name, a newline, the input as JSON (operation names never contain a newline). */
export function encodeRequest(operation: string, inputJson: string): string {
  return `${operation}\n${inputJson}`;
}

export function decodeRequest(text: string): { operation: string; inputJson: string } {
  const nl = text.indexOf('\n');
  return { operation: text.slice(0, nl), inputJson: text.slice(nl + 1) };
}
