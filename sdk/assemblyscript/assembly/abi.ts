// The core ABI exports (docs/abi.md). A plugin's entry file re-exports the allocator and the operations it
// implements, e.g. `export { mockforge_alloc, mockforge_free, authenticate } from '@mockforge/plugin-sdk/abi'`.
import { JSONValue, parseJSON } from './json';
import { alloc, free, packString, readString } from './memory';
import { authPlugin, dataSourcePlugin, responsePlugin, takeError, templatePlugin } from './plugin';
import { AuthCredentials, DataQuery, PluginContext, ResponseRequest } from './types';

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
  return v;
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
  const req = readRequest(ptr, len);
  if (req == null || !membersAreObjects(req, ['context', 'credentials'])) return badInput();
  const plugin = authPlugin;
  if (plugin == null) return notRegistered('Auth');
  const result = plugin.authenticate(PluginContext.fromJSON(req.get('context')), AuthCredentials.fromJSON(req.get('credentials')));
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}

export function list_functions(ptr: usize, len: i32): i64 {
  const plugin = templatePlugin;
  if (plugin == null) return notRegistered('Template');
  const fns = plugin.listFunctions();
  const arr = JSONValue.array();
  for (let i = 0; i < fns.length; i++) arr.push(fns[i].toJSON());
  return packString(okEnvelope(arr));
}

export function execute_function(ptr: usize, len: i32): i64 {
  const req = readRequest(ptr, len);
  if (req == null || !membersAreObjects(req, ['context'])) return badInput();
  const plugin = templatePlugin;
  if (plugin == null) return notRegistered('Template');
  const name = req.getString('function_name');
  if (name.length == 0) { lastBadInput = 'function_name is required'; return badInput(); }
  const argsValue = req.get('args');
  if (argsValue != null && !argsValue.isNull && !argsValue.isArray) { lastBadInput = '"args" must be a JSON array'; return badInput(); }
  const args: JSONValue[] = argsValue != null && argsValue.isArray ? argsValue.items : [];
  const result = plugin.executeFunction(name, args, PluginContext.fromJSON(req.get('context')));
  if (result == null) return failed();
  return packString(okEnvelope(result));
}

export function generate_response(ptr: usize, len: i32): i64 {
  const req = readRequest(ptr, len);
  if (req == null || !membersAreObjects(req, ['context', 'request'])) return badInput();
  const plugin = responsePlugin;
  if (plugin == null) return notRegistered('Response');
  const result = plugin.generateResponse(PluginContext.fromJSON(req.get('context')), ResponseRequest.fromJSON(req.get('request')));
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}

export function query(ptr: usize, len: i32): i64 {
  const req = readRequest(ptr, len);
  if (req == null || !membersAreObjects(req, ['query', 'context'])) return badInput();
  const plugin = dataSourcePlugin;
  if (plugin == null) return notRegistered('DataSource');
  const result = plugin.query(DataQuery.fromJSON(req.get('query')), PluginContext.fromJSON(req.get('context')));
  if (result == null) return failed();
  return packString(okEnvelope(result.toJSON()));
}
