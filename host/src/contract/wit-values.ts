// Converts between WIT values as jco represents them in JavaScript and the JSON wire format, driven by schema.ts
// (which test/contract/schema-drift.test.ts ties to wit/*.wit). This is docs/protocol.md §7 as code, for hosts that
// run components: a request body becomes the export's arguments, its return value becomes the envelope's result.
//
// jco's representation: record fields in lowerCamelCase (`user-id` → `userId`), `option` none = undefined,
// `u64` = bigint, `list<u8>` = Uint8Array, `list<tuple<string, T>>` = array of [key, value] pairs, enums = their
// kebab-case case names, `json` = its JSON text.
import type { Operation } from './operations';
import { RECORDS, REQUESTS, RESULTS, Spec } from './schema';
import type { JsonValue } from './types';

/** Thrown when a value does not have the shape its spec demands; `path` is a JSON path as in validate.ts. */
export class WitValueError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path || 'value'}: ${message}`);
  }
}

/** `user_id` (wire) → `userId` (jco). */
export function jcoKey(wireKey: string): string {
  return wireKey.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** The arguments of the WIT function behind `operation`, in parameter order, from a (validated) request body. */
export function requestToArgs(operation: Operation, body: Record<string, unknown>): unknown[] {
  return Object.entries(REQUESTS[operation]).map(([name, spec]) => fromWire(spec, body[name], name));
}

/** The wire `result` of `operation` from the ok value a component returned. */
export function resultToWire(operation: Operation, value: unknown): JsonValue {
  return toWire({ kind: 'record', name: RESULTS[operation] }, value, 'result');
}

/** The wire `error` from a component's `plugin-error` value. */
export function errorToWire(value: unknown): { code: string; message: string; details?: Record<string, JsonValue> } {
  const e = toWire({ kind: 'record', name: 'plugin-error' }, value, 'error') as { code: string; message: string; details?: Record<string, JsonValue> };
  if (e.details && Object.keys(e.details).length === 0) delete e.details;
  return e;
}

/** WIT value (jco) → JSON. Options that are none are left out of records. */
export function toWire(spec: Spec, v: unknown, path = ''): JsonValue {
  switch (spec.kind) {
    case 'string':
    case 'bool':
      return expect(typeof v === (spec.kind === 'bool' ? 'boolean' : 'string'), v, path, spec.kind) as JsonValue;
    case 'uint':
      if (typeof v === 'bigint') {
        if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new WitValueError(path, `${v} does not fit a JSON number exactly`);
        return Number(v);
      }
      return expect(typeof v === 'number', v, path, 'an integer') as number;
    case 'json':
      return parseJsonText(v, path);
    case 'bytes':
      if (!(v instanceof Uint8Array)) throw new WitValueError(path, 'expected a Uint8Array');
      return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    case 'enum': {
      const s = expect(typeof v === 'string', v, path, 'an enum case') as string;
      return s.replace(/-/g, '_');
    }
    case 'string-map':
    case 'json-map':
      return Object.fromEntries(pairs(v, path).map(([k, x]) => [k, spec.kind === 'json-map' ? parseJsonText(x, `${path}${keyPath(k)}`) : (expect(typeof x === 'string', x, `${path}${keyPath(k)}`, 'a string') as string)]));
    case 'option':
      return v === undefined || v === null ? null : toWire(spec.of, v, path);
    case 'list':
      if (!Array.isArray(v)) throw new WitValueError(path, 'expected an array');
      return v.map((x, i) => toWire(spec.of, x, `${path}[${i}]`));
    case 'record': {
      if (typeof v !== 'object' || v === null) throw new WitValueError(path, `expected a ${spec.name} record`);
      const out: Record<string, JsonValue> = {};
      for (const [name, field] of Object.entries(RECORDS[spec.name])) {
        const x = toWire(field, (v as Record<string, unknown>)[jcoKey(name)], path ? `${path}.${name}` : name);
        if (!(field.kind === 'option' && x === null)) out[name] = x;
      }
      return out;
    }
  }
}

/** JSON → WIT value (jco). Absent lists and maps become empty, absent or null options become undefined. */
export function fromWire(spec: Spec, v: unknown, path = ''): unknown {
  switch (spec.kind) {
    case 'string':
    case 'bool':
      return expect(typeof v === (spec.kind === 'bool' ? 'boolean' : 'string'), v, path, spec.kind);
    case 'uint':
      expect(typeof v === 'number' && Number.isInteger(v) && v >= 0, v, path, 'a non-negative integer');
      return spec.bits === 64 ? BigInt(v as number) : v;
    case 'json':
      return JSON.stringify(v === undefined ? null : v);
    case 'bytes':
      return new Uint8Array(Buffer.from(expect(typeof v === 'string', v, path, 'a base64 string') as string, 'base64'));
    case 'enum':
      return (expect(typeof v === 'string', v, path, 'a string') as string).replace(/_/g, '-');
    case 'string-map':
    case 'json-map':
      if (v === undefined || v === null) return [];
      if (typeof v !== 'object' || Array.isArray(v)) throw new WitValueError(path, 'expected an object');
      return Object.entries(v).map(([k, x]) => [k, spec.kind === 'json-map' ? JSON.stringify(x) : expect(typeof x === 'string', x, `${path}${keyPath(k)}`, 'a string')]);
    case 'option':
      return v === undefined || v === null ? undefined : fromWire(spec.of, v, path);
    case 'list':
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) throw new WitValueError(path, 'expected an array');
      return v.map((x, i) => fromWire(spec.of, x, `${path}[${i}]`));
    case 'record': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WitValueError(path, `expected an object (${spec.name})`);
      const out: Record<string, unknown> = {};
      for (const [name, field] of Object.entries(RECORDS[spec.name])) {
        out[jcoKey(name)] = fromWire(field, (v as Record<string, unknown>)[name], path ? `${path}.${name}` : name);
      }
      return out;
    }
  }
}

function expect(ok: boolean, v: unknown, path: string, what: string): unknown {
  if (!ok) throw new WitValueError(path, `expected ${what}, got ${v === null ? 'null' : typeof v}`);
  return v;
}

function pairs(v: unknown, path: string): Array<[string, unknown]> {
  if (!Array.isArray(v) || !v.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string')) {
    throw new WitValueError(path, 'expected a list of [string, value] pairs');
  }
  return v as Array<[string, unknown]>;
}

function parseJsonText(v: unknown, path: string): JsonValue {
  if (typeof v !== 'string') throw new WitValueError(path, 'expected JSON text');
  try {
    return JSON.parse(v) as JsonValue;
  } catch {
    throw new WitValueError(path, `is not valid JSON text: ${JSON.stringify(v.slice(0, 40))}`);
  }
}

function keyPath(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}
