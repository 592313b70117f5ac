// Checks a request body against the shape its operation needs; the message names the offending field.
import type { Operation } from './types';

type Check = (body: Record<string, unknown>) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function context(v: unknown, at = 'context'): string | undefined {
  if (v === undefined) return undefined;
  if (!isObject(v)) return `${at} must be an object`;
  if (v.method !== undefined && typeof v.method !== 'string') return `${at}.method must be a string`;
  if (v.uri !== undefined && typeof v.uri !== 'string') return `${at}.uri must be a string`;
  if (v.headers !== undefined && !isObject(v.headers)) return `${at}.headers must be an object of name → value`;
  return undefined;
}

const CHECKS: Record<Operation, Check> = {
  authenticate: (b) => {
    if (!isObject(b.credentials)) return 'credentials must be an object like {"type": "bearer", "token": "…"}';
    if (typeof b.credentials.type !== 'string') return 'credentials.type must be a string';
    if (b.credentials.token !== undefined && typeof b.credentials.token !== 'string') return 'credentials.token must be a string';
    return context(b.context);
  },
  list_functions: () => undefined,
  execute_function: (b) => {
    if (typeof b.function_name !== 'string' || b.function_name === '') return 'function_name must be a non-empty string';
    if (b.args !== undefined && !Array.isArray(b.args)) return 'args must be an array';
    return context(b.context);
  },
  generate_response: (b) => {
    if (b.request !== undefined && !isObject(b.request)) return 'request must be an object';
    return context(b.context);
  },
  query: (b) => {
    if (!isObject(b.query)) return 'query must be an object like {"query": "…", "parameters": {…}}';
    if (typeof b.query.query !== 'string') return 'query.query must be a string';
    return context(b.context);
  },
  get_capabilities: () => undefined,
};

export function validateRequest(operation: Operation, body: unknown): string | undefined {
  if (!isObject(body)) return 'the request body must be a JSON object';
  return CHECKS[operation](body);
}
