// Reads plugin.yaml into the typed manifest. Full schema validation belongs to the checker; this reader reports what
// stops the host from running the plugin, each with file:line:column.
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import type { PluginManifest } from './types';

export class ManifestError extends Error {}

function at(file: string, lc: LineCounter, offset: number | undefined): string {
  if (offset === undefined) return file;
  const pos = lc.linePos(offset);
  return `${file}:${pos.line}:${pos.col}`;
}

export async function readManifest(file: string): Promise<PluginManifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ManifestError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return parseManifest(text, file);
}

export function parseManifest(text: string, file: string): PluginManifest {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ManifestError(`${at(file, lineCounter, e.pos[0])}: invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const value = doc.toJS() as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${file}: expected a mapping with a "plugin:" section`);
  }
  const m = value as Partial<PluginManifest>;
  const node = (path: string[]) => {
    const n = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    return at(file, lineCounter, n?.range?.[0]);
  };
  if (typeof m.plugin !== 'object' || m.plugin === null) throw new ManifestError(`${file}: missing the "plugin:" section (id, version, name, types)`);
  if (typeof m.plugin.id !== 'string' || !m.plugin.id) throw new ManifestError(`${node(['plugin'])}: plugin.id is missing`);
  const runtime = m.plugin.runtime ?? 'wasm';
  if (!['wasm', 'remote', 'pyodide'].includes(runtime)) {
    throw new ManifestError(`${node(['plugin', 'runtime'])}: plugin.runtime must be wasm, remote or pyodide, not "${String(runtime)}"`);
  }
  if (runtime === 'wasm' && (typeof m.wasm?.path !== 'string' || !m.wasm.path)) {
    throw new ManifestError(`${node(m.wasm ? ['wasm'] : ['plugin'])}: wasm.path is missing: say where the built module is (e.g. wasm: {path: build/plugin.wasm})`);
  }
  const res = m.capabilities?.resources;
  for (const key of ['max_memory_bytes', 'timeout_ms', 'max_cpu_time_ms'] as const) {
    const v = res?.[key];
    if (v !== undefined && (typeof v !== 'number' || !(v > 0))) {
      throw new ManifestError(`${node(['capabilities', 'resources', key])}: capabilities.resources.${key} must be a positive number`);
    }
  }
  return m as PluginManifest;
}
