// Decides how to talk to a module (docs/abi.md): which export serves each operation and in which form, which
// allocator/deallocator to use, whether to call _initialize, or whether it is a command-mode (_start) program.
import { LEGACY_EXPORT_ALIASES, OPERATIONS, Operation } from '../contract/operations';
import { ExportEntry, FuncType, ParsedModule, formatSignature } from './binary';

export type OperationForm = 'packed-i64' | 'multi-value';

export interface OperationBinding {
  operation: Operation;
  export: string;
  /** Undefined when the export exists but has a signature the ABI does not accept. */
  form?: OperationForm;
  signature: string;
}

export type AllocatorKind = 'mockforge_alloc' | 'alloc' | 'malloc' | 'assemblyscript';

export interface AllocatorBinding {
  kind: AllocatorKind;
  alloc: string;
  /** AssemblyScript: __pin. */
  pin?: string;
  free?: string;
  /** Whether the deallocator takes (ptr, size) or only (ptr). */
  freeTakesSize: boolean;
}

export interface AbiPlan {
  mode: 'reactor' | 'command';
  operations: OperationBinding[];
  allocator?: AllocatorBinding;
  initialize: boolean;
  usesWasi: boolean;
  hasMemoryExport: boolean;
}

const is = (t: FuncType | undefined, params: string[], results: string[]): boolean =>
  !!t && t.params.join() === params.join() && t.results.join() === results.join();

function findFunc(exports: ExportEntry[], name: string): ExportEntry | undefined {
  return exports.find((e) => e.kind === 'function' && e.name === name);
}

export function operationForm(t: FuncType | undefined): OperationForm | undefined {
  if (is(t, ['i32', 'i32'], ['i64'])) return 'packed-i64';
  if (is(t, ['i32', 'i32'], ['i32', 'i32'])) return 'multi-value';
  return undefined;
}

export function planAbi(mod: ParsedModule): AbiPlan {
  const exports = mod.exports;
  const operations: OperationBinding[] = [];
  for (const op of OPERATIONS) {
    const names = [op, ...(LEGACY_EXPORT_ALIASES[op] ?? [])];
    const found = names.map((n) => findFunc(exports, n)).find((e) => e !== undefined);
    if (found) operations.push({ operation: op, export: found.name, form: operationForm(found.type), signature: formatSignature(found.type) });
  }
  const start = findFunc(exports, '_start');
  return {
    mode: start && operations.length === 0 ? 'command' : 'reactor',
    operations,
    allocator: findAllocator(exports),
    initialize: !!findFunc(exports, '_initialize'),
    usesWasi: mod.imports.some((i) => i.module === 'wasi_snapshot_preview1' || i.module === 'wasi_unstable'),
    hasMemoryExport: exports.some((e) => e.kind === 'memory' && e.name === 'memory'),
  };
}

function findAllocator(exports: ExportEntry[]): AllocatorBinding | undefined {
  const single = (name: string) => {
    const e = findFunc(exports, name);
    return e && is(e.type, ['i32'], ['i32']) ? e : undefined;
  };
  const free = (): Pick<AllocatorBinding, 'free' | 'freeTakesSize'> => {
    for (const name of ['mockforge_free', 'dealloc', 'free']) {
      const e = findFunc(exports, name);
      if (e && is(e.type, ['i32', 'i32'], [])) return { free: name, freeTakesSize: true };
      if (e && is(e.type, ['i32'], [])) return { free: name, freeTakesSize: false };
    }
    return { freeTakesSize: false };
  };
  for (const kind of ['mockforge_alloc', 'alloc', 'malloc'] as const) {
    if (single(kind)) return { kind, alloc: kind, ...free() };
  }
  const asNew = findFunc(exports, '__new');
  const pin = findFunc(exports, '__pin');
  if (asNew && is(asNew.type, ['i32', 'i32'], ['i32']) && pin) {
    const unpin = findFunc(exports, '__unpin');
    return { kind: 'assemblyscript', alloc: '__new', pin: '__pin', free: unpin ? '__unpin' : undefined, freeTakesSize: false };
  }
  return undefined;
}
