// The friendly authoring API on top of the generated wire types (types.gen.ts, produced from wit/ by
// `mockforge-plugin codegen`): each builder IS the generated type (a subclass), so what a plugin returns is encoded by
// the generated code and always has the shape of docs/protocol.md §3.
import { JSONValue } from './json';
import {
  AuthResult, Box, ColumnInfo, DataRow, DataResult, FunctionDescriptor, FunctionParameter, ResponseData,
} from './types.gen';

/** A header by case-insensitive name (HTTP header names are case-insensitive), or null when absent. */
export function header(headers: Map<string, string>, name: string): string | null {
  const wanted = name.toLowerCase();
  const keys = headers.keys();
  for (let i = 0; i < keys.length; i++) {
    if (keys[i].toLowerCase() == wanted) return headers.get(keys[i]);
  }
  return null;
}

/** The members of a JSON object as a json-map (claims, metadata, row values); empty for anything else. */
export function jsonMap(obj: JSONValue): Map<string, JSONValue> {
  const out = new Map<string, JSONValue>();
  if (!obj.isObject) return out;
  for (let i = 0; i < obj.keys.length; i++) out.set(obj.keys[i], obj.fields.get(obj.keys[i]));
  return out;
}

// ---------------------------------------------------------------- auth

/** `authenticated: true` for `userId`; chain `.claim(...)`. */
export class Authenticated extends AuthResult {
  constructor(userId: string) {
    super();
    this.authenticated = true;
    this.userId = userId;
  }
  claim(key: string, value: JSONValue): Authenticated { this.claims.set(key, value); return this; }
  claimString(key: string, value: string): Authenticated { return this.claim(key, JSONValue.string(value)); }
}

/** `authenticated: false` with the reason: a refused request is a normal result, not an error. */
export class Rejected extends AuthResult {
  constructor(message: string) {
    super();
    this.errorMessage = message;
  }
}

// ---------------------------------------------------------------- template functions

/** A function descriptor for list_functions: pure unless `.impure()`; chain `.param(...)` and `.example(...)`. */
export class TemplateFunction extends FunctionDescriptor {
  constructor(name: string, description: string, returnType: string = 'string') {
    super();
    this.name = name;
    this.description = description;
    this.returnType = returnType;
    this.pure = true;
  }
  param(name: string, paramType: string, description: string = '', required: bool = true): TemplateFunction {
    const p = new FunctionParameter();
    p.name = name;
    p.paramType = paramType;
    p.description = description;
    p.required = required;
    this.parameters.push(p);
    return this;
  }
  example(text: string): TemplateFunction { this.examples.push(text); return this; }
  impure(): TemplateFunction { this.pure = false; return this; }
  inCategory(category: string): TemplateFunction { this.category = category; return this; }
}

// ---------------------------------------------------------------- response

/** A response to send; `MockResponse.json(...)` / `.text(...)`, then chain `.header(...)`. */
export class MockResponse extends ResponseData {
  /** `value` as an application/json body (UTF-8). */
  static json(statusCode: i32, value: JSONValue): MockResponse {
    return MockResponse.text(statusCode, value.stringify(), 'application/json');
  }
  /** A text body, UTF-8 encoded. */
  static text(statusCode: i32, text: string, contentType: string = 'text/plain; charset=utf-8'): MockResponse {
    const r = new MockResponse();
    r.statusCode = <u16>statusCode;
    r.body = Uint8Array.wrap(String.UTF8.encode(text));
    r.contentType = contentType;
    return r;
  }
  header(name: string, value: string): MockResponse { this.headers.set(name, value); return this; }
}

// ---------------------------------------------------------------- data source

/** A result column; nullable unless said otherwise. */
export class Column extends ColumnInfo {
  constructor(name: string, dataType: string = 'string', nullable: bool = true) {
    super();
    this.name = name;
    this.dataType = dataType;
    this.nullable = nullable;
  }
}

/** A result row from a JSON object keyed by column name. */
export class Row extends DataRow {
  constructor(values: JSONValue) {
    super();
    this.values = jsonMap(values);
  }
}

/** A query result built row by row; `.total(n)` sets total_count (the count before limit/offset). */
export class QueryResult extends DataResult {
  column(c: ColumnInfo): QueryResult { this.columns.push(c); return this; }
  row(values: JSONValue): QueryResult { this.rows.push(new Row(values)); return this; }
  total(count: i64): QueryResult { this.totalCount = new Box<u64>(<u64>count); return this; }
}
