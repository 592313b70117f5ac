// Text formats shared by `run` and `inspect`: log lines on stderr, the inspect report, sizes and durations.
import type { LogRecord } from '../../host/src/runtime';
import type { InspectReport } from '../../host/src/wasm/inspect';

/** One log record as a stderr line: `<level> <source>: <message>` (level padded to 5). Stable: tools parse it. */
export function formatLog(r: LogRecord): string {
  return `${r.level.padEnd(5)} ${r.source}: ${r.message}`;
}

export function fmtSize(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function fmtMs(ms: number | undefined): string {
  return ms === undefined ? '-' : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatReport(r: InspectReport): string {
  const lines: string[] = [];
  const row = (k: string, v: string) => lines.push(`${(k + ':').padEnd(12)} ${v}`);
  lines.push(`${r.file ?? '<module>'} (${fmtSize(r.size)}, sha256 ${r.sha256.slice(0, 16)}…)`);
  row('binary', r.binary === 'component' ? 'WebAssembly component' : 'core module');
  row('language', `${r.language}${r.evidence.length ? ` (${r.evidence.join('; ')})` : ''}`);
  row('abi', r.abi);
  row('allocator', r.allocator ? `${r.allocator.alloc}${r.allocator.free ? `, free: ${r.allocator.free}` : ', no deallocator'}` : 'none');
  row('initialize', r.initialize ? 'yes (_initialize is called once)' : 'no');
  row('operations', r.operations.length
    ? r.operations.map((o) => `${o.operation}${o.export !== o.operation ? ` (as ${o.export})` : ''} ${o.form ?? `INVALID ${o.signature}`}`).join(', ')
    : 'none');
  if (r.memory) {
    row('memory', `initial ${fmtSize(r.memory.initialBytes)}, max ${r.memory.maxBytes === undefined ? 'none declared' : fmtSize(r.memory.maxBytes)}` +
      `${r.memory.imported ? ', imported' : ''}${r.memory.exported ? ', exported' : ', not exported'}`);
  } else {
    row('memory', 'none');
  }
  row('imports', r.imports.length ? String(r.imports.length) : 'none');
  for (const i of r.imports) lines.push(`  ${i.module}.${i.name} ${i.signature ?? i.kind}`);
  row('exports', r.exports.length ? String(r.exports.length) : 'none');
  for (const e of r.exports) lines.push(`  ${e.name} ${e.signature ?? e.kind}`);
  row('sections', r.customSections.length ? r.customSections.join(', ') : 'no custom sections');
  const producers = Object.entries(r.producers).map(([k, v]) => `${k}: ${v.map((p) => `${p.name} ${p.version}`.trim()).join(', ')}`);
  if (producers.length) row('producers', producers.join('; '));
  if (r.sourceMappingURL) row('source map', r.sourceMappingURL);
  if (r.problems.length === 0) {
    lines.push('problems:   none');
  } else {
    lines.push('problems:');
    for (const p of r.problems) {
      lines.push(`  ${p.severity}: ${p.message}`);
      if (p.hint) lines.push(`    hint: ${p.hint}`);
    }
  }
  return lines.join('\n');
}
