// wasi:cli/stdin for a component: an input stream that is closed from the start. preview2-shim 0.26.0's stdin goes
// through its I/O worker, which reads fd 0 of the host process — the CLI's terminal or the language server's
// JSON-RPC input — and the first call of every component (libc sets up its descriptors) waited for that worker to
// start, 30–150 ms. A plugin has no standard input: reads and skips report `closed` (end of file).

interface StreamsImport {
  InputStream: new () => object;
}

interface ClockImport {
  subscribeDuration(ns: bigint): object;
}

/**
 * The `wasi:cli/stdin` import, from the shim's import object: the stream is an instance of the shim's own
 * InputStream so jco's glue accepts it.
 */
export function emptyStdin(wasi: Record<string, Record<string, unknown>>): { getStdin(): object } {
  const { InputStream } = wasi['wasi:io/streams'] as unknown as StreamsImport;
  const clock = wasi['wasi:clocks/monotonic-clock'] as unknown as ClockImport;
  const closed = (): never => {
    throw { tag: 'closed' };
  };
  class ClosedStdin extends InputStream {
    /** Ready at once (a read then reports `closed`): a zero-length timer, the shim's own pollable. */
    subscribe(): object { return clock.subscribeDuration(0n); }
    read(): never { return closed(); }
    blockingRead(): never { return closed(); }
    skip(): never { return closed(); }
    blockingSkip(): never { return closed(); }
  }
  const stdin = new ClosedStdin();
  return { getStdin: () => stdin };
}
