// Formatter: re-lays the token stream in the canonical WIT layout (one item per line, bodies indented, record /
// variant / enum / flags cases one per line with trailing commas, `name: type`, `a:b/c@1.0.0` tight, `use x.{a, b}`),
// keeping every comment. Formatting formatted text changes nothing. Files with syntax errors are left alone.
import type * as A from './ast';
import type { Comment, Token } from './lexer';
import { parse } from './parser';

export interface FormatOptions { indent: string }

type Atom = { tok: Token; comment?: undefined } | { comment: Comment; tok?: undefined };

export function formatWit(text: string, options: FormatOptions = { indent: '  ' }): string | undefined {
  const pr = parse(text);
  if (pr.diagnostics.some((d) => d.severity === 'error')) return undefined;
  const tight = tightSpans(pr.file);
  const inTight = (t: Token, u: Token) => tight.some((s) => t.start >= s.start && u.end <= s.end);
  const atoms: Atom[] = [];
  {
    let ci = 0;
    for (const tok of pr.tokens) {
      while (ci < pr.comments.length && pr.comments[ci].start < tok.start) atoms.push({ comment: pr.comments[ci++] });
      if (tok.kind !== 'eof') atoms.push({ tok });
    }
    while (ci < pr.comments.length) atoms.push({ comment: pr.comments[ci++] });
  }
  const out: string[] = [];
  let line = '';
  let depth = 0;
  /** Each open brace: 'block' (items on lines), 'list' (comma cases on lines), 'use' (`.{a, b}`), 'with' (`{ a as b }`). */
  const braces: ('block' | 'list' | 'use' | 'with')[] = [];
  let parens = 0;
  let pendingBlank = false;
  let prevTok: Token | undefined;
  let prevEndOffset = 0;
  const newline = () => {
    if (line.trim() !== '' || (out.length > 0 && out[out.length - 1] !== '')) out.push(line.replace(/\s+$/, ''));
    line = '';
  };
  const startLine = () => {
    if (line !== '') newline();
    if (pendingBlank && out.length > 0 && out[out.length - 1] !== '' && !/\{$/.test(out[out.length - 1])) out.push('');
    pendingBlank = false;
    line = options.indent.repeat(depth);
  };
  const blankBefore = (offset: number) => /\n[ \t\r]*\n/.test(text.slice(prevEndOffset, offset));
  const sameLineAsPrev = (offset: number) => !text.slice(prevEndOffset, offset).includes('\n');
  let needLine = true;
  let prevAtomWasCode = true;
  const attrEnds = new Set(attributeEnds(pr.file));
  const canon = canonicalBlankLines(pr.file);
  /** Comments on their own lines since the last token: they lead the next item (its blank line went above them). */
  let commentLead = false;
  for (const atom of atoms) {
    if (atom.comment) {
      const c = atom.comment;
      if (prevTok && sameLineAsPrev(c.start) && (line !== '' || out.length > 0)) {
        // a comment on the same line as the previous token stays there (`a: u32, // why`)
        if (line !== '') line += ' ' + c.text.trimEnd(); else out[out.length - 1] += ' ' + c.text.trimEnd();
        if (!c.block) { if (line !== '') newline(); needLine = true; }
      } else {
        const next = nextTok(atoms, atom);
        if (next && canon.has(next.start)) {
          // a comment belongs to the item after it: the item's canonical blank line goes above the comment
          if (!commentLead) pendingBlank = canon.get(next.start)!;
        } else if (braces[braces.length - 1] === 'list') pendingBlank = false;
        else if (blankBefore(c.start) && out.length > 0) pendingBlank = true;
        else if (prevTok && prevAtomWasCode && depth === 0 && startsTopItem(atoms, atom) && !(isUse(line, out) && nextTokIsUse(atoms, atom))) pendingBlank = true;
        startLine();
        line += c.block ? reindentBlock(c.text, options.indent.repeat(depth)) : c.text.trimEnd();
        newline();
        needLine = true;
        commentLead = true;
      }
      prevEndOffset = c.end;
      prevAtomWasCode = false;
      continue;
    }
    const t = atom.tok;
    const top = braces[braces.length - 1];
    const topItem = depth === 0 && ((t.kind === 'keyword' && ['interface', 'world', 'use', 'package'].includes(t.text)) || t.kind === '@');
    if (t.kind === '}' && (top === 'use' || top === 'with')) {
      braces.pop();
      depth--;
      line += (top === 'with' && prevTok?.kind !== '{' ? ' ' : '') + '}';
    } else if (t.kind === '}') {
      braces.pop();
      depth = Math.max(0, depth - 1);
      pendingBlank = false;
      startLine();
      line += '}';
    } else if (needLine && canon.has(t.start)) {
      if (!commentLead) pendingBlank = canon.get(t.start)!;
      startLine();
      line += tokenText(text, t);
    } else if (needLine && top === 'list') {
      pendingBlank = false;
      startLine();
      line += tokenText(text, t);
    } else if (needLine) {
      if ((out.length > 0 || line !== '') && (blankBefore(t.start) || (prevAtomWasCode && topItem && prevTok !== undefined && !(prevTok.kind === ';' && t.text === 'use' && isUse(line, out))))) pendingBlank = true;
      startLine();
      line += tokenText(text, t);
    } else {
      line += (prevTok ? spaceBetween(prevTok, t, inTight(prevTok, t), top) : '') + tokenText(text, t);
    }
    needLine = false;
    commentLead = false;
    if (t.kind === '{') {
      const kind = prevTok?.kind === '.' ? 'use' : prevTok?.kind === 'keyword' && prevTok.text === 'with' ? 'with' : isListBody(atoms, atom) ? 'list' : 'block';
      braces.push(kind);
      depth++;
      if (kind === 'block' || kind === 'list') needLine = true;
    } else if (t.kind === '(' || t.kind === '<') parens++;
    else if (t.kind === ')' || t.kind === '>') parens = Math.max(0, parens - 1);
    else if (t.kind === ';' && parens === 0) needLine = true;
    else if (t.kind === ',' && parens === 0 && top === 'list') needLine = true;
    else if (t.kind === '}' && braces[braces.length - 1] !== 'list') needLine = top !== 'use';
    else if (t.kind === '}' && (top === 'with')) needLine = true;
    if (attrEnds.has(t.end) && t.kind === ')') needLine = true;
    prevTok = t;
    prevEndOffset = t.end;
    prevAtomWasCode = true;
  }
  if (line !== '') newline();
  while (out.length && out[out.length - 1] === '') out.pop();
  return addTrailingCommas(out).join('\n') + '\n';
}

/**
 * The blank lines `wasm-tools component wit` prints inside bodies, by the offset of each item's first token (its
 * first attribute, or the item itself): in an interface a blank line between any two items except consecutive
 * `use`s; in a world one where the imports (with `use`, types, `include`) give way to the exports or back (the
 * reference also orders items so that happens once: we keep the source order); none in a resource. Source blank
 * lines inside these bodies are not kept.
 */
function canonicalBlankLines(file: A.WitFile): Map<number, boolean> {
  const blanks = new Map<number, boolean>();
  const first = (item: { start: number; attrs: A.Attribute[] }) => Math.min(item.start, ...item.attrs.map((a) => a.start));
  const iface = (items: A.InterfaceItem[]) => {
    items.forEach((item, i) => {
      blanks.set(first(item), i > 0 && !(item.kind === 'use' && items[i - 1].kind === 'use'));
      if (item.kind === 'resource') for (const f of item.funcs ?? []) blanks.set(first(f), false);
    });
  };
  const world = (items: A.WorldItem[]) => {
    const group = (item: A.WorldItem) => (item.kind === 'export' ? 'export' : 'import');
    items.forEach((item, i) => {
      blanks.set(first(item), i > 0 && group(item) !== group(items[i - 1]));
      if ((item.kind === 'import' || item.kind === 'export') && item.extern.kind === 'interface') iface(item.extern.items);
      if (item.kind === 'resource') for (const f of item.funcs ?? []) blanks.set(first(f), false);
    });
  };
  for (const top of [...file.items, ...file.nested.flatMap((n) => n.items)]) {
    if (top.kind === 'interface') iface(top.items);
    else if (top.kind === 'world') world(top.items);
  }
  return blanks;
}

function isUse(line: string, out: string[]): boolean {
  return /^use\b/.test(line !== '' ? line : out[out.length - 1] ?? '');
}

function nextTok(atoms: Atom[], at: Atom): Token | undefined {
  for (let i = atoms.indexOf(at) + 1; i < atoms.length; i++) { const t = atoms[i].tok; if (t) return t; }
  return undefined;
}

function nextTokIsUse(atoms: Atom[], at: Atom): boolean {
  const t = nextTok(atoms, at);
  return t?.kind === 'keyword' && t.text === 'use';
}

function startsTopItem(atoms: Atom[], at: Atom): boolean {
  const t = nextTok(atoms, at);
  return !!t && ((t.kind === 'keyword' && ['interface', 'world', 'use', 'package'].includes(t.text)) || t.kind === '@');
}

function attributeEnds(file: A.WitFile): number[] {
  const ends: number[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.attrs)) for (const a of o.attrs as A.Attribute[]) ends.push(a.end);
    for (const k of Object.keys(o)) if (k !== 'docs') walk(o[k]);
  };
  walk(file);
  return ends;
}

function tokenText(text: string, t: Token): string { return text.slice(t.start, t.end); }

/** The `{` opens a comma-separated case list (record/variant/enum/flags). */
function isListBody(atoms: Atom[], at: Atom): boolean {
  const i = atoms.indexOf(at);
  let k = i - 1;
  let seen = 0;
  while (k >= 0 && seen < 2) {
    const a = atoms[k--];
    if (!a.tok) continue;
    seen++;
    if (seen === 2 && a.tok.kind === 'keyword') return ['record', 'variant', 'enum', 'flags'].includes(a.tok.text);
  }
  return false;
}

function spaceBetween(a: Token, b: Token, tight: boolean, brace: string | undefined): string {
  if (tight) return '';
  if (b.kind === ',' || b.kind === ';' || b.kind === ':' || b.kind === ')' || b.kind === '>' || b.kind === '.') return '';
  if (a.kind === '(' || a.kind === '<' || a.kind === '@' || a.kind === '.') return '';
  if (b.kind === '(' || b.kind === '<') return '';
  if (a.kind === '{' && brace === 'use') return '';
  return ' ';
}

/** Spans written without inner spaces: package names, use paths, versions. */
function tightSpans(file: A.WitFile): A.Span[] {
  const out: A.Span[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, key?: string) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { v.forEach((x) => walk(x)); return; }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number' && (key === 'path' || key === 'pkg' || key === 'version' || key === 'packageDecl' || (key === 'name' && 'namespace' in o))) {
      out.push({ start: o.start, end: o.end as number });
    }
    for (const k of Object.keys(o)) if (k !== 'docs') walk(o[k], k);
  };
  walk(file);
  return out;
}

function reindentBlock(text: string, indent: string): string {
  const lines = text.split('\n');
  if (lines.length === 1) return text;
  return [lines[0], ...lines.slice(1).map((l) => indent + l.trim().replace(/^\*/, ' *'))].join('\n');
}

/** Adds the trailing comma wasm-tools prints after the last case/field of a multi-line list body. */
function addTrailingCommas(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 1; i < out.length; i++) {
    if (!/^\s*\}/.test(out[i])) continue;
    // find previous code line (skip comments/blank)
    let j = i - 1;
    while (j >= 0 && (out[j].trim() === '' || /^\s*(\/\/|\/\*|\*)/.test(out[j]))) j--;
    if (j < 0) continue;
    const prev = out[j];
    if (/[{;},]\s*(\/\/.*)?$/.test(prev) || /\{$/.test(prev)) continue;
    // only inside list bodies: the opening line of this block ends with `{` and belongs to record/variant/enum/flags
    const indent = /^\s*/.exec(out[i])![0];
    let k = i - 1;
    while (k >= 0 && !(out[k].startsWith(indent) && /\{\s*$/.test(out[k]) && !out[k].slice(indent.length).startsWith(' '))) k--;
    if (k >= 0 && /\b(record|variant|enum|flags)\b/.test(out[k])) {
      const m = /^(.*?)(\s*\/\/.*)?$/.exec(prev)!;
      out[j] = m[1] + ',' + (m[2] ?? '');
    }
  }
  return out;
}
