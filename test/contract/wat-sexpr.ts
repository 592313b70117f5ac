// A reader for the S-expressions of printed WebAssembly text (what jco's `print` returns). Index comments `(;N;)`
// are kept as `{ index: N }` tokens because they number the type definitions we need to resolve references.

export type SExpr = string | { index: number } | SExpr[];

/** Atoms stay strings; a quoted string becomes `"text"` with its quotes so it is distinguishable from an atom. */
export function parseSExprs(text: string): SExpr[] {
  const root: SExpr[] = [];
  const stack: SExpr[][] = [root];
  let i = 0;
  const top = () => stack[stack.length - 1];
  while (i < text.length) {
    const c = text[i];
    if (c === '(' && text[i + 1] === ';') {
      const end = text.indexOf(';)', i + 2);
      if (end < 0) throw new Error(`unterminated block comment at offset ${i}`);
      const body = text.slice(i + 2, end);
      if (/^\d+$/.test(body)) top().push({ index: Number(body) });
      i = end + 2;
    } else if (c === ';' && text[i + 1] === ';') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '(') {
      const list: SExpr[] = [];
      top().push(list);
      stack.push(list);
      i++;
    } else if (c === ')') {
      if (stack.length === 1) throw new Error(`unbalanced ')' at offset ${i}`);
      stack.pop();
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      // An atom, possibly with quoted parts (`$"#type5 plugin-error"`), or a string.
      let j = i;
      while (j < text.length && !/[\s()]/.test(text[j])) {
        if (text[j] === '"') {
          j++;
          while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        }
        j++;
      }
      top().push(text.slice(i, j));
      i = j;
    }
  }
  if (stack.length !== 1) throw new Error('unbalanced parentheses: missing )');
  return root;
}

export function isList(e: SExpr | undefined): e is SExpr[] {
  return Array.isArray(e);
}

export function isString(e: SExpr | undefined): e is string {
  return typeof e === 'string' && e.startsWith('"');
}

/** `"plugin-error"` → `plugin-error` (the printed names here never contain escapes). */
export function unquote(e: string): string {
  return e.slice(1, -1);
}

export function indexOf(e: SExpr | undefined): number | undefined {
  return typeof e === 'object' && e !== null && !Array.isArray(e) ? e.index : undefined;
}
