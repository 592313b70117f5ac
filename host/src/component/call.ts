// One operation on a live component instance: JSON request → WIT arguments, call, WIT result → reply envelope.
import { Envelope, fail, normaliseEnvelope } from '../contract/envelope';
import type { Operation } from '../contract/operations';
import { ConvertError, fromWit, toWit } from './convert';
import { WitModel, camel, snake } from './wit-model';

/** Which WIT function serves each operation (docs/protocol.md §1). */
export const OPERATION_FUNCTIONS: Record<Operation, [string, string]> = {
  authenticate: ['auth', 'authenticate'],
  list_functions: ['template', 'list-functions'],
  execute_function: ['template', 'execute-function'],
  generate_response: ['response', 'generate-response'],
  query: ['datasource', 'query'],
  get_capabilities: ['capabilities', 'get-capabilities'],
};

type Fn = (...args: unknown[]) => unknown;

/** Thrown (as a marker) when the call itself failed inside the component: a trap or a host bug. */
export class CallFailure extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export function callOperation(instance: Record<string, unknown>, model: WitModel, label: string, operation: Operation, input: unknown, maxOutputBytes: number): Envelope {
  const [ifaceName, fnName] = OPERATION_FUNCTIONS[operation];
  const who = `${label} ${operation}`;
  const iface = model.interfaces.get(ifaceName);
  const fn = iface?.functions.get(fnName);
  const exported = instance[ifaceName] as Record<string, unknown> | undefined;
  const impl = exported?.[camel(fnName)];
  if (!fn || typeof impl !== 'function') {
    return fail('unsupported_operation', `${label} does not export ${model.package.split('@')[0]}/${ifaceName}.${fnName}, which serves ${operation}`);
  }
  const body = (input ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body)) return fail('bad_input', `${operation}: the request body must be a JSON object`);
  let args: unknown[];
  try {
    args = fn.params.map((p) => toWit(p.type, body[snake(p.name)], snake(p.name)));
  } catch (err) {
    if (err instanceof ConvertError) return fail('bad_input', `${operation}: ${err.message}`);
    throw err;
  }
  const result = fn.result;
  const errType = result?.kind === 'result' ? result.err : undefined;
  let value: unknown;
  try {
    value = (impl as Fn).apply(exported, args);
  } catch (err) {
    const payload = errType && typeof err === 'object' && err !== null && 'payload' in err ? (err as { payload: unknown }).payload : undefined;
    if (payload === undefined || !errType) throw new CallFailure(err);
    try {
      const normalised = normaliseEnvelope({ success: false, error: fromWit(errType, payload, 'error') });
      return normalised.ok ? normalised.envelope : fail('bad_output', `${who}: ${normalised.reason}`);
    } catch (convert) {
      if (convert instanceof ConvertError) return fail('bad_output', `${who} returned an error that does not fit plugin-error: ${convert.message}`);
      throw convert;
    }
  }
  const okType = result?.kind === 'result' ? result.ok : result;
  let json: unknown = null;
  try {
    if (okType) json = fromWit(okType, value, 'result');
  } catch (err) {
    if (err instanceof ConvertError) return fail('bad_output', `${who} returned a value that does not convert to JSON: ${err.message}`);
    throw err;
  }
  const size = Buffer.byteLength(JSON.stringify(json ?? null), 'utf8');
  if (size > maxOutputBytes) return fail('bad_output', `${who} returned a ${size}-byte result, over the ${maxOutputBytes}-byte limit for replies`);
  return { success: true, result: json ?? null };
}
