// CDP call frames and remote objects → DAP stack frames, scopes and variables. Wasm frames of the plugin are mapped
// to source through its WasmSourceIndex; host (JavaScript) frames are shown de-emphasised.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readStrings } from './asStrings';
import type { Cdp } from './cdp';
import type { DapScope, DapSource, DapStackFrame, DapVariable } from './dap';
import type { IndexedSource, SourcePosition, WasmSourceIndex } from './sourceIndex';

export interface CdpLocation {
  scriptId: string;
  lineNumber: number;
  columnNumber?: number;
}

export interface CdpCallFrame {
  callFrameId: string;
  functionName: string;
  location: CdpLocation;
  url: string;
  scopeChain: Array<{ type: string; name?: string; object: { objectId?: string } }>;
}

export interface CdpRemoteObject {
  type: string;
  subtype?: string;
  className?: string;
  value?: unknown;
  description?: string;
  objectId?: string;
}

/** The plugin's module as V8 loaded it. */
export interface BoundModule {
  scriptId: string;
  codeShift: number;
  index: WasmSourceIndex;
}

export function dapSource(index: WasmSourceIndex, source: IndexedSource): DapSource {
  if (source.path) return { name: path.basename(source.path), path: source.path };
  // No file on disk (asc's standard library): the map's embedded text, fetched with a `source` request.
  return { name: source.name, sourceReference: index.sources.indexOf(source) + 1, presentationHint: 'deemphasize' };
}

export function positionOf(frame: CdpCallFrame, module: BoundModule | undefined): SourcePosition | undefined {
  if (!module || frame.location.scriptId !== module.scriptId) return undefined;
  return module.index.locate((frame.location.columnNumber ?? 0) - module.codeShift);
}

/** `$assembly/index/TokenAuth#authenticate` → `TokenAuth#authenticate`. */
function displayName(name: string): string {
  const bare = name.replace(/^\$/, '');
  const slash = bare.lastIndexOf('/', bare.search(/[#@]|$/));
  return slash >= 0 ? bare.slice(slash + 1) : bare || '(anonymous)';
}

export function stackFrame(id: number, frame: CdpCallFrame, module: BoundModule | undefined): DapStackFrame {
  const inPlugin = module !== undefined && frame.location.scriptId === module.scriptId;
  if (inPlugin) {
    const pos = positionOf(frame, module);
    const offset = (frame.location.columnNumber ?? 0) - module.codeShift;
    if (pos) return { id, name: displayName(frame.functionName), source: dapSource(module.index, pos.source), line: pos.line, column: pos.column };
    return { id, name: `${displayName(frame.functionName)} @ 0x${offset.toString(16)}`, line: 0, column: 0, presentationHint: 'subtle' };
  }
  const name = frame.functionName || '(anonymous)';
  if (frame.url.startsWith('file:')) {
    const file = fileURLToPath(frame.url);
    return { id, name, source: { name: path.basename(file), path: file, presentationHint: 'deemphasize' }, line: frame.location.lineNumber + 1, column: (frame.location.columnNumber ?? 0) + 1, presentationHint: 'subtle' };
  }
  return { id, name: frame.url ? `${name} (${frame.url})` : name, line: 0, column: 0, presentationHint: 'subtle' };
}

const SCOPE_NAMES: Record<string, string> = {
  local: 'Locals', module: 'Module', 'wasm-expression-stack': 'Stack', closure: 'Closure', global: 'Global', block: 'Block', catch: 'Catch', script: 'Script', with: 'With', eval: 'Eval',
};

/** What a variablesReference stands for: a remote object; for wasm locals, also the frame's Module scope (memory). */
export interface VariablesTarget {
  objectId: string;
  /** Set when i32 locals may be AssemblyScript strings to read from the module's memory. */
  moduleScope?: string;
}

export function scopes(frame: CdpCallFrame, reference: (target: VariablesTarget) => number, assemblyScript: boolean): DapScope[] {
  const moduleScope = assemblyScript ? frame.scopeChain.find((s) => s.type === 'module')?.object.objectId : undefined;
  return frame.scopeChain
    .filter((s) => s.object.objectId !== undefined)
    .map((s) => ({
      name: s.name && s.type === 'closure' ? `Closure (${s.name})` : SCOPE_NAMES[s.type] ?? s.type,
      presentationHint: s.type === 'local' ? 'locals' as const : undefined,
      variablesReference: reference({ objectId: s.object.objectId!, moduleScope: s.type === 'local' ? moduleScope : undefined }),
      // The global object and a module's tables/memories are big: fetch them only when opened.
      expensive: s.type === 'global' || s.type === 'module',
    }));
}

function shown(v: CdpRemoteObject): string {
  if (v.type === 'string') return JSON.stringify(v.value);
  if (v.type === 'undefined') return 'undefined';
  if (v.description !== undefined) return v.description;
  return String(v.value);
}

/**
 * The properties of a remote object as DAP variables; wasm values (i32, f64 …) are read through to their number, and
 * for AssemblyScript locals an i32 that points at a String shows the text.
 */
export async function variables(cdp: Cdp, target: VariablesTarget, reference: (target: VariablesTarget) => number): Promise<DapVariable[]> {
  const list = await properties(cdp, target.objectId, (objectId) => reference({ objectId }));
  if (!target.moduleScope) return list;
  const pointers = list.filter((v) => v.type === 'i32' && /^\d+$/.test(v.value));
  const texts = await readStrings(cdp, target.moduleScope, pointers.map((v) => Number(v.value)));
  pointers.forEach((v, i) => {
    const text = texts[i];
    if (text === null) return;
    v.type = `string (i32 ${v.value})`;
    v.value = JSON.stringify(text);
  });
  return list;
}

async function properties(cdp: Cdp, objectId: string, reference: (objectId: string) => number): Promise<DapVariable[]> {
  const { result } = await cdp.send<{ result: Array<{ name: string; value?: CdpRemoteObject }> }>('Runtime.getProperties', { objectId, ownProperties: true });
  return Promise.all(result.filter((p) => p.value !== undefined).map(async (p): Promise<DapVariable> => {
    const v = p.value!;
    const name = p.name.replace(/^\$/, '');
    if (v.subtype === 'wasmvalue' && v.objectId) {
      // V8 wraps a wasm value as { type: 'i32', value: 42 }.
      const inner = await cdp.send<{ result: Array<{ name: string; value?: CdpRemoteObject }> }>('Runtime.getProperties', { objectId: v.objectId, ownProperties: true });
      const value = inner.result.find((q) => q.name === 'value')?.value;
      const type = inner.result.find((q) => q.name === 'type')?.value?.value;
      if (value) {
        return { name, value: shown(value), type: typeof type === 'string' ? type : v.description, variablesReference: value.objectId && value.type === 'object' ? reference(value.objectId) : 0 };
      }
    }
    return { name, value: shown(v), type: v.subtype ?? v.type, variablesReference: v.objectId && (v.type === 'object' || v.type === 'function') ? reference(v.objectId) : 0 };
  }));
}
