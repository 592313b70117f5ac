// WIT values (as jco's JavaScript bindings represent them) ↔ the JSON wire format, driven by the WIT types
// (docs/protocol.md §7). Nothing here knows about operations: the same walk serves every function.
import { WitType, camel, snake } from './wit-model';

/** A value that does not fit its WIT type; `path` is the JSON path (request) or WIT path (reply) of the problem. */
export class ConvertError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path} ${message}`);
  }
}

const INT_RANGES: Record<string, [number, number]> = {
  u8: [0, 255], u16: [0, 65535], u32: [0, 4294967295], s8: [-128, 127], s16: [-32768, 32767], s32: [-2147483648, 2147483647],
};

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

function key(path: string, k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON (request side) → the JavaScript value jco lowers into the component. */
export function toWit(t: WitType, v: unknown, path: string): unknown {
  switch (t.kind) {
    case 'prim': return primToWit(t.name, v, path);
    case 'json': return JSON.stringify(v === undefined ? null : v);
    case 'bytes': {
      if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
        throw new ConvertError(path, `must be a base64 string, but it is ${describe(v)}`);
      }
      return new Uint8Array(Buffer.from(v, 'base64'));
    }
    case 'pairs': {
      if (v === undefined || v === null) return [];
      if (!isObject(v)) throw new ConvertError(path, `must be an object, but it is ${describe(v)}`);
      return Object.entries(v).map(([k, x]) => [k, toWit(t.value, x, key(path, k))]);
    }
    case 'list': {
      if (v === undefined || v === null) return [];
      if (!Array.isArray(v)) throw new ConvertError(path, `must be an array, but it is ${describe(v)}`);
      return v.map((x, i) => toWit(t.elem, x, `${path}[${i}]`));
    }
    case 'option': return v === undefined || v === null ? undefined : toWit(t.inner, v, path);
    case 'tuple': {
      if (!Array.isArray(v) || v.length !== t.types.length) throw new ConvertError(path, `must be an array of ${t.types.length} values, but it is ${describe(v)}`);
      return t.types.map((tt, i) => toWit(tt, v[i], `${path}[${i}]`));
    }
    case 'record': {
      if (!isObject(v)) throw new ConvertError(path, `must be an object (WIT record ${t.name}), but it is ${describe(v)}`);
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        const x = v[snake(f.name)];
        const optional = f.type.kind === 'option' || f.type.kind === 'list' || f.type.kind === 'pairs' || f.type.kind === 'json';
        if (x === undefined && !optional) throw new ConvertError(key(path, snake(f.name)), 'is required');
        out[camel(f.name)] = toWit(f.type, x, key(path, snake(f.name)));
      }
      return out;
    }
    case 'enum': {
      const c = typeof v === 'string' ? v.replace(/_/g, '-') : undefined;
      if (c === undefined || !t.cases.includes(c)) {
        throw new ConvertError(path, `must be one of ${t.cases.map((x) => `"${snake(x)}"`).join(', ')}, but it is ${describe(v)}`);
      }
      return c;
    }
    case 'variant': {
      if (!isObject(v) || typeof v.tag !== 'string') throw new ConvertError(path, `must be {"tag": …, "val": …}, but it is ${describe(v)}`);
      const c = t.cases.find((x) => x.name === (v.tag as string).replace(/_/g, '-'));
      if (!c) throw new ConvertError(key(path, 'tag'), `must be one of ${t.cases.map((x) => `"${snake(x.name)}"`).join(', ')}`);
      return c.type ? { tag: c.name, val: toWit(c.type, v.val, key(path, 'val')) } : { tag: c.name };
    }
    case 'result': throw new ConvertError(path, 'is a WIT result, which a request cannot carry');
  }
}

function primToWit(name: string, v: unknown, path: string): unknown {
  if (name === 'bool') {
    if (typeof v !== 'boolean') throw new ConvertError(path, `must be true or false, but it is ${describe(v)}`);
    return v;
  }
  if (name === 'string' || name === 'char') {
    if (typeof v !== 'string') throw new ConvertError(path, `must be a string, but it is ${describe(v)}`);
    return v;
  }
  if (name === 'f32' || name === 'f64') {
    if (typeof v !== 'number') throw new ConvertError(path, `must be a number, but it is ${describe(v)}`);
    return v;
  }
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ConvertError(path, `must be an integer, but it is ${describe(v)}`);
  if (name === 'u64' || name === 's64') {
    if (name === 'u64' && v < 0) throw new ConvertError(path, `must be a non-negative integer, but it is ${v}`);
    return BigInt(v);
  }
  const [lo, hi] = INT_RANGES[name] ?? [-Infinity, Infinity];
  if (v < lo || v > hi) throw new ConvertError(path, `must be an integer from ${lo} to ${hi} (${name}), but it is ${v}`);
  return v;
}

/** The JavaScript value jco lifted out of the component → JSON (reply side). */
export function fromWit(t: WitType, v: unknown, path: string): unknown {
  switch (t.kind) {
    case 'prim':
      if (typeof v === 'bigint') return Number(v);
      return v;
    case 'json': {
      if (typeof v !== 'string') throw new ConvertError(path, `must be JSON text, but it is ${describe(v)}`);
      try {
        return JSON.parse(v);
      } catch (err) {
        throw new ConvertError(path, `is not valid JSON text (${(err as Error).message}): ${JSON.stringify(v.slice(0, 60))}`);
      }
    }
    case 'bytes': return Buffer.from(v as Uint8Array).toString('base64');
    case 'pairs': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v as Array<[string, unknown]>) out[k] = fromWit(t.value, x, key(path, k));
      return out;
    }
    case 'list': return (v as unknown[]).map((x, i) => fromWit(t.elem, x, `${path}[${i}]`));
    case 'option': return v === undefined || v === null ? undefined : fromWit(t.inner, v, path);
    case 'tuple': return (v as unknown[]).map((x, i) => fromWit(t.types[i], x, `${path}[${i}]`));
    case 'record': {
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) {
        const x = fromWit(f.type, src[camel(f.name)], key(path, snake(f.name)));
        if (x === undefined) continue;
        // plugin-error: `details` is omitted when empty (docs/protocol.md §7).
        if (t.name === 'plugin-error' && f.name === 'details' && isObject(x) && Object.keys(x).length === 0) continue;
        out[snake(f.name)] = x;
      }
      return out;
    }
    case 'enum': return snake(String(v));
    case 'variant': {
      const { tag, val } = v as { tag: string; val?: unknown };
      const c = t.cases.find((x) => x.name === tag);
      return c?.type ? { tag: snake(tag), val: fromWit(c.type, val, key(path, 'val')) } : { tag: snake(tag) };
    }
    case 'result': throw new ConvertError(path, 'nested WIT results are not part of the protocol');
  }
}
