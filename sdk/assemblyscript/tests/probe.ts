// A plugin built only for the SDK's own tests (test/sdk/assemblyscript.test.ts): every plugin kind registered, plus
// probes for the JSON reader/writer, base64, httpFetch and abort.
import {
  AuthCredentials, AuthPlugin, AuthResult, Authenticated, Column, DataQuery, DataResult, DataSourcePlugin,
  FunctionDescriptor, JSONValue, MockResponse, PluginContext, QueryResult, Rejected, ResponseData, ResponsePlugin,
  ResponseRequest, TemplateFunction, TemplatePlugin, base64Decode, configGet, header, httpFetch, log, LogLevel, parseJSON,
  registerAuthPlugin, registerDataSourcePlugin, registerResponsePlugin, registerTemplatePlugin, reject,
} from '../index';
import { packString, readString } from '../assembly/memory';

export {
  mockforge_alloc, mockforge_free, authenticate, list_functions, execute_function, generate_response, query,
} from '../abi';

class Auth extends AuthPlugin {
  authenticate(ctx: PluginContext, credentials: AuthCredentials): AuthResult | null {
    if (credentials.type == 'explode') return reject<AuthResult>('credential type not supported', 'bad_input');
    const secret = configGet('token');
    const user = header(ctx.headers, 'X-USER');
    log(LogLevel.Debug, 'checking ' + ctx.method + ' ' + ctx.uri + ' for ' + (user == null ? '?' : user));
    if (secret == null) return new Rejected('no token configured');
    const token = credentials.token;
    if (token == null || token != secret) return new Rejected('invalid token');
    return new Authenticated('u-' + token.length.toString()).claimString('type', credentials.type)
      .claim('n', JSONValue.number(2));
  }
}

class Functions extends TemplatePlugin {
  listFunctions(): FunctionDescriptor[] {
    return [new TemplateFunction('concat', 'Joins strings', 'string').param('parts', 'string', 'strings', true).example('concat a b')];
  }
  executeFunction(name: string, args: JSONValue[], ctx: PluginContext): JSONValue | null {
    if (name != 'concat') return reject<JSONValue>('unknown function ' + name);
    let s = '';
    for (let i = 0; i < args.length; i++) s += args[i].asText();
    return JSONValue.string(s);
  }
}

class Responses extends ResponsePlugin {
  generateResponse(ctx: PluginContext, request: ResponseRequest): ResponseData | null {
    const q = request.queryParams.has('q') ? request.queryParams.get('q') : '';
    return MockResponse.text(202, request.method + ' ' + request.path + ' ✓').header('x-q', q);
  }
}

class Rows extends DataSourcePlugin {
  query(q: DataQuery, ctx: PluginContext): DataResult | null {
    const r = new QueryResult().column(new Column('field', 'string', false));
    for (let i = 0; i < q.filters.length; i++) {
      const f = q.filters[i];
      r.row(JSONValue.object().setString('field', f.field).setString('operator', f.operator).set('value', f.value));
    }
    const limit = q.limit;
    if (limit != null) r.total(<i64>limit.value);
    r.executionTimeMs = 2;
    return r;
  }
}

registerAuthPlugin(new Auth());
registerTemplatePlugin(new Functions());
registerResponsePlugin(new Responses());
registerDataSourcePlugin(new Rows());

/** Parses the input and writes it back; "ERR " + the parser's message when it is not JSON. */
export function json_roundtrip(ptr: usize, len: i32): i64 {
  const parsed = parseJSON(readString(ptr, len));
  const v = parsed.value;
  return packString(v == null ? 'ERR ' + parsed.error : v.stringify());
}

/** base64-decodes the input and returns the bytes as UTF-8 text ("ERR" when invalid). */
export function base64_probe(ptr: usize, len: i32): i64 {
  const bytes = base64Decode(readString(ptr, len));
  return packString(bytes == null ? 'ERR' : String.UTF8.decode(bytes.buffer));
}

/** GETs the URL given as input and summarises the HttpResponse. */
export function fetch_probe(ptr: usize, len: i32): i64 {
  const res = httpFetch('GET', readString(ptr, len));
  const summary = JSONValue.object().setBool('ok', res.ok).setNumber('status', <f64>res.status).setString('body', res.body)
    .setString('errorCode', res.errorCode).setString('errorMessage', res.errorMessage);
  const ct = res.header('Content-Type');
  if (ct != null) summary.setString('contentType', ct);
  return packString(summary.stringify());
}

export function abort_probe(): void {
  throw new Error('probe exploded');
}
