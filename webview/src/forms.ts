// The form per operation: which request fields it edits and where they live in the JSON body. The raw JSON is the
// source of truth; a form field reads its value from the body and writes it back (pure, tested in node).
import type { Operation } from '../../host/src/contract/operations';

export type FieldKind = 'text' | 'select' | 'number' | 'headers' | 'json' | 'function';

export interface Field {
  label: string;
  path: readonly string[];
  kind: FieldKind;
  options?: readonly string[];
  hint?: string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export const FORMS: Readonly<Record<Operation, readonly Field[]>> = {
  authenticate: [
    { label: 'Method', path: ['context', 'method'], kind: 'select', options: METHODS },
    { label: 'URI', path: ['context', 'uri'], kind: 'text' },
    { label: 'Headers', path: ['context', 'headers'], kind: 'headers' },
    { label: 'Credential type', path: ['credentials', 'type'], kind: 'select', options: ['bearer', 'basic', 'api_key', 'oauth2', 'custom'] },
    { label: 'Token', path: ['credentials', 'token'], kind: 'text' },
  ],
  list_functions: [],
  execute_function: [
    { label: 'Function', path: ['function_name'], kind: 'function' },
    { label: 'Arguments (JSON array)', path: ['args'], kind: 'json' },
  ],
  generate_response: [
    { label: 'Method', path: ['request', 'method'], kind: 'select', options: METHODS },
    { label: 'URI', path: ['request', 'uri'], kind: 'text' },
    { label: 'Path', path: ['request', 'path'], kind: 'text' },
    { label: 'Headers', path: ['request', 'headers'], kind: 'headers' },
    { label: 'Query parameters (JSON)', path: ['request', 'query_params'], kind: 'json' },
    { label: 'Body (base64)', path: ['request', 'body'], kind: 'text' },
  ],
  query: [
    { label: 'Query', path: ['query', 'query'], kind: 'text' },
    { label: 'Parameters (JSON)', path: ['query', 'parameters'], kind: 'json' },
    { label: 'Filters (JSON array)', path: ['query', 'filters'], kind: 'json' },
    { label: 'Limit', path: ['query', 'limit'], kind: 'number' },
  ],
  get_capabilities: [],
};

export function getPath(body: unknown, path: readonly string[]): unknown {
  let v: unknown = body;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A copy of body with value set at path (objects created on the way; undefined removes the key). */
export function setPath(body: unknown, path: readonly string[], value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = body !== null && typeof body === 'object' && !Array.isArray(body) ? structuredClone(body as Record<string, unknown>) : {};
  let at = root;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    at[key] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    at = at[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (value === undefined) delete at[last];
  else at[last] = value;
  return root;
}

/** Header rows from a headers object (values that are not strings shown as JSON). */
export function headerRows(headers: unknown): Array<[string, string]> {
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) return [];
  return Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
}

/** Rows back to a headers object; rows with an empty name are dropped, the last of a repeated name wins. */
export function rowsToHeaders(rows: ReadonlyArray<readonly [string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of rows) if (k.trim()) out[k.trim()] = v;
  return out;
}
