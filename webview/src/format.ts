// Pure formatting for the result view: sizes, durations, log lines, stack source locations. No DOM here (tested in node).
import type { LogRecord } from '../../host/src/runtime';

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined) return '–';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export function logLine(r: LogRecord): string {
  return `${r.level.padEnd(5)} ${r.source}: ${r.message}`;
}

export interface SourceLocation {
  file: string;
  /** 1-based, as printed. */
  line: number;
  column: number;
}

/** Parses a stack frame's `source` ("assembly/index.ts:12:5", column optional). Windows drive letters are kept. */
export function parseSourceLocation(source: string): SourceLocation | undefined {
  const m = /^(.+?):(\d+)(?::(\d+))?$/.exec(source.trim());
  if (!m || m[1].length === 0) return undefined;
  const line = Number(m[2]);
  if (line < 1) return undefined;
  return { file: m[1], line, column: m[3] ? Math.max(1, Number(m[3])) : 1 };
}

/** A one-line summary of a folded JSON value, e.g. `{3 keys}` or `[2 items]`. */
export function foldSummary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object') {
    const n = Object.keys(value).length;
    return `{${n} key${n === 1 ? '' : 's'}}`;
  }
  return JSON.stringify(value) ?? String(value);
}

/** Escapes text for an HTML context. The panel renders plugin data with textContent; this is for the page shell. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
