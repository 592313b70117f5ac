// Runtime validation of request bodies and results against the wire format (schema.ts). Hosts turn the problems of
// a malformed request into a `bad_input` envelope before calling a plugin, and a malformed result into `bad_output`.
import type { Operation } from './operations';
import { RECORDS, REQUESTS, RESULTS, Spec } from './schema';

export interface Problem {
  /** JSON path of the offending value, for example `context.headers` or `args[2]`; empty for the whole body. */
  path: string;
  /** A sentence naming the path, for example `context.headers must be an object of strings`. */
  message: string;
}

/** Problems with a request body for `operation`; empty when it is valid. Unknown keys are allowed (newer peers). */
export function validateRequest(operation: Operation, body: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(body)) {
    problems.push({ path: '', message: `the ${operation} request body must be a JSON object, got ${describe(body)}` });
    return problems;
  }
  checkFields(REQUESTS[operation], body, '', problems);
  return problems;
}

/** Problems with the `result` of a successful reply to `operation`; paths start with `result`. */
export function validateResult(operation: Operation, result: unknown): Problem[] {
  const problems: Problem[] = [];
  check({ kind: 'record', name: RESULTS[operation] }, result, 'result', problems);
  return problems;
}

/** One line per problem, for logs and `bad_input` messages. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => p.message).join('; ');
}

// Field lists are walked on every call; take them out of the spec objects once.
const entries = new WeakMap<Record<string, Spec>, Array<[string, Spec]>>();

function checkFields(fields: Record<string, Spec>, value: Record<string, unknown>, path: string, problems: Problem[]): void {
  let list = entries.get(fields);
  if (!list) entries.set(fields, (list = Object.entries(fields)));
  for (const [name, spec] of list) {
    const at = join(path, name);
    const v = value[name];
    if (v === undefined) {
      // Absent options are none; absent lists and maps are empty (what proto3 and most JSON encoders omit).
      if (spec.kind !== 'option' && spec.kind !== 'list' && spec.kind !== 'string-map' && spec.kind !== 'json-map') {
        problems.push({ path: at, message: `${at} is required (${expected(spec)})` });
      }
      continue;
    }
    check(spec, v, at, problems);
  }
}

/** `wanted` overrides the description of what was expected (an option says "… or null"); built only on failure. */
function check(spec: Spec, v: unknown, path: string, problems: Problem[], wanted?: Spec): void {
  const bad = () => problems.push({ path, message: `${path || 'the value'} must be ${expected(wanted ?? spec)}, got ${describe(v)}` });
  switch (spec.kind) {
    case 'string':
      if (typeof v !== 'string') bad();
      return;
    case 'bool':
      if (typeof v !== 'boolean') bad();
      return;
    case 'json':
      return; // any JSON value, null included
    case 'uint':
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || (spec.bits < 64 && v >= 2 ** spec.bits)) bad();
      return;
    case 'bytes':
      if (typeof v !== 'string' || !isBase64(v)) bad();
      return;
    case 'enum':
      if (typeof v !== 'string' || !spec.values.includes(v)) bad();
      return;
    case 'string-map':
      if (!isObject(v)) return void bad();
      for (const [k, x] of Object.entries(v)) {
        if (typeof x !== 'string') problems.push({ path: `${path}${key(k)}`, message: `${path} must be an object of strings, but ${path}${key(k)} is ${describe(x)}` });
      }
      return;
    case 'json-map':
      if (!isObject(v)) bad();
      return;
    case 'option':
      if (v !== null) check(spec.of, v, path, problems, wanted ?? spec);
      return;
    case 'list':
      if (!Array.isArray(v)) return void bad();
      v.forEach((x, i) => check(spec.of, x, `${path}[${i}]`, problems));
      return;
    case 'record':
      if (!isObject(v)) return void bad();
      checkFields(RECORDS[spec.name], v, path, problems);
      return;
  }
}

/** What a value of `spec` looks like, in words. */
export function expected(spec: Spec): string {
  switch (spec.kind) {
    case 'string': return 'a string';
    case 'bool': return 'true or false';
    case 'json': return 'any JSON value';
    case 'uint': return spec.bits === 64 ? 'a non-negative integer' : `an integer from 0 to ${2 ** spec.bits - 1}`;
    case 'bytes': return 'a base64 string';
    case 'enum': return `one of ${spec.values.map((x) => JSON.stringify(x)).join(', ')}`;
    case 'string-map': return 'an object of strings';
    case 'json-map': return 'an object';
    case 'option': return `${expected(spec.of)} or null`;
    case 'list': return `an array of ${plural(expected(spec.of))}`;
    case 'record': return `an object (${spec.name})`;
  }
}

/**
 * Standard base64 with padding; no whitespace. Written without a repeating regex group: V8 runs out of backtracking
 * stack on such patterns for bodies of a few MiB.
 */
export function isBase64(s: string): boolean {
  if (s.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(s)) return false;
  const pad = s.indexOf('=');
  return pad < 0 || (pad >= s.length - 2 && (pad === s.length - 1 || s[s.length - 1] === '='));
}

function plural(phrase: string): string {
  return phrase.replace(/^(a|an) (\S+)/, (_m, _a: string, noun: string) => `${noun}s`).replace(/^true or false$/, 'booleans');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  if (typeof v === 'object') return 'an object';
  return String(typeof v === 'boolean' ? v : typeof v);
}
