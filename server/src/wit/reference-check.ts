// Asks the reference parser (wit-parser inside jco) about a WIT source, in a worker thread so the editor's typing
// path never waits for it. jco gets `witSource` strings only (toolchains.md pitfall A). If jco cannot be loaded
// (it is a devDependency), checks report `unavailable` instead of failing.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export type ReferenceVerdict = { ok: true } | { ok: false; message: string } | { unavailable: string };

/** wit-parser rejects a package only for these; "no worlds"/"multiple worlds" is world selection, not validity. */
export function isWorldSelectionMessage(message: string): boolean {
  return /contains no worlds|There are multiple worlds|one must be explicitly chosen/.test(message);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const jco = import(workerData.jcoUrl);
parentPort.on('message', async ({ id, source }) => {
  try {
    const { componentEmbed } = await jco;
    await componentEmbed({ dummy: true, witSource: source });
    parentPort.postMessage({ id, ok: true });
  } catch (e) {
    const message = String((e && e.message) || e);
    parentPort.postMessage({ id, ok: false, message });
  }
});
`;

export function jcoEntryUrl(): string | undefined {
  try {
    const req = createRequire(__filename);
    return pathToFileURL(req.resolve('@bytecodealliance/jco')).toString();
  } catch {
    return undefined;
  }
}

export class ReferenceChecker {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (v: ReferenceVerdict) => void>();
  private failed?: string;

  check(source: string): Promise<ReferenceVerdict> {
    const w = this.start();
    if (!w) return Promise.resolve({ unavailable: this.failed ?? 'jco not available' });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      w.ref();
      w.postMessage({ id, source });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.failed) return undefined;
    const jcoUrl = jcoEntryUrl();
    if (!jcoUrl) { this.failed = '@bytecodealliance/jco is not installed'; return undefined; }
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { jcoUrl } });
    w.on('message', (m: { id: number; ok: boolean; message?: string }) => {
      const done = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      const message = m.message ?? '';
      done?.(m.ok || isWorldSelectionMessage(message) ? { ok: true } : { ok: false, message: message.split('\n')[0] });
    });
    const fail = (err: unknown) => {
      this.failed = `reference parser worker stopped: ${String((err as Error)?.message ?? err)}`;
      for (const done of this.pending.values()) done({ unavailable: this.failed });
      this.pending.clear();
      this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => { if (this.worker === w) fail(`exit code ${code}`); });
    w.unref();
    this.worker = w;
    return w;
  }
}
