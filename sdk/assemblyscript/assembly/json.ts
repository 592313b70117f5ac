// A small JSON value model, reader and writer. Hand-written (no transform) so every project builds with plain `asc`.

export enum JSONKind { Null, Bool, Number, String, Array, Object }

/** One JSON value. A single class with a kind tag keeps AssemblyScript code free of downcasts. */
export class JSONValue {
  kind: JSONKind = JSONKind.Null;
  bool: bool = false;
  num: f64 = 0;
  str: string = '';
  items: JSONValue[] = [];
  /** Object keys in insertion order; values live in `fields`. */
  keys: string[] = [];
  fields: Map<string, JSONValue> = new Map();

  static null(): JSONValue { return new JSONValue(); }
  static bool(b: bool): JSONValue { const v = new JSONValue(); v.kind = JSONKind.Bool; v.bool = b; return v; }
  static number(n: f64): JSONValue { const v = new JSONValue(); v.kind = JSONKind.Number; v.num = n; return v; }
  static string(s: string): JSONValue { const v = new JSONValue(); v.kind = JSONKind.String; v.str = s; return v; }
  static array(): JSONValue { const v = new JSONValue(); v.kind = JSONKind.Array; return v; }
  static object(): JSONValue { const v = new JSONValue(); v.kind = JSONKind.Object; return v; }

  get isNull(): bool { return this.kind == JSONKind.Null; }
  get isBool(): bool { return this.kind == JSONKind.Bool; }
  get isNumber(): bool { return this.kind == JSONKind.Number; }
  get isString(): bool { return this.kind == JSONKind.String; }
  get isArray(): bool { return this.kind == JSONKind.Array; }
  get isObject(): bool { return this.kind == JSONKind.Object; }

  /** Object member, or null when this is not an object or has no such key. */
  get(key: string): JSONValue | null {
    if (this.kind != JSONKind.Object || !this.fields.has(key)) return null;
    return this.fields.get(key);
  }
  has(key: string): bool { return this.kind == JSONKind.Object && this.fields.has(key); }

  /** A string member, or `fallback` when it is missing or not a string. */
  getString(key: string, fallback: string = ''): string {
    const v = this.get(key);
    return v != null && v.kind == JSONKind.String ? v.str : fallback;
  }
  getNumber(key: string, fallback: f64 = 0): f64 {
    const v = this.get(key);
    return v != null && v.kind == JSONKind.Number ? v.num : fallback;
  }
  getBool(key: string, fallback: bool = false): bool {
    const v = this.get(key);
    return v != null && v.kind == JSONKind.Bool ? v.bool : fallback;
  }

  /** Sets an object member (keeps the first position of an existing key). Returns this for chaining. */
  set(key: string, value: JSONValue): JSONValue {
    if (this.kind != JSONKind.Object) return this;
    if (!this.fields.has(key)) this.keys.push(key);
    this.fields.set(key, value);
    return this;
  }
  setString(key: string, s: string): JSONValue { return this.set(key, JSONValue.string(s)); }
  setNumber(key: string, n: f64): JSONValue { return this.set(key, JSONValue.number(n)); }
  setBool(key: string, b: bool): JSONValue { return this.set(key, JSONValue.bool(b)); }

  /** Appends to an array. Returns this for chaining. */
  push(value: JSONValue): JSONValue {
    if (this.kind == JSONKind.Array) this.items.push(value);
    return this;
  }
  get length(): i32 {
    if (this.kind == JSONKind.Array) return this.items.length;
    if (this.kind == JSONKind.Object) return this.keys.length;
    return 0;
  }
  at(index: i32): JSONValue | null {
    return this.kind == JSONKind.Array && index >= 0 && index < this.items.length ? this.items[index] : null;
  }

  /** The value as text: strings as they are, everything else as JSON. */
  asText(): string { return this.kind == JSONKind.String ? this.str : this.stringify(); }

  stringify(): string {
    const out: string[] = [];
    writeValue(this, out);
    return out.join('');
  }
  toString(): string { return this.stringify(); }
}

// ---------------------------------------------------------------- writer

function writeValue(v: JSONValue, out: string[]): void {
  switch (v.kind) {
    case JSONKind.Null: out.push('null'); break;
    case JSONKind.Bool: out.push(v.bool ? 'true' : 'false'); break;
    case JSONKind.Number: out.push(formatNumber(v.num)); break;
    case JSONKind.String: out.push(quote(v.str)); break;
    case JSONKind.Array: {
      out.push('[');
      for (let i = 0; i < v.items.length; i++) {
        if (i > 0) out.push(',');
        writeValue(v.items[i], out);
      }
      out.push(']');
      break;
    }
    case JSONKind.Object: {
      out.push('{');
      for (let i = 0; i < v.keys.length; i++) {
        if (i > 0) out.push(',');
        const k = v.keys[i];
        out.push(quote(k));
        out.push(':');
        writeValue(v.fields.get(k), out);
      }
      out.push('}');
      break;
    }
  }
}

/** Integers print without a fraction (AssemblyScript's f64 toString would print `1.0`); NaN/Infinity become null. */
export function formatNumber(n: f64): string {
  if (isNaN(n) || !isFinite(n)) return 'null';
  if (n == Math.floor(n) && Math.abs(n) < 9007199254740992.0) return (<i64>n).toString();
  return n.toString();
}

const HEX = '0123456789abcdef';

/** A JSON string literal: quotes, backslashes and control characters escaped; other characters kept. */
export function quote(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x22 || c == 0x5c) { plain = false; break; }
  }
  if (plain) return '"' + s + '"';
  const parts: string[] = ['"'];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc = '';
    if (c == 0x22) esc = '\\"';
    else if (c == 0x5c) esc = '\\\\';
    else if (c == 0x0a) esc = '\\n';
    else if (c == 0x0d) esc = '\\r';
    else if (c == 0x09) esc = '\\t';
    else if (c == 0x08) esc = '\\b';
    else if (c == 0x0c) esc = '\\f';
    else if (c < 0x20) esc = '\\u00' + HEX.charAt(c >> 4) + HEX.charAt(c & 15);
    else continue;
    if (i > start) parts.push(s.substring(start, i));
    parts.push(esc);
    start = i + 1;
  }
  if (start < s.length) parts.push(s.substring(start));
  parts.push('"');
  return parts.join('');
}

// ---------------------------------------------------------------- reader

/** Outcome of parseJSON: `value` when it worked, else `error` says what and where (character offset). */
export class JSONParseResult {
  value: JSONValue | null = null;
  error: string = '';
  get ok(): bool { return this.value != null; }
}

export function parseJSON(text: string): JSONParseResult {
  const p = new Parser(text);
  const result = new JSONParseResult();
  const v = p.value(0);
  if (v != null) {
    p.skipSpace();
    if (p.pos < text.length) p.fail('unexpected text after the JSON value');
  }
  if (p.error.length > 0) result.error = p.error;
  else result.value = v;
  return result;
}

const MAX_DEPTH = 512;

class Parser {
  pos: i32 = 0;
  error: string = '';
  constructor(public text: string) {}

  fail(message: string): JSONValue | null {
    if (this.error.length == 0) this.error = message + ' at offset ' + this.pos.toString();
    return null;
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) this.pos++;
      else break;
    }
  }

  value(depth: i32): JSONValue | null {
    if (depth > MAX_DEPTH) return this.fail('JSON nested too deeply');
    this.skipSpace();
    if (this.pos >= this.text.length) return this.fail('unexpected end of JSON');
    const c = this.text.charCodeAt(this.pos);
    if (c == 0x7b) return this.object(depth);
    if (c == 0x5b) return this.array(depth);
    if (c == 0x22) {
      const s = this.string();
      return s == null ? null : JSONValue.string(s);
    }
    if (c == 0x74) return this.literal('true', JSONValue.bool(true));
    if (c == 0x66) return this.literal('false', JSONValue.bool(false));
    if (c == 0x6e) return this.literal('null', JSONValue.null());
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.fail('unexpected character ' + quote(this.text.charAt(this.pos)));
  }

  literal(word: string, v: JSONValue): JSONValue | null {
    if (this.text.substr(this.pos, word.length) != word) return this.fail('invalid literal');
    this.pos += word.length;
    return v;
  }

  number(): JSONValue | null {
    const t = this.text;
    const start = this.pos;
    if (t.charCodeAt(this.pos) == 0x2d) this.pos++;
    const digits = this.pos;
    while (this.pos < t.length && isDigit(t.charCodeAt(this.pos))) this.pos++;
    if (this.pos == digits) return this.fail('invalid number');
    if (this.pos < t.length && t.charCodeAt(this.pos) == 0x2e) {
      this.pos++;
      const frac = this.pos;
      while (this.pos < t.length && isDigit(t.charCodeAt(this.pos))) this.pos++;
      if (this.pos == frac) return this.fail('invalid number');
    }
    if (this.pos < t.length && (t.charCodeAt(this.pos) | 0x20) == 0x65) {
      this.pos++;
      if (this.pos < t.length && (t.charCodeAt(this.pos) == 0x2b || t.charCodeAt(this.pos) == 0x2d)) this.pos++;
      const exp = this.pos;
      while (this.pos < t.length && isDigit(t.charCodeAt(this.pos))) this.pos++;
      if (this.pos == exp) return this.fail('invalid number');
    }
    return JSONValue.number(parseFloat(t.substring(start, this.pos)));
  }

  string(): string | null {
    const t = this.text;
    this.pos++; // opening quote
    const parts: string[] = [];
    let start = this.pos;
    while (true) {
      if (this.pos >= t.length) { this.fail('unterminated string'); return null; }
      const c = t.charCodeAt(this.pos);
      if (c == 0x22) break;
      if (c < 0x20) { this.fail('control character in string'); return null; }
      if (c != 0x5c) { this.pos++; continue; }
      if (this.pos > start) parts.push(t.substring(start, this.pos));
      this.pos++;
      if (this.pos >= t.length) { this.fail('unterminated string'); return null; }
      const e = t.charCodeAt(this.pos);
      this.pos++;
      if (e == 0x22) parts.push('"');
      else if (e == 0x5c) parts.push('\\');
      else if (e == 0x2f) parts.push('/');
      else if (e == 0x62) parts.push('\b');
      else if (e == 0x66) parts.push('\f');
      else if (e == 0x6e) parts.push('\n');
      else if (e == 0x72) parts.push('\r');
      else if (e == 0x74) parts.push('\t');
      else if (e == 0x75) {
        const code = this.hex4();
        if (code < 0) { this.fail('invalid \\u escape'); return null; }
        // Surrogate pairs arrive as two escapes; UTF-16 strings take each unit as it is.
        parts.push(String.fromCharCode(code));
      } else { this.pos--; this.fail('invalid escape'); return null; }
      start = this.pos;
    }
    if (this.pos > start) parts.push(t.substring(start, this.pos));
    this.pos++; // closing quote
    return parts.join('');
  }

  hex4(): i32 {
    if (this.pos + 4 > this.text.length) return -1;
    let code = 0;
    for (let i = 0; i < 4; i++) {
      const c = this.text.charCodeAt(this.pos + i);
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) d = (c | 0x20) - 0x61 + 10;
      if (d < 0) return -1;
      code = (code << 4) | d;
    }
    this.pos += 4;
    return code;
  }

  array(depth: i32): JSONValue | null {
    this.pos++;
    const arr = JSONValue.array();
    this.skipSpace();
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == 0x5d) { this.pos++; return arr; }
    while (true) {
      const item = this.value(depth + 1);
      if (item == null) return null;
      arr.items.push(item);
      this.skipSpace();
      if (this.pos >= this.text.length) return this.fail('unterminated array');
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c == 0x5d) return arr;
      if (c != 0x2c) { this.pos--; return this.fail("expected ',' or ']'"); }
    }
  }

  object(depth: i32): JSONValue | null {
    this.pos++;
    const obj = JSONValue.object();
    this.skipSpace();
    if (this.pos < this.text.length && this.text.charCodeAt(this.pos) == 0x7d) { this.pos++; return obj; }
    while (true) {
      this.skipSpace();
      if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 0x22) return this.fail('expected a string key');
      const key = this.string();
      if (key == null) return null;
      this.skipSpace();
      if (this.pos >= this.text.length || this.text.charCodeAt(this.pos) != 0x3a) return this.fail("expected ':'");
      this.pos++;
      const v = this.value(depth + 1);
      if (v == null) return null;
      obj.set(key, v);
      this.skipSpace();
      if (this.pos >= this.text.length) return this.fail('unterminated object');
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c == 0x7d) return obj;
      if (c != 0x2c) { this.pos--; return this.fail("expected ',' or '}'"); }
    }
  }
}

function isDigit(c: i32): bool { return c >= 0x30 && c <= 0x39; }
