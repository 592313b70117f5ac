// The request and result types of docs/protocol.md, as AssemblyScript classes. Field names are camelCase here and
// snake_case on the wire; each class knows how to read itself from, or write itself to, a JSONValue.
import { JSONValue } from './json';
import { base64EncodeString } from './base64';

/** The HTTP request MockForge is handling: `{method, uri, headers, body?}`. */
export class PluginContext {
  method: string = '';
  uri: string = '';
  /** Header names as sent; use header() for a case-insensitive lookup. */
  headers: JSONValue = JSONValue.object();
  body: JSONValue | null = null;
  /** The whole context object as received (extra fields included). */
  raw: JSONValue = JSONValue.object();

  static fromJSON(v: JSONValue | null): PluginContext {
    const ctx = new PluginContext();
    if (v == null || !v.isObject) return ctx;
    ctx.raw = v;
    ctx.method = v.getString('method');
    ctx.uri = v.getString('uri');
    const h = v.get('headers');
    if (h != null && h.isObject) ctx.headers = h;
    ctx.body = v.get('body');
    return ctx;
  }

  /** Case-insensitive header lookup (HTTP header names are case-insensitive). */
  header(name: string): string | null {
    const wanted = name.toLowerCase();
    for (let i = 0; i < this.headers.keys.length; i++) {
      const k = this.headers.keys[i];
      if (k.toLowerCase() == wanted) return this.headers.fields.get(k).asText();
    }
    return null;
  }
}

// ---------------------------------------------------------------- auth

/** `{type, token, data?}`: type is e.g. "bearer", "api_key", "basic". */
export class AuthCredentials {
  type: string = '';
  token: string = '';
  data: JSONValue | null = null;

  static fromJSON(v: JSONValue | null): AuthCredentials {
    const c = new AuthCredentials();
    if (v == null || !v.isObject) return c;
    c.type = v.getString('type');
    c.token = v.getString('token');
    c.data = v.get('data');
    return c;
  }
}

/** `{authenticated, user_id, claims, error_message?}`. */
export class AuthResult {
  authenticated: bool = false;
  userId: string = '';
  claims: JSONValue = JSONValue.object();
  errorMessage: string | null = null;

  static allow(userId: string): AuthResult {
    const r = new AuthResult();
    r.authenticated = true;
    r.userId = userId;
    return r;
  }

  static deny(message: string): AuthResult {
    const r = new AuthResult();
    r.errorMessage = message;
    return r;
  }

  claim(key: string, value: JSONValue): AuthResult { this.claims.set(key, value); return this; }
  claimString(key: string, value: string): AuthResult { return this.claim(key, JSONValue.string(value)); }

  toJSON(): JSONValue {
    const v = JSONValue.object()
      .setBool('authenticated', this.authenticated)
      .setString('user_id', this.userId)
      .set('claims', this.claims);
    const msg = this.errorMessage;
    if (msg != null) v.setString('error_message', msg);
    return v;
  }
}

// ---------------------------------------------------------------- template functions

export class FunctionParameter {
  constructor(public name: string, public paramType: string, public description: string = '', public required: bool = true) {}
  toJSON(): JSONValue {
    return JSONValue.object().setString('name', this.name).setString('param_type', this.paramType)
      .setString('description', this.description).setBool('required', this.required);
  }
}

/** What list_functions returns for one function. Chain `.param(...)` and `.example(...)`. */
export class FunctionDescriptor {
  parameters: FunctionParameter[] = [];
  examples: string[] = [];
  pure: bool = true;
  constructor(public name: string, public description: string, public returnType: string = 'string') {}

  param(name: string, paramType: string, description: string = '', required: bool = true): FunctionDescriptor {
    this.parameters.push(new FunctionParameter(name, paramType, description, required));
    return this;
  }
  example(text: string): FunctionDescriptor { this.examples.push(text); return this; }
  impure(): FunctionDescriptor { this.pure = false; return this; }

  toJSON(): JSONValue {
    const params = JSONValue.array();
    for (let i = 0; i < this.parameters.length; i++) params.push(this.parameters[i].toJSON());
    const ex = JSONValue.array();
    for (let i = 0; i < this.examples.length; i++) ex.push(JSONValue.string(this.examples[i]));
    return JSONValue.object().setString('name', this.name).setString('description', this.description)
      .set('parameters', params).setString('return_type', this.returnType).set('examples', ex).setBool('pure', this.pure);
  }
}

// ---------------------------------------------------------------- response

/** The request a response plugin answers: `request` of `{context, request}` (method, uri, path, headers, body, …). */
export class ResponseRequest {
  method: string = '';
  uri: string = '';
  path: string = '';
  headers: JSONValue = JSONValue.object();
  queryParams: JSONValue = JSONValue.object();
  pathParams: JSONValue = JSONValue.object();
  body: JSONValue | null = null;
  raw: JSONValue = JSONValue.object();

  static fromJSON(v: JSONValue | null): ResponseRequest {
    const r = new ResponseRequest();
    if (v == null || !v.isObject) return r;
    r.raw = v;
    r.method = v.getString('method');
    r.uri = v.getString('uri');
    r.path = v.getString('path', r.uri);
    const h = v.get('headers');
    if (h != null && h.isObject) r.headers = h;
    const q = v.get('query_params');
    if (q != null && q.isObject) r.queryParams = q;
    const p = v.get('path_params');
    if (p != null && p.isObject) r.pathParams = p;
    r.body = v.get('body');
    return r;
  }
}

/** `{status_code, headers, body (base64), content_type}`. */
export class ResponseData {
  statusCode: i32 = 200;
  headers: JSONValue = JSONValue.object();
  /** The body as text; it is base64-encoded (UTF-8) on the wire. */
  body: string = '';
  contentType: string = 'application/json';

  static json(statusCode: i32, value: JSONValue): ResponseData {
    const r = new ResponseData();
    r.statusCode = statusCode;
    r.body = value.stringify();
    return r;
  }

  static text(statusCode: i32, text: string, contentType: string = 'text/plain; charset=utf-8'): ResponseData {
    const r = new ResponseData();
    r.statusCode = statusCode;
    r.body = text;
    r.contentType = contentType;
    return r;
  }

  header(name: string, value: string): ResponseData { this.headers.setString(name, value); return this; }

  toJSON(): JSONValue {
    return JSONValue.object().setNumber('status_code', <f64>this.statusCode).set('headers', this.headers)
      .setString('body', base64EncodeString(this.body)).setString('content_type', this.contentType);
  }
}

// ---------------------------------------------------------------- data source

export class DataFilter {
  field: string = '';
  operator: string = 'eq';
  value: JSONValue = JSONValue.null();
}

/** `{query_type, query, parameters, limit?, filters?}`. */
export class DataQuery {
  queryType: string = 'select';
  query: string = '';
  parameters: JSONValue = JSONValue.object();
  /** -1 when the request sets no limit. */
  limit: i32 = -1;
  filters: DataFilter[] = [];

  static fromJSON(v: JSONValue | null): DataQuery {
    const q = new DataQuery();
    if (v == null || !v.isObject) return q;
    q.queryType = v.getString('query_type', 'select');
    q.query = v.getString('query');
    const p = v.get('parameters');
    if (p != null) q.parameters = p;
    const l = v.get('limit');
    if (l != null && l.isNumber) q.limit = <i32>l.num;
    const f = v.get('filters');
    if (f != null && f.isArray) {
      for (let i = 0; i < f.items.length; i++) {
        const item = f.items[i];
        const filter = new DataFilter();
        filter.field = item.getString('field');
        filter.operator = item.getString('operator', 'eq');
        const val = item.get('value');
        if (val != null) filter.value = val;
        q.filters.push(filter);
      }
    }
    return q;
  }
}

export class DataColumn {
  constructor(public name: string, public dataType: string = 'string', public nullable: bool = true) {}
  toJSON(): JSONValue {
    return JSONValue.object().setString('name', this.name).setString('data_type', this.dataType).setBool('nullable', this.nullable);
  }
}

/** `{rows, columns, total_count, execution_time_ms}`; rows are JSON objects keyed by column name. */
export class DataResult {
  rows: JSONValue[] = [];
  columns: DataColumn[] = [];
  /** -1: use rows.length. */
  totalCount: i32 = -1;
  executionTimeMs: f64 = 0;

  toJSON(): JSONValue {
    const rows = JSONValue.array();
    for (let i = 0; i < this.rows.length; i++) rows.push(this.rows[i]);
    const cols = JSONValue.array();
    for (let i = 0; i < this.columns.length; i++) cols.push(this.columns[i].toJSON());
    return JSONValue.object().set('rows', rows).set('columns', cols)
      .setNumber('total_count', <f64>(this.totalCount < 0 ? this.rows.length : this.totalCount))
      .setNumber('execution_time_ms', this.executionTimeMs);
  }
}
