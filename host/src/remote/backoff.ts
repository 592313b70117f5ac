// Exponential backoff with jitter: attempt n (1-based) waits backoff_ms·2^(n-1), scaled by a random factor in
// [0.5, 1) so that many clients retrying together do not hit a recovering service in lock-step.
const MAX_DELAY_MS = 30_000;

export function backoffDelay(backoffMs: number, failedAttempts: number, random: () => number = Math.random): number {
  const exp = backoffMs * 2 ** Math.max(0, failedAttempts - 1);
  return Math.round(Math.min(MAX_DELAY_MS, exp) * (0.5 + random() * 0.5));
}

/** Waits `ms` unless `signal` aborts first (then rejects with its reason). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
