// The worker thread entry (bundled as dist/host-worker.js). Two roles: `isolate` runs plugin calls for the isolated
// runtime (so a stuck call can be stopped with terminate()), `fetch` performs http_fetch requests for a blocked thread.
import { MessagePort, parentPort, workerData } from 'node:worker_threads';
import { fail } from '../contract/envelope';
import { Engine } from '../wasm/engine';
import { performFetch } from '../net/fetch-async';
import { serveFetches } from '../net/fetch-sync';
import type { FromWorker, ToWorker } from './messages';

const data = workerData as { role?: string; port?: MessagePort } | undefined;

if (data?.role === 'fetch' && data.port) {
  serveFetches(data.port, performFetch);
} else if (data?.role === 'isolate' && parentPort) {
  const port = parentPort;
  let engine: Engine | undefined;
  let currentId = 0;
  const send = (m: FromWorker) => port.postMessage(m);
  port.on('message', (m: ToWorker) => {
    if (m.type === 'init') {
      engine = new Engine(m.plan, (record) => send({ type: 'log', id: currentId, record }));
      send({ type: 'ready' });
      return;
    }
    currentId = m.id;
    if (!engine) {
      send({ type: 'result', id: m.id, result: { envelope: fail('internal', 'the isolation worker received a call before its plugin'), logs: [], callMs: 0 } });
      return;
    }
    try {
      send({ type: 'result', id: m.id, result: engine.call(m.operation, m.input) });
    } catch (err) {
      send({ type: 'result', id: m.id, result: { envelope: fail('internal', `the isolation worker failed: ${(err as Error).message}`), logs: [], callMs: 0 } });
    }
  });
}
