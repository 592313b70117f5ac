// The small expression language of breakpoint conditions, logpoint `{…}` parts and the debug console / hovers in a
// wasm frame, which has no evaluator of its own: locals and parameters by name, `name.length` of a string,
// number / string / true / false / null literals, == != < <= > >= (=== and !== alike), && || ! and parentheses.
// Values come from the frame's locals as the Variables view shows them (AssemblyScript strings as text).

export type Value = number | string | boolean | null;
export type Lookup = (name: string) => Value | undefined;

/** A located, readable reason an expression cannot be evaluated; shown to the user as is. */
export class ExpressionError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|([A-Za-z_$][\w$]*)|(===|!==|==|!=|<=|>=|&&|\|\||[<>!().]))/y;

interface Token {
  kind: 'number' | 'string' | 'name' | 'op';
  text: string;
  at: number;
}

function tokens(text: string): Token[] {
  const list: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (text.slice(at).trim() !== '') {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) throw new ExpressionError(`cannot read "${text.slice(at).trim()}" (column ${at + 1}): only locals, parameters, name.length, literals and == != < <= > >= && || ! ( ) are understood here`);
    const kind = m[1] !== undefined ? 'number' : m[2] !== undefined ? 'string' : m[3] !== undefined ? 'name' : 'op';
    list.push({ kind, text: m[1] ?? m[2] ?? m[3] ?? m[4], at: at + m[0].length - (m[1] ?? m[2] ?? m[3] ?? m[4]).length });
    at = TOKEN.lastIndex;
  }
  return list;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

function same(a: Value, b: Value): boolean {
  return a === b;
}

function compare(op: string, a: Value, b: Value): boolean {
  switch (op) {
    case '==': case '===': return same(a, b);
    case '!=': case '!==': return !same(a, b);
  }
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) {
    throw new ExpressionError(`cannot order ${show(a)} and ${show(b)} with ${op}`);
  }
  const x = a as number | string;
  const y = b as number | string;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function truthy(v: Value): boolean {
  return v !== null && v !== false && v !== 0 && v !== '';
}

/** Parses and evaluates `text` in one pass (recursive descent over the token list). */
export function evaluate(text: string, lookup: Lookup): Value {
  const list = tokens(text);
  if (list.length === 0) throw new ExpressionError('empty expression');
  let i = 0;
  const peek = (): Token | undefined => list[i];
  const expect = (op: string): void => {
    const t = list[i++];
    if (!t || t.text !== op) throw new ExpressionError(`expected "${op}" ${t ? `at column ${t.at + 1}` : 'at the end'} of ${JSON.stringify(text)}`);
  };
  const primary = (): Value => {
    const t = list[i++];
    if (!t) throw new ExpressionError(`${JSON.stringify(text)} ends too early`);
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'string') return unquote(t.text);
    if (t.text === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (t.kind !== 'name') throw new ExpressionError(`unexpected "${t.text}" at column ${t.at + 1} of ${JSON.stringify(text)}`);
    if (t.text === 'true') return true;
    if (t.text === 'false') return false;
    if (t.text === 'null') return null;
    const v = lookup(t.text);
    if (v === undefined) throw new ExpressionError(`no local or parameter named "${t.text}" in this frame`);
    if (peek()?.text === '.') {
      i++;
      const prop = list[i++];
      if (!prop || prop.text !== 'length') throw new ExpressionError(`only ".length" (of a string) can follow a name, in ${JSON.stringify(text)}`);
      if (typeof v !== 'string') throw new ExpressionError(`"${t.text}" is not a string (${show(v)}): it has no length`);
      return v.length;
    }
    return v;
  };
  const unary = (): Value => {
    if (peek()?.text === '!') {
      i++;
      return !truthy(unary());
    }
    return primary();
  };
  const comparison = (): Value => {
    const left = unary();
    const op = peek();
    if (op && ['==', '===', '!=', '!==', '<', '<=', '>', '>='].includes(op.text)) {
      i++;
      return compare(op.text, left, unary());
    }
    return left;
  };
  const and = (): Value => {
    let v = comparison();
    while (peek()?.text === '&&') {
      i++;
      const r = comparison();
      v = truthy(v) ? r : v;
    }
    return v;
  };
  function or(): Value {
    let v = and();
    while (peek()?.text === '||') {
      i++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  const v = or();
  if (i < list.length) throw new ExpressionError(`unexpected "${list[i].text}" at column ${list[i].at + 1} of ${JSON.stringify(text)}`);
  return v;
}

/** Whether a condition holds (a value that is not false, 0, "" or null). */
export function holds(text: string, lookup: Lookup): boolean {
  return truthy(evaluate(text, lookup));
}

/** Checks a condition's syntax without any locals (names resolve to a placeholder). */
export function checkSyntax(text: string): void {
  try {
    evaluate(text, () => 0);
  } catch (err) {
    // Only syntax matters here: ordering or .length errors depend on the real values.
    if (err instanceof ExpressionError && /^(cannot read|expected|unexpected|empty|.* ends too early|only ".length")/.test(err.message)) throw err;
  }
}

const HIT = /^\s*(==|===|>=|<=|>|<|%)?\s*(\d+)\s*$/;

/** Validates a hit condition: `N` or `== N` (the Nth hit), `>= N`, `> N`, `<= N`, `< N`, `% N` (every Nth). */
export function checkHitCondition(text: string): void {
  if (!HIT.test(text)) throw new ExpressionError(`hit condition "${text}" is not understood: use N, == N, >= N, > N, <= N, < N or % N`);
}

export function hitConditionMet(text: string, hits: number): boolean {
  const m = HIT.exec(text);
  if (!m) return true;
  const n = Number(m[2]);
  switch (m[1] ?? '==') {
    case '>=': return hits >= n;
    case '>': return hits > n;
    case '<=': return hits <= n;
    case '<': return hits < n;
    case '%': return n > 0 && hits % n === 0;
    default: return hits === n;
  }
}

export function show(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** A logpoint message: each `{expression}` replaced by its value (strings without quotes), errors shown in place. */
export function interpolate(template: string, lookup: Lookup): string {
  return template.replace(/\{([^{}]*)\}/g, (_, expr: string) => {
    try {
      const v = evaluate(expr, lookup);
      return typeof v === 'string' ? v : String(v);
    } catch (err) {
      return `<${(err as Error).message}>`;
    }
  });
}
