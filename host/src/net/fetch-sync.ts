// Wasm imports are synchronous but HTTP is not: the request goes to a helper worker and this thread blocks on
// Atomics.wait until the reply is posted back (then reads it with receiveMessageOnPort).
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { Envelope, fail } from '../contract/envelope';
import { FetchRequest, FetchResult } from './fetch-types';
import { workerScriptPath } from '../isolate/worker-path';

let helper: { worker: Worker; port: MessagePort } | undefined;
let nextId = 1;

function ensureHelper(): { worker: Worker; port: MessagePort } {
  if (helper) return helper;
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(workerScriptPath(), { workerData: { role: 'fetch', port: port2 }, transferList: [port2] });
  worker.unref();
  port1.unref();
  worker.on('error', () => { helper = undefined; });
  worker.on('exit', () => { helper = undefined; });
  helper = { worker, port: port1 };
  return helper;
}

export function fetchSync(req: FetchRequest, timeoutMs: number): Envelope<FetchResult> {
  const { port } = ensureHelper();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const id = nextId++;
  port.postMessage({ id, req, timeoutMs, flag });
  // Give the worker time to start (first use) on top of the request's own timeout.
  Atomics.wait(flag, 0, 0, timeoutMs + 5000);
  // Replies to earlier requests that timed out may still be queued: skip them.
  for (let msg = receiveMessageOnPort(port); msg; msg = receiveMessageOnPort(port)) {
    const reply = msg.message as { id: number; envelope: Envelope<FetchResult> };
    if (reply.id === id) return reply.envelope;
  }
  return fail('remote_unreachable', `http_fetch ${req.url}: no answer within ${timeoutMs} ms`);
}

/** The worker side: answers each request on `port`, then wakes the waiting thread. */
export function serveFetches(port: MessagePort, perform: (req: FetchRequest, timeoutMs: number) => Promise<Envelope<FetchResult>>): void {
  port.on('message', (m: { id: number; req: FetchRequest; timeoutMs: number; flag: Int32Array }) => {
    void perform(m.req, m.timeoutMs).then((envelope) => {
      port.postMessage({ id: m.id, envelope });
      Atomics.store(m.flag, 0, 1);
      Atomics.notify(m.flag, 0);
    });
  });
}
