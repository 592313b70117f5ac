// The worker thread entry (bundled as dist/host-worker.js). Two roles: `isolate` runs plugin calls for the isolated
// runtime (so a stuck call can be stopped with terminate()), `fetch` performs http_fetch requests for a blocked thread.
import { MessagePort, parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { fail } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import { Engine, EngineResult } from '../wasm/engine';
import { performFetch } from '../net/fetch-async';
import { serveFetches } from '../net/fetch-sync';
import { Channel, REQ_LEN, REQ_SEQ, RES_LEN, RES_SEQ, SpinBudget, VIA_PORT, decodeRequest, openChannel, readText, spinWhile, waitAsync, writeText } from './channel';
import type { InitMessage, PortMessage, PortRequest, WireResult } from './messages';

/**
 * After answering, poll at most this long for the next request before sleeping: back-to-back calls stay cheap. The
 * host's own turn between two calls (promise hops, the caller's code) can exceed 0.1 ms; a sleeping worker then costs
 * a futex wake (~100 µs on an idle VM). SpinBudget shrinks it when spinning does not pay.
 */
const IDLE_SPIN_MS = 1;
/** How long an idle worker blocks in Atomics.wait before it sleeps in its event loop (Atomics.waitAsync). */
const SLEEP_BLOCKING_MS = 20;
/** Return to the event loop at least this often while serving back-to-back calls (see serve()). */
const YIELD_EVERY_MS = 20;

const data = workerData as { role?: string; port?: MessagePort } | undefined;

if (data?.role === 'fetch' && data.port) {
  serveFetches(data.port, performFetch);
} else if (data?.role === 'isolate' && parentPort) {
  const parent = parentPort;
  let started = false;
  // `on`, not `once`: the listener keeps this thread's event loop alive while it sleeps in Atomics.waitAsync.
  parent.on('message', (m: InitMessage) => {
    if (started) return;
    started = true;
    const ch = openChannel(m.sab);
    const port = m.port;
    let seq = 0;
    const engine = new Engine(m.plan, (record) => port.postMessage({ type: 'log', seq, record } satisfies PortMessage));
    parent.postMessage({ type: 'ready' });
    void serve(ch, port, engine, (n) => { seq = n; });
  });
}

/**
 * Serves calls until the host terminates the worker (terminate() also interrupts a plugin stuck in a loop). Between
 * calls the thread returns to its event loop: V8 installs optimised code and runs GC work through event-loop tasks,
 * so a thread that never yields would run the engine unoptimised (measured: ~20× slower calls).
 */
async function serve(ch: Channel, port: MessagePort, engine: Engine, setSeq: (seq: number) => void): Promise<void> {
  let seq = 0;
  let yielded = performance.now();
  for (;;) {
    const next = nextRequest(ch, seq);
    if (typeof next === 'number') seq = next;
    else {
      seq = await next;
      yielded = performance.now();
    }
    setSeq(seq);
    answer(ch, port, seq, runOne(engine, takeRequest(ch, port, seq)));
    // Back-to-back calls never sleep: yield once in a while anyway (a turn costs more than a call, so not every time).
    if (performance.now() - yielded > YIELD_EVERY_MS) {
      await yieldToEventLoop();
      yielded = performance.now();
    }
  }
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The next request's sequence number: at once when it arrives while spinning, else a promise (waits asleep). */
const idleSpin = new SpinBudget(IDLE_SPIN_MS);

function nextRequest(ch: Channel, last: number): number | Promise<number> {
  const budget = idleSpin.next();
  const spun = spinWhile(ch.ctl, REQ_SEQ, last, budget, () => performance.now());
  idleSpin.record(spun, budget);
  if (spun) return Atomics.load(ch.ctl, REQ_SEQ);
  // A blocking wait wakes faster than waitAsync (no event-loop task in between: p50 25–35 µs vs 37–49 µs per call,
  // measured under load); after SLEEP_BLOCKING_MS of quiet the thread sleeps in its event loop instead.
  if (Atomics.wait(ch.ctl, REQ_SEQ, last, SLEEP_BLOCKING_MS) !== 'timed-out') return Atomics.load(ch.ctl, REQ_SEQ);
  return (async () => {
    while (Atomics.load(ch.ctl, REQ_SEQ) === last) {
      const wait = waitAsync(ch.ctl, REQ_SEQ, last);
      if (wait.async) await wait.value;
    }
    return Atomics.load(ch.ctl, REQ_SEQ);
  })();
}

function takeRequest(ch: Channel, port: MessagePort, seq: number): string | undefined {
  const length = Atomics.load(ch.ctl, REQ_LEN);
  if (length !== VIA_PORT) return readText(ch, length);
  // The host posted the request before raising REQ_SEQ, so it is already queued on the port.
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    const request = m.message as PortRequest;
    if (request.seq === seq) return request.text;
  }
  return undefined;
}

function runOne(engine: Engine, text: string | undefined): EngineResult {
  if (text === undefined) return { envelope: fail('internal', 'the isolation worker did not receive the request'), logs: [], callMs: 0 };
  const { operation, inputJson } = decodeRequest(text);
  try {
    return engine.callJson(operation as Operation, inputJson);
  } catch (err) {
    return { envelope: fail('internal', `the isolation worker failed: ${(err as Error).message}`), logs: [], callMs: 0 };
  }
}

function answer(ch: Channel, port: MessagePort, seq: number, r: EngineResult): void {
  // Log records already went out on the port as they happened; the result carries everything else.
  const wire: WireResult = { envelope: r.envelope, instantiateMs: r.instantiateMs, callMs: r.callMs, peakMemoryBytes: r.peakMemoryBytes };
  const text = JSON.stringify(wire);
  const length = writeText(ch, text);
  if (length === VIA_PORT) port.postMessage({ type: 'result', seq, text } satisfies PortMessage);
  Atomics.store(ch.ctl, RES_LEN, length);
  Atomics.store(ch.ctl, RES_SEQ, seq);
  Atomics.notify(ch.ctl, RES_SEQ);
}
