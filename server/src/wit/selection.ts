// Selection ranges: from the word under the cursor out through every enclosing syntax node to the whole file.
import type * as lsp from 'vscode-languageserver';
import type { Span } from './ast';
import type { Analysis } from './workspace';

export function selectionRanges(an: Analysis, offsets: number[]): lsp.SelectionRange[] {
  const spans: Span[] = [];
  const seen = new Set<unknown>();
  // Every object in the tree with start/end is a node worth selecting.
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) { v.forEach(walk); return; }
    const o = v as Record<string, unknown>;
    if (typeof o.start === 'number' && typeof o.end === 'number') spans.push({ start: o.start, end: o.end });
    for (const k of Object.keys(o)) if (k !== 'docs') walk(o[k]);
  };
  walk(an.file.parse.file);
  // The inside of every `{ … }` (between the braces) is a selection step too.
  const open: number[] = [];
  for (const t of an.file.parse.tokens) {
    if (t.kind === '{') open.push(t.end);
    else if (t.kind === '}' && open.length) { const s = open.pop()!; if (t.start > s) spans.push({ start: s, end: t.start }); }
  }
  return offsets.map((offset) => {
    const containing = spans.filter((s) => s.start <= offset && offset <= s.end && s.end > s.start)
      .sort((a, b) => (b.end - b.start) - (a.end - a.start));
    let parent: lsp.SelectionRange | undefined;
    let last: Span | undefined;
    for (const s of containing) {
      if (last && last.start === s.start && last.end === s.end) continue;
      parent = { range: an.lines.range(s.start, s.end), parent };
      last = s;
    }
    return parent ?? { range: an.lines.range(offset, offset) };
  });
}
