// "Did you mean …?" — the closest candidate by edit distance, if it is close enough to be a typo.

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + cost);
      diag = tmp;
    }
  }
  return prev[b.length];
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    // Prefix/containment ("authentication" → "auth", "host" → "allowed_hosts") counts as close.
    const contained = w.length >= 3 && (cl.startsWith(w) || w.startsWith(cl) || cl.includes(w));
    // A long shared prefix ("intervals" → "interval_seconds") is a typo of the longer name.
    const stem = w.length >= 6 && cl.startsWith(w.slice(0, w.length - 2));
    const score = cl === w ? 0 : contained ? 1 : stem ? 2 : editDistance(w, cl);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(Math.max(word.length, best.length) / 3));
  return bestScore <= limit ? best : undefined;
}
