// A light, line-based outline of a block-style manifest: the same yaml node classes (YAMLMap, YAMLSeq, Pair, Scalar)
// with the same source ranges the yaml package would give, built in one pass over the lines (~20× cheaper than the
// CST on large documents). It covers what manifests are made of — block maps and lists, one-line plain / quoted
// scalars, one-line flow collections (kept opaque: their items are not built) and comments — and declines (returns
// undefined) for anything else, such as anchors, tags, block or multi-line scalars and directives; callers then use the
// yaml CST. test/manifest/outline.test.ts checks that both agree on every node of the corpus and the mutated set.
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import type { LineIndex } from '../text/lines';

/** Flow collections whose items the outline did not build: a path into them needs the CST. */
const opaque = new WeakSet<object>();
export const isOpaque = (node: unknown): boolean => typeof node === 'object' && node !== null && opaque.has(node);

class Decline extends Error {}
const decline = (): never => {
  throw new Decline();
};

const KEY = /^("(?:[^"\\\n])*"|'(?:[^'\n]|'')*'|[^\s#'"{}[\],&*!|>%@`?:-][^#\n]*?|-[^\s#'"{}[\],][^#\n]*?|\?[^\s#'"{}[\],][^#\n]*?)[ ]*:(?=[ \n]|$)/;
const SPECIAL_START = /^[&*!|>%@`]|^\?(\s|$)|^-(\s|$)/;

interface Frame {
  col: number;
  node: YAMLMap | YAMLSeq;
  /** Set the value of the latest entry (a nested block); undefined when the latest entry already has a value. */
  open?: (n: Node) => void;
}

/** One-line value at `at` (offset) up to `end` (line end): its node and the offset after it and its trailing comment. */
function scalarOrFlow(text: string, at: number, end: number, nextLineStart: number): Node {
  const c = text[at];
  let stop: number;
  let node: Node;
  if (c === '"' || c === "'") {
    let i = at + 1;
    for (; i < end; i++) {
      if (c === '"' && text[i] === '\\') { i++; continue; }
      if (text[i] === c) {
        if (c === "'" && text[i + 1] === "'") { i++; continue; }
        break;
      }
    }
    if (i >= end) decline();
    stop = i + 1;
    // The value is not needed for ranges; the js-yaml value holds it. Quoted text stays a string.
    const s = new Scalar(decodeQuoted(text.slice(at, stop)));
    s.type = c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    node = s;
  } else if (c === '[' || c === '{') {
    let depth = 0;
    let i = at;
    let quote = '';
    for (; i < end; i++) {
      const ch = text[i];
      if (quote) {
        if (quote === '"' && ch === '\\') i++;
        else if (ch === quote) quote = '';
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        if (--depth === 0) break;
      } else if (ch === '#' && /\s/.test(text[i - 1])) decline();
    }
    if (i >= end || quote) decline();
    stop = i + 1;
    const flow = c === '[' ? new YAMLSeq() : new YAMLMap();
    flow.flow = true;
    opaque.add(flow);
    node = flow;
  } else {
    if (SPECIAL_START.test(text.slice(at, at + 2))) decline();
    let i = at;
    while (i < end && !(text[i] === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t'))) i++;
    stop = i;
    while (stop > at && (text[stop - 1] === ' ' || text[stop - 1] === '\t')) stop--;
    const raw = text.slice(at, stop);
    if (/:(\s|$)/.test(raw) || raw.includes('\t')) decline();
    // Only null matters to callers (an empty value); other plain values keep their source text.
    const s = new Scalar(/^(null|Null|NULL|~)$/.test(raw) ? null : raw);
    s.type = Scalar.PLAIN;
    node = s;
  }
  const rest = text.slice(stop, end);
  if (!/^[ \t]*(#.*)?$/.test(rest)) decline();
  node.range = [at, stop, nextLineStart];
  return node;
}

function decodeQuoted(q: string): string {
  if (q[0] === "'") return q.slice(1, -1).replace(/''/g, "'");
  if (!q.includes('\\')) return q.slice(1, -1);
  try {
    return JSON.parse(q) as string;
  } catch {
    return q.slice(1, -1);
  }
}

/** Off = every range comes from the CST (the agreement test compares both ways on the same documents). */
export const outlineSettings = { enabled: true };

/** The outline's root node, or undefined when the document uses something the outline does not cover. */
/**
 * The outline of one top-level section (`name:` in column 0, once): a root map holding only that pair, built from
 * the section's own lines — locating a finding in `remote:` does not walk the other 5,000 lines.
 */
export function sectionOutline(text: string, lines: LineIndex, name: string): Node | undefined {
  if (!/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
  const head = new RegExp(`^${name}[ ]*:(?=[ \\n]|$)`, 'gm');
  const first = head.exec(text);
  if (!first || head.exec(text)) return undefined;
  const next = /\n(?=[^\s#])/g;
  next.lastIndex = first.index + first[0].length;
  const end = next.exec(text)?.index;
  // The next column-0 line must be another plain key: `- item` there would still belong to this section.
  if (end !== undefined && !/^[A-Za-z_][\w-]*[ ]*:(?=[ \n]|$)/.test(text.slice(end + 1, end + 200))) return undefined;
  const from = lines.positionAt(first.index).line;
  const to = end === undefined ? lines.lineCount : lines.positionAt(end).line + 1;
  return buildOutline(text, lines, from, to);
}

export function buildOutline(text: string, lines: LineIndex, from = 0, to = lines.lineCount): Node | undefined {
  if (!outlineSettings.enabled) return undefined;
  if (text.includes('\r') || text.includes('\t') || /^(---|\.\.\.|%)/m.test(text) || text.charCodeAt(0) === 0xfeff) return undefined;
  try {
    return build(text, lines, from, to);
  } catch (err) {
    if (err instanceof Decline) return undefined;
    throw err;
  }
}

/** The outline of lines [from, to); a top-level section's lines give the root map with just that section. */
function build(text: string, lines: LineIndex, from: number, to: number): Node | undefined {
  const stack: Frame[] = [];
  let root: YAMLMap | YAMLSeq | undefined;
  /** The scalar that ended the latest entry line, and its collection's column (it absorbs deeper comment lines). */
  let lastScalar: { node: Node; col: number; comments: boolean } | undefined;
  const count = to;

  const close = (frame: Frame) => {
    const items = frame.node.items as unknown[];
    const last = items[items.length - 1];
    const value = last instanceof Pair ? (last.value as Node | null) : (last as Node);
    const end = value?.range ? value.range[2] : frame.node.range![1];
    frame.node.range = [frame.node.range![0], end, end];
  };

  /** Adds an entry starting at column `col`, offset `start`: a new map key or a new list item. */
  const place = (col: number, start: number, kind: 'map' | 'seq'): Frame => {
    while (stack.length && stack[stack.length - 1].col > col) close(stack.pop()!);
    const top = stack[stack.length - 1];
    if (top && top.col === col) {
      if ((kind === 'map') !== (top.node instanceof YAMLMap)) decline();
      return top;
    }
    // A new block collection: the value of the latest entry of the enclosing one (which must be waiting for it).
    if (top ? !top.open : root !== undefined) decline();
    const node = kind === 'map' ? new YAMLMap() : new YAMLSeq();
    node.range = [start, start, start];
    if (top) {
      top.open!(node);
      top.open = undefined;
    } else root = node;
    const frame: Frame = { col, node };
    stack.push(frame);
    return frame;
  };

  const entry = (line: number, col: number, start: number, end: number, next: number) => {
    const body = text.slice(start, end);
    if (body === '-' || body.startsWith('- ')) {
      const frame = place(col, start, 'seq');
      const seq = frame.node as YAMLSeq;
      let at = start + 1;
      while (at < end && text[at] === ' ') at++;
      const index = seq.items.length;
      if (at >= end || text[at] === '#') {
        // `-` alone: a nested block follows, or the item is empty (not covered: its range rules differ).
        seq.items.push(null);
        frame.open = (n) => { seq.items[index] = n; };
        lastScalar = undefined;
        return;
      }
      frame.open = undefined;
      if (KEY.test(text.slice(at, end))) {
        seq.items.push(null);
        frame.open = (n) => { seq.items[index] = n; };
        entry(line, col + (at - start), at, end, next);
        return;
      }
      const value = scalarOrFlow(text, at, end, next);
      seq.items.push(value);
      lastScalar = { node: value, col, comments: false };
      return;
    }
    const m = KEY.exec(body);
    if (!m) decline();
    const frame = place(col, start, 'map');
    const map = frame.node as YAMLMap;
    const keyText = m![1].replace(/\s+$/, '');
    if (keyText.startsWith('?') || (keyText.startsWith('"') && keyText.includes('\\'))) decline();
    const key = new Scalar(keyText.startsWith('"') || keyText.startsWith("'") ? decodeQuoted(keyText) : keyText);
    key.type = keyText.startsWith('"') ? Scalar.QUOTE_DOUBLE : keyText.startsWith("'") ? Scalar.QUOTE_SINGLE : Scalar.PLAIN;
    key.range = [start, start + keyText.length, start + keyText.length];
    const pair = new Pair<Node, Node | null>(key, null);
    map.items.push(pair as Pair<unknown, unknown>);
    const colon = start + m![0].length;
    let at = colon;
    while (at < end && text[at] === ' ') at++;
    if (at >= end || text[at] === '#') {
      // `key:` — a nested block may follow; until then its value is an empty scalar.
      const empty = new Scalar(null);
      empty.type = Scalar.PLAIN;
      const comment = at < end;
      if (!comment && at > colon) decline();
      empty.range = [at, at, comment ? next : at];
      pair.value = empty;
      frame.open = (n) => { pair.value = n; };
      lastScalar = undefined;
      return;
    }
    frame.open = undefined;
    const value = scalarOrFlow(text, at, end, next);
    pair.value = value;
    lastScalar = { node: value, col, comments: false };
  };

  for (let line = from; line < count; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    let at = start;
    while (at < end && text[at] === ' ') at++;
    const col = at - start;
    if (at >= end) {
      // Blank: ends the comments a scalar absorbs.
      if (lastScalar) lastScalar.comments = true;
      continue;
    }
    if (text[at] === '#') {
      if (lastScalar && col > lastScalar.col) {
        // A deeper comment right after a value belongs to it (the yaml package extends the value's end over it).
        if (lastScalar.comments) decline();
        lastScalar.node.range![2] = next;
      } else if (lastScalar) lastScalar.comments = true;
      continue;
    }
    lastScalar = undefined;
    if (root && stack.length && col < stack[0].col) decline();
    entry(line, col, at, end, next);
  }
  // `-` or `key:` still waiting for a nested block at the end: an empty item is not covered.
  for (const f of stack) {
    const items = f.node.items as unknown[];
    if (items.includes(null)) decline();
  }
  while (stack.length) close(stack.pop()!);
  return root;
}
