// Saved requests (.mockforge/requests/*.json): {"name", "operation", "input", "expect"?}. The format every template
// ships and `mockforge-plugin test` runs; `expect` is a partial reply that the actual reply must contain.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Operation, isOperation } from '../../../host/src/contract/operations';

export interface SavedRequest {
  file: string;
  name: string;
  operation: Operation;
  input: unknown;
  expect?: unknown;
}

export class SavedRequestError extends Error {}

export function requestsDir(pluginRoot: string): string {
  return path.join(pluginRoot, '.mockforge', 'requests');
}

export function readSavedRequest(file: string): SavedRequest {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SavedRequestError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SavedRequestError(`${file}: expected an object {"name", "operation", "input", "expect"?}`);
  const v = value as Record<string, unknown>;
  if (typeof v.operation !== 'string' || !isOperation(v.operation)) throw new SavedRequestError(`${file}: "operation" must be one of the plugin operations, not ${JSON.stringify(v.operation)}`);
  return {
    file,
    name: typeof v.name === 'string' && v.name ? v.name : path.basename(file, '.json'),
    operation: v.operation,
    input: v.input ?? {},
    expect: v.expect,
  };
}

/** Every *.json in .mockforge/requests, sorted by file name. */
export function listSavedRequests(pluginRoot: string): string[] {
  const dir = requestsDir(pluginRoot);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f));
}

/**
 * Where `actual` does not contain `expected`: objects match when every expected key matches (extra keys are fine),
 * arrays need the same length with matching elements, everything else must be equal. Returns one line per mismatch.
 */
export function partialMismatches(expected: unknown, actual: unknown, at = '$'): string[] {
  if (typeof expected === 'object' && expected !== null) {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) return [`${at}: expected an array, got ${show(actual)}`];
      if (actual.length !== expected.length) return [`${at}: expected ${expected.length} items, got ${actual.length}`];
      return expected.flatMap((e, i) => partialMismatches(e, actual[i], `${at}[${i}]`));
    }
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${at}: expected an object, got ${show(actual)}`];
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, e]) => {
      const p = /^[A-Za-z_$][\w$]*$/.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`;
      return k in a ? partialMismatches(e, a[k], p) : [`${p}: missing (expected ${show(e)})`];
    });
  }
  return Object.is(expected, actual) ? [] : [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
