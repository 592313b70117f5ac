// A readable failure for a saved request's `expect`: the mismatches (the same partial matcher `mockforge-plugin
// test` uses) and the actual reply cut down to the shape of the expectation, so the diff editor shows only what
// was asserted instead of every extra key the reply carries. No vscode import (unit-tested).
import { partialMismatches } from '../../../cli/src/scaffold/saved-requests';

export interface ExpectCheck {
  passed: boolean;
  mismatches: string[];
  expectedText: string;
  actualText: string;
}

/** `actual` restricted to the keys `expected` names (recursively); everything else is kept as is. */
export function projectOnto(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((a, i) => (i < expected.length ? projectOnto(expected[i], a) : a));
  }
  if (isRecord(expected) && isRecord(actual)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(expected)) if (k in actual) out[k] = projectOnto(expected[k], actual[k]);
    return out;
  }
  return actual;
}

export function checkExpect(expected: unknown, actual: unknown): ExpectCheck {
  const mismatches = partialMismatches(expected, actual);
  return {
    passed: mismatches.length === 0,
    mismatches,
    expectedText: `${JSON.stringify(expected, null, 2)}\n`,
    actualText: `${JSON.stringify(projectOnto(expected, actual), null, 2) ?? 'undefined'}\n`,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
