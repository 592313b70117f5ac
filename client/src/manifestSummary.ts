// What the editor shows about a plugin, read from its plugin.yaml without validating it (the language server does
// that). Tolerates broken YAML: a half-written manifest still gets a summary. No vscode import (unit-tested).
import { parseDocument } from 'yaml';

export interface ManifestSummary {
  id?: string;
  name?: string;
  kinds: string[];
  runtime: string;
  toolchain?: string;
  wasmPath?: string;
  /** remote.dev.command: how the service is started on this machine. */
  devCommand?: string;
}

export function summariseManifest(text: string): ManifestSummary {
  let data: unknown;
  try {
    data = parseDocument(text, { prettyErrors: false }).toJS();
  } catch {
    data = undefined;
  }
  const root = asRecord(data);
  const plugin = asRecord(root.plugin);
  const wasm = asRecord(root.wasm);
  const build = asRecord(wasm.build);
  const dev = asRecord(asRecord(root.remote).dev);
  return {
    id: str(plugin.id),
    name: str(plugin.name),
    kinds: Array.isArray(plugin.types) ? plugin.types.filter((t): t is string => typeof t === 'string') : [],
    runtime: str(plugin.runtime) ?? 'wasm',
    toolchain: str(build.toolchain),
    wasmPath: str(wasm.path),
    devCommand: str(dev.command),
  };
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
