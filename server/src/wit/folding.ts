// Folding: every multi-line `{ … }` body, block comments and runs of line comments.
import type * as lsp from 'vscode-languageserver';
import type { Analysis } from './workspace';

export function foldingRanges(an: Analysis): lsp.FoldingRange[] {
  const out: lsp.FoldingRange[] = [];
  const stack: number[] = [];
  for (const t of an.file.parse.tokens) {
    if (t.kind === '{') stack.push(t.start);
    else if (t.kind === '}' && stack.length) {
      const open = an.lines.positionAt(stack.pop()!);
      const close = an.lines.positionAt(t.start);
      if (close.line - 1 > open.line) out.push({ startLine: open.line, endLine: close.line - 1, kind: 'region' });
    }
  }
  let run: { start: number; end: number } | undefined;
  const flush = () => { if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: 'comment' }); run = undefined; };
  for (const c of an.file.parse.comments) {
    const a = an.lines.positionAt(c.start).line;
    const b = an.lines.positionAt(c.end).line;
    if (c.block) { flush(); if (b > a) out.push({ startLine: a, endLine: b, kind: 'comment' }); continue; }
    if (run && a === run.end + 1) run.end = a; else { flush(); run = { start: a, end: a }; }
  }
  flush();
  return out.sort((x, y) => x.startLine - y.startLine);
}
