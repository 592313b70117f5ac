// What the explorer says about a plugin's runtime: the language and ABI detected in the built module (the host's
// inspect report), the protocol and live health of a remote service, or pyodide. No vscode import (unit-tested).
import { readFileSync } from 'node:fs';
import { inspectBytes, type InspectReport } from '../../../host/src/wasm/inspect';
import type { HealthStatus } from '../../../host/src/remote/health';

export interface ModuleFacts {
  language: InspectReport['language'];
  abi: InspectReport['abi'];
  binary: InspectReport['binary'];
  operations: string[];
  errors: string[];
}

/** Inspects the module on disk; undefined when there is none, an error message when it is not a module. */
export function inspectModule(file: string): ModuleFacts | { error: string } | undefined {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    const r = inspectBytes(bytes, file);
    return {
      language: r.language,
      abi: r.abi,
      binary: r.binary,
      operations: r.operations.map((o) => o.operation),
      errors: r.problems.filter((p) => p.severity === 'error').map((p) => p.message),
    };
  } catch (err) {
    return { error: `${file} is not a WebAssembly module: ${(err as Error).message}` };
  }
}

export function wasmLabel(facts: ModuleFacts | { error: string } | undefined): string {
  if (!facts) return 'wasm · not built';
  if ('error' in facts) return 'wasm · unreadable module';
  if (facts.binary === 'component') return `wasm component · ${facts.language}`;
  return `wasm · ${facts.language} · ${facts.abi}`;
}

export function remoteLabel(protocol: string, health: HealthStatus | undefined): string {
  const state = health ? health.state : 'unknown';
  const rtt = health?.state === 'healthy' && health.rttMs !== undefined ? ` ${Math.round(health.rttMs)} ms` : '';
  return `remote · ${protocol} · ${state}${rtt}`;
}
