// Semantic versions as the semver crate (used by wit-parser) accepts them, with its messages.
const NUM = /^(0|[1-9][0-9]*)$/;

const problems = new Map<string, string | undefined>();

export function versionProblem(text: string): string | undefined {
  if (problems.has(text)) return problems.get(text);
  const p = computeProblem(text);
  if (problems.size < 10000) problems.set(text, p);
  return p;
}

function computeProblem(text: string): string | undefined {
  const m = /^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([0-9A-Za-z.-]*))?(?:\+([0-9A-Za-z.-]*))?$/.exec(text);
  if (!m) return `invalid version \`${text}\``;
  const parts: [string, string][] = [[m[1], 'major'], [m[2], 'minor'], [m[3], 'patch']];
  for (const [v, what] of parts) if (!NUM.test(v)) return `invalid leading zero in ${what} version number`;
  if (m[4] !== undefined) {
    if (m[4] === '') return 'empty identifier segment in pre-release identifier';
    for (const id of m[4].split('.')) {
      if (id === '') return 'empty identifier segment in pre-release identifier';
      if (/^[0-9]+$/.test(id) && !NUM.test(id)) return 'invalid leading zero in pre-release identifier';
    }
  }
  if (m[5] !== undefined) for (const id of m[5].split('.')) if (id === '') return 'empty identifier segment in build metadata';
  return undefined;
}

const comparisons = new Map<string, number>();

/**
 * Compares two valid versions (semver precedence, build metadata ignored). Memoised: every `@since` gate of a package
 * is compared with the package version on each analysis, and a package set holds only a handful of versions.
 */
export function compareVersions(a: string, b: string): number {
  const key = `${a}\u0000${b}`;
  let d = comparisons.get(key);
  if (d === undefined) {
    d = compareUncached(a, b);
    if (comparisons.size < 10000) comparisons.set(key, d);
  }
  return d;
}

function compareUncached(a: string, b: string): number {
  const split = (v: string) => { const [core, pre] = v.split('+')[0].split(/-(.*)/s); return { nums: core.split('.').map(Number), pre }; };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++) if (x.nums[i] !== y.nums[i]) return x.nums[i] - y.nums[i];
  if (x.pre === undefined || y.pre === undefined) return (x.pre === undefined ? 1 : 0) - (y.pre === undefined ? 1 : 0);
  const xs = x.pre.split('.');
  const ys = y.pre.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (xs[i] === undefined) return -1;
    if (ys[i] === undefined) return 1;
    const xn = /^[0-9]+$/.test(xs[i]);
    const yn = /^[0-9]+$/.test(ys[i]);
    if (xn && yn) { const d = Number(xs[i]) - Number(ys[i]); if (d) return d; } else if (xn !== yn) return xn ? -1 : 1;
    else if (xs[i] !== ys[i]) return xs[i] < ys[i] ? -1 : 1;
  }
  return 0;
}
