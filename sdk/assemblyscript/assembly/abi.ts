// The core ABI exports (docs/abi.md). A plugin's entry file re-exports the allocator and the operations it
// implements, e.g. `export { mockforge_alloc, mockforge_free, authenticate } from '@mockforge/plugin-sdk/abi'`.
// Requests are read and results written by the generated wire types (types.gen.ts), so replies have exactly the
// shapes of docs/protocol.md §3.
import { JSONValue, parseJSON } from './json';
import { alloc, free, packString, readString } from './memory';
import { authPlugin, dataSourcePlugin, responsePlugin, takeError, templatePlugin } from './plugin';
import {
  AuthenticateRequest, ExecuteFunctionRequest, FunctionList, FunctionResult, GenerateResponseRequest, QueryRequest,
  clearDecodeError, decodeError,
} from './types.gen';

export function mockforge_alloc(size: i32): usize { return alloc(size); }
export function mockforge_free(ptr: usize, size: i32): void { free(ptr); }

export function okEnvelope(result: JSONValue): string {
  return '{"success":true,"result":' + result.stringify() + '}';
}

export function errorEnvelope(code: string, message: string): string {
  return JSONValue.object().setBool('success', false)
    .set('error', JSONValue.object().setString('code', code).setString('message', message)).stringify();
}

/** Parses the request body; null (and `lastBadInput` set) when it is not a JSON object. */
let lastBadInput: string = '';
function readRequest(ptr: usize, len: i32): JSONValue | null {
  const parsed = parseJSON(readString(ptr, len));
  const v = parsed.value;
  if (v == null) { lastBadInput = 'request body is not valid JSON: ' + parsed.error; return null; }
  if (!v.isObject) { lastBadInput = 'request body must be a JSON object'; return null; }
  clearDecodeError();
  return v;
}

/** After a generated decode: false (and `lastBadInput` set) when a value did not have its wire type. */
function decodedCleanly(operation: string): bool {
  if (decodeError.length == 0) return true;
  lastBadInput = 'the ' + operation + ' request does not match the wire format (docs/protocol.md §3): ' + decodeError;
  return false;
}

/** Checks that each named member is an object (or absent/null), as the wire format requires. */
function membersAreObjects(req: JSONValue, keys: string[]): bool {
  for (let i = 0; i < keys.length; i++) {
    const v = req.get(keys[i]);
    if (v != null && !v.isNull && !v.isObject) {
      lastBadInput = '"' + keys[i] + '" must be a JSON object';
      return false;
    }
  }
  return true;
}

function badInput(): i64 { return packString(errorEnvelope('bad_input', lastBadInput)); }
function notRegistered(kind: string): i64 {
  return packString(errorEnvelope('unsupported_operation', 'no ' + kind + ' plugin registered (call register' + kind + 'Plugin)'));
}
function failed(): i64 {
  const e = takeError();
  return packString(errorEnvelope(e[0], e[1]));
}

export function authenticate(ptr: usize, len: i32): i64 {
  const body = readRequest(ptr, len);
  if (body == null || !membersAreObjects(body, ['context', 'credentials'])) return badInput();
  const req = AuthenticateRequest.fromJSON(body);
  if (!decodedCleanly('authenticate')) return badInput();
  const plugin = authPlugin;
  if (plugin == null) return notRegistered('Auth');
  const result = plugin.authenticate(req.context, req.credentials);
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}

export function list_functions(ptr: usize, len: i32): i64 {
  const plugin = templatePlugin;
  if (plugin == null) return notRegistered('Template');
  const list = new FunctionList();
  list.functions = plugin.listFunctions();
  return packString(okEnvelope(list.toJSON()));
}

export function execute_function(ptr: usize, len: i32): i64 {
  const body = readRequest(ptr, len);
  if (body == null || !membersAreObjects(body, ['context'])) return badInput();
  const argsValue = body.get('args');
  if (argsValue != null && !argsValue.isNull && !argsValue.isArray) { lastBadInput = '"args" must be a JSON array'; return badInput(); }
  const req = ExecuteFunctionRequest.fromJSON(body);
  if (!decodedCleanly('execute_function')) return badInput();
  const plugin = templatePlugin;
  if (plugin == null) return notRegistered('Template');
  if (req.functionName.length == 0) { lastBadInput = 'function_name is required'; return badInput(); }
  const value = plugin.executeFunction(req.functionName, req.args, req.context);
  if (value == null) return failed();
  const result = new FunctionResult();
  result.result = value;
  return packString(okEnvelope(result.toJSON()));
}

export function generate_response(ptr: usize, len: i32): i64 {
  const body = readRequest(ptr, len);
  if (body == null || !membersAreObjects(body, ['context', 'request'])) return badInput();
  const req = GenerateResponseRequest.fromJSON(body);
  if (!decodedCleanly('generate_response')) return badInput();
  const plugin = responsePlugin;
  if (plugin == null) return notRegistered('Response');
  const result = plugin.generateResponse(req.context, req.request);
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}

export function query(ptr: usize, len: i32): i64 {
  const body = readRequest(ptr, len);
  if (body == null || !membersAreObjects(body, ['query', 'context'])) return badInput();
  const req = QueryRequest.fromJSON(body);
  if (!decodedCleanly('query')) return badInput();
  const plugin = dataSourcePlugin;
  if (plugin == null) return notRegistered('DataSource');
  const result = plugin.query(req.query, req.context);
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}
