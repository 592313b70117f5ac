// WIT lexer: turns source text into tokens with offsets. Comments are kept apart (docs, folding, formatting need them).
// It never throws: bad characters become `error` tokens with a diagnostic, and lexing goes on.
import type { Diagnostic } from './diagnostics';

export const KEYWORDS = new Set([
  'as', 'async', 'bool', 'borrow', 'char', 'constructor', 'enum', 'export', 'f32', 'f64', 'flags', 'from', 'func',
  'future', 'import', 'include', 'interface', 'list', 'map', 'option', 'own', 'package', 'record', 'resource', 'result',
  's16', 's32', 's64', 's8', 'static', 'stream', 'string', 'tuple', 'type', 'u16', 'u32', 'u64', 'u8', 'use', 'variant',
  'with', 'world', 'error-context', '_',
]);

export type TokenKind =
  | 'id' | 'explicit-id' | 'keyword' | 'integer' | 'string'
  | '=' | ',' | ':' | ';' | '(' | ')' | '{' | '}' | '<' | '>' | '*' | '->' | '/' | '.' | '@' | '-' | '+'
  | 'error' | 'eof';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier text without `%`, keyword text, or the literal text for other tokens. */
  text: string;
}

export interface Comment {
  start: number;
  end: number;
  /** `///` or `/** … *\/` documentation comment. */
  doc: boolean;
  block: boolean;
  text: string;
}

export interface LexResult {
  tokens: Token[];
  comments: Comment[];
}

const PUNCT = new Set(['=', ',', ':', ';', '(', ')', '{', '}', '<', '>', '*', '/', '.', '@', '+']);

function isIdStart(c: string): boolean {
  return /[\p{XID_Start}_]/u.test(c);
}
function isIdContinue(c: string): boolean {
  return c === '-' || /[\p{XID_Continue}]/u.test(c);
}
function isAsciiIdStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95;
}
function isAsciiIdContinue(code: number): boolean {
  return isAsciiIdStart(code) || (code >= 48 && code <= 57) || code === 45;
}

export function lex(text: string, diagnostics: Diagnostic[]): LexResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const n = text.length;
  let i = 0;
  const readIdent = (from: number): number => {
    let j = from;
    while (j < n) {
      const code = text.charCodeAt(j);
      if (code < 128) {
        if (!isAsciiIdContinue(code)) break;
        j++;
      } else {
        const ch = String.fromCodePoint(text.codePointAt(j)!);
        if (!isIdContinue(ch)) break;
        j += ch.length;
      }
    }
    return j;
  };
  while (i < n) {
    const c = text[i];
    const code = text.charCodeAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    if (c === '/' && text[i + 1] === '/') {
      let j = text.indexOf('\n', i);
      if (j < 0) j = n;
      const body = text.slice(i, j);
      comments.push({ start: i, end: j, doc: body.startsWith('///') && !body.startsWith('////'), block: false, text: body });
      i = j;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') { depth++; j += 2; } else if (text[j] === '*' && text[j + 1] === '/') { depth--; j += 2; } else j++;
      }
      if (depth > 0) diagnostics.push({ start: i, end: Math.min(i + 2, n), message: 'unterminated block comment', severity: 'error' });
      const body = text.slice(i, j);
      comments.push({ start: i, end: j, doc: body.startsWith('/**') && !body.startsWith('/***') && body !== '/**/', block: true, text: body });
      i = j;
      continue;
    }
    if (c === '-' ) {
      if (text[i + 1] === '>') { tokens.push({ kind: '->', start: i, end: i + 2, text: '->' }); i += 2; continue; }
      tokens.push({ kind: '-', start: i, end: i + 1, text: '-' }); i++; continue;
    }
    if (PUNCT.has(c)) { tokens.push({ kind: c as TokenKind, start: i, end: i + 1, text: c }); i++; continue; }
    if (code >= 48 && code <= 57) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      tokens.push({ kind: 'integer', start: i, end: j, text: text.slice(i, j) });
      i = j;
      continue;
    }
    if (c === '%') {
      const j = readIdent(i + 1);
      const word = text.slice(i + 1, j);
      if (word === '' || !isIdStart(String.fromCodePoint(text.codePointAt(i + 1) ?? 32))) {
        diagnostics.push({ start: i, end: Math.max(j, i + 1), message: 'expected an identifier after `%`', severity: 'error' });
        tokens.push({ kind: 'error', start: i, end: Math.max(j, i + 1), text: text.slice(i, Math.max(j, i + 1)) });
        i = Math.max(j, i + 1);
        continue;
      }
      tokens.push({ kind: 'explicit-id', start: i, end: j, text: word });
      i = j;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      if (j >= n || text[j] !== '"') {
        diagnostics.push({ start: i, end: Math.min(j, n), message: 'unterminated string literal', severity: 'error' });
        tokens.push({ kind: 'error', start: i, end: Math.min(j, n), text: text.slice(i, j) });
        i = Math.min(j, n);
        continue;
      }
      tokens.push({ kind: 'string', start: i, end: j + 1, text: text.slice(i + 1, j) });
      i = j + 1;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (code < 128 ? isAsciiIdStart(code) : isIdStart(ch)) {
      const j = readIdent(i);
      const word = text.slice(i, j);
      tokens.push({ kind: KEYWORDS.has(word) ? 'keyword' : 'id', start: i, end: j, text: word });
      i = j;
      continue;
    }
    diagnostics.push({ start: i, end: i + ch.length, message: describeBadChar(cp), severity: 'error' });
    tokens.push({ kind: 'error', start: i, end: i + ch.length, text: ch });
    i += ch.length;
  }
  tokens.push({ kind: 'eof', start: n, end: n, text: '' });
  return { tokens, comments };
}

function describeBadChar(cp: number): string {
  if (cp < 32 || cp === 127) return `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')} is not allowed`;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return `bidirectional override character U+${cp.toString(16).toUpperCase()} is not allowed`;
  return `unexpected character ${JSON.stringify(String.fromCodePoint(cp))}`;
}
