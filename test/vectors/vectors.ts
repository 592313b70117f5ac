// The conformance vector files (test/vectors/<kind>.json) and how a reply is held against a vector: results are
// compared after the protocol's reading rules (docs/protocol.md §7: an absent list or map is empty, a null option is
// absent), so `{"claims": {}}` and a missing `claims` are the same reply, while every value that is there must match.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Operation } from '../../host/src/contract/operations';
import { RECORDS, RESULTS, Spec } from '../../host/src/contract/schema';
import { partialMismatches } from '../../cli/src/scaffold/saved-requests';
import { REPO } from '../plugins/build';

export const KINDS = ['auth', 'template', 'response', 'datasource'] as const;
export type Kind = (typeof KINDS)[number];

export interface Vector {
  name: string;
  /** Defaults to the file's `operation`. */
  operation?: Operation;
  /** The plugin's configuration (plugin.yaml `configuration`; environment variables for remote services). */
  config: Record<string, string>;
  input: unknown;
  expect: unknown;
  /** Compare only the keys `expect` names (error details, random values). */
  partial?: boolean;
  /** JSON path in the envelope (`result.result`) → regular expression the string there must match. */
  match?: Record<string, string>;
}

export interface VectorFile {
  description: string;
  operation: Operation;
  /** How a remote service of this kind receives each configuration key: the environment variable's name. */
  remote_env: Record<string, string>;
  /** Paths in the envelope whose value is validated but not compared (e.g. `result.execution_time_ms`). */
  volatile?: string[];
  vectors: Vector[];
}

export function readVectors(kind: Kind): VectorFile {
  return JSON.parse(readFileSync(path.join(REPO, 'test', 'vectors', `${kind}.json`), 'utf8')) as VectorFile;
}

/**
 * Expands the shorthands that keep vector files small and readable: `REPEAT:<text>:<n>` is text repeated n times,
 * `UTF8_BASE64:<text>` is the base64 of the text's UTF-8 bytes (bodies are compared byte for byte).
 */
export function expand(value: unknown): unknown {
  if (typeof value === 'string') {
    const repeat = /^REPEAT:([^:]+):(\d+)$/.exec(value);
    if (repeat) return repeat[1].repeat(Number(repeat[2]));
    if (value.startsWith('UTF8_BASE64:')) return Buffer.from(value.slice('UTF8_BASE64:'.length), 'utf8').toString('base64');
    return value;
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value of `spec` in the protocol's reading form: absent lists/maps filled in, null options dropped. */
function canonical(spec: Spec, v: unknown): unknown {
  switch (spec.kind) {
    case 'option':
      return v === null || v === undefined ? undefined : canonical(spec.of, v);
    case 'list':
      if (v === undefined) return [];
      return Array.isArray(v) ? v.map((x) => canonical(spec.of, x)) : v;
    case 'string-map':
    case 'json-map':
      return v === undefined ? {} : v;
    case 'record': {
      if (!isObject(v)) return v;
      const fields = RECORDS[spec.name];
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!(k in fields)) out[k] = x; // unknown keys stay: they must match too
      for (const [k, fieldSpec] of Object.entries(fields)) {
        const c = canonical(fieldSpec, v[k]);
        if (c !== undefined) out[k] = c;
      }
      return out;
    }
    default:
      return v;
  }
}

/** The envelope with its result in reading form and volatile paths removed. */
export function canonicalEnvelope(operation: Operation, envelope: unknown, volatile: readonly string[] = []): unknown {
  if (!isObject(envelope)) return envelope;
  const out: Record<string, unknown> = { ...envelope };
  if (envelope.success === true) out.result = canonical({ kind: 'record', name: RESULTS[operation] }, envelope.result);
  for (const p of volatile) removePath(out, p.split('.'));
  return out;
}

function removePath(obj: Record<string, unknown>, keys: string[]): void {
  const [first, ...rest] = keys;
  if (rest.length === 0) {
    delete obj[first];
    return;
  }
  const next = obj[first];
  if (isObject(next)) {
    const copy = { ...next };
    obj[first] = copy;
    removePath(copy, rest);
  }
}

/** The value at a dotted JSON path (`result.result`), or undefined. */
export function valueAt(value: unknown, dotted: string): unknown {
  let v = value;
  for (const k of dotted.split('.')) v = isObject(v) ? v[k] : undefined;
  return v;
}

/** What differs between a reply and the vector; empty when the reply conforms. */
export function mismatches(file: VectorFile, v: Vector, envelope: unknown): string[] {
  const operation = v.operation ?? file.operation;
  const expect = expand(v.expect);
  let out: string[];
  if (v.partial) {
    out = partialMismatches(expect, envelope);
  } else {
    const want = canonicalEnvelope(operation, expect, file.volatile);
    const got = canonicalEnvelope(operation, envelope, file.volatile);
    // Both directions: what the vector says that the reply lacks or has differently, and what only the reply has.
    out = partialMismatches(want, got).concat(partialMismatches(got, want)
      .filter((m) => m.includes(': missing (expected '))
      .map((m) => m.replace(': missing (expected ', ': only in the reply (')));
  }
  for (const [p, pattern] of Object.entries(v.match ?? {})) {
    const got = valueAt(envelope, p);
    if (typeof got !== 'string' || !new RegExp(pattern, 'u').test(got)) out.push(`$.${p}: ${JSON.stringify(got)} does not match /${pattern}/`);
  }
  return out;
}
