// WIT identifier rules (kebab-case labels), as wit-parser's lexer validates them.
import { KEYWORDS } from './lexer';

/** Why `name` (without `%`) is not a valid WIT identifier, or undefined when it is. */
const VALID = /^[A-Za-z](?:[a-z0-9]*|[A-Z0-9]*)(?:-(?:[a-z0-9]+|[A-Z0-9]+))*$/;

export function identifierProblem(name: string): string | undefined {
  if (VALID.test(name) && !/^[a-z][a-z0-9]*[A-Z]|^[A-Z][A-Z0-9]*[a-z]/.test(name)) return undefined; // fast path
  if (name === '') return 'empty identifier';
  const first = name.charCodeAt(0);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) {
    if (name[0] === '-') return "identifiers must have characters between '-'s";
    if (first >= 48 && first <= 57) return 'identifiers must start with a letter';
    return `invalid character in identifier '${String.fromCodePoint(name.codePointAt(0)!)}'`;
  }
  for (const part of name.split('-')) {
    if (part === '') return "identifiers must have characters between '-'s";
    let lower = false;
    let upper = false;
    for (const ch of part) {
      const c = ch.charCodeAt(0);
      const isLower = c >= 97 && c <= 122;
      const isUpper = c >= 65 && c <= 90;
      const isDigit = c >= 48 && c <= 57;
      if (!isLower && !isUpper && !isDigit) return `invalid character in identifier '${ch}'`;
      if ((isLower && upper) || (isUpper && lower)) return `invalid character in identifier '${ch}'`;
      lower ||= isLower;
      upper ||= isUpper;
    }
  }
  return undefined;
}

/** Problem with a name the user wants to give (rename, completion): also refuses bare keywords. */
export function newNameProblem(name: string): string | undefined {
  const bare = name.startsWith('%') ? name.slice(1) : name;
  const problem = identifierProblem(bare);
  if (problem) return problem;
  if (!name.startsWith('%') && KEYWORDS.has(name)) return `\`${name}\` is a keyword; write \`%${name}\` to use it as a name`;
  return undefined;
}

/** How a name must be written in source (keywords need `%`). */
export function spellName(name: string): string {
  return KEYWORDS.has(name) ? `%${name}` : name;
}
