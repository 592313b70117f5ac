// `inspect`: what produced a module, how it speaks the ABI, and what will go wrong with it — with a hint per problem.
import { createHash } from 'node:crypto';
import { ParsedModule, formatSignature, parseModule, readProducers, readSourceMappingURL } from './binary';
import { AbiPlan, planAbi } from './abi';
import { ENV_IMPORTS, MOCKFORGE_IMPORTS, WASI_FUNCTIONS } from './provided';
import { PAGE, fmtBytes } from './limits';
import { DEFAULT_LIMITS } from '../manifest/types';

export type Language = 'assemblyscript' | 'tinygo' | 'go' | 'rust' | 'c' | 'unknown';

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  hint?: string;
}

export interface InspectReport {
  file?: string;
  size: number;
  sha256: string;
  binary: 'core-module' | 'component';
  language: Language;
  /** Why the language was chosen, e.g. "custom section go:buildid". */
  evidence: string[];
  abi: 'packed-i64' | 'multi-value' | 'mixed' | 'command' | 'none';
  allocator?: { kind: string; alloc: string; free?: string };
  initialize: boolean;
  operations: Array<{ operation: string; export: string; form?: string; signature: string }>;
  memory?: { imported: boolean; initialBytes: number; maxBytes?: number; exported: boolean };
  imports: Array<{ module: string; name: string; kind: string; signature?: string }>;
  exports: Array<{ name: string; kind: string; signature?: string }>;
  customSections: string[];
  producers: Record<string, Array<{ name: string; version: string }>>;
  sourceMappingURL?: string;
  problems: Problem[];
  /** Components: the world they implement (from their embedded WIT), filled in by the component loader. */
  world?: { wit: string; imports: string[]; exports: string[] };
}

export function inspectBytes(bytes: Uint8Array, file?: string): InspectReport {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const mod = parseModule(bytes);
  const base = { file, size: bytes.length, sha256 };
  if (mod.kind === 'component') {
    return {
      ...base, binary: 'component', language: 'unknown', evidence: ['component-model binary header'], abi: 'none',
      initialize: false, operations: [], imports: [], exports: [], customSections: [], producers: {},
      problems: [{
        severity: 'error', message: 'this is a WebAssembly component, not a core module',
        hint: 'components (WIT worlds) run through the component host; the core ABI of docs/abi.md does not apply',
      }],
    };
  }
  const plan = planAbi(mod);
  const { language, evidence } = detectLanguage(mod, bytes);
  const memImport = mod.imports.find((i) => i.kind === 'memory');
  const memLimits = memImport?.limits ?? mod.memories[0];
  const forms = new Set(plan.operations.map((o) => o.form ?? 'invalid'));
  return {
    ...base,
    binary: 'core-module',
    language,
    evidence,
    abi: plan.mode === 'command' ? 'command' : forms.size === 0 ? 'none' : forms.size > 1 ? 'mixed' : (plan.operations[0].form ?? 'none'),
    allocator: plan.allocator ? { kind: plan.allocator.kind, alloc: plan.allocator.alloc, free: plan.allocator.free } : undefined,
    initialize: plan.initialize,
    operations: plan.operations,
    memory: memLimits ? {
      imported: !!memImport,
      initialBytes: memLimits.min * PAGE,
      maxBytes: memLimits.max === undefined ? undefined : memLimits.max * PAGE,
      exported: plan.hasMemoryExport,
    } : undefined,
    imports: mod.imports.map((i) => ({ module: i.module, name: i.name, kind: i.kind, signature: i.type ? formatSignature(i.type) : undefined })),
    exports: mod.exports.map((e) => ({ name: e.name, kind: e.kind, signature: e.type ? formatSignature(e.type) : undefined })),
    customSections: mod.customSections.map((c) => c.name),
    producers: readProducers(mod),
    sourceMappingURL: readSourceMappingURL(mod),
    problems: findProblems(mod, plan, language),
  };
}

function hasAscii(bytes: Uint8Array, needle: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle, 0, 'latin1');
}

export function detectLanguage(mod: ParsedModule, bytes: Uint8Array): { language: Language; evidence: string[] } {
  const producers = readProducers(mod);
  const langs = (producers.language ?? []).map((p) => p.name.toLowerCase());
  const tools = [...(producers['processed-by'] ?? []), ...(producers.sdk ?? [])].map((p) => p.name.toLowerCase());
  const sections = new Set(mod.customSections.map((c) => c.name));
  const exportNames = new Set(mod.exports.map((e) => e.name));
  const names = [...mod.functionNames.values()];
  const found = (language: Language, ...evidence: string[]) => ({ language, evidence });

  if (tools.some((t) => t.includes('tinygo')) || hasAscii(bytes, 'tinygo')) {
    return found('tinygo', tools.some((t) => t.includes('tinygo')) ? 'producers: processed-by TinyGo' : 'the string "tinygo" in the module');
  }
  if ((exportNames.has('resume') && exportNames.has('getsp')) || names.some((n) => n.startsWith('tinygo_'))) {
    return found('tinygo', 'TinyGo runtime exports/functions (resume, getsp, tinygo_*)');
  }
  if (sections.has('go:buildid') || sections.has('go.buildinfo')) return found('go', 'custom section go:buildid');
  if (mod.imports.some((i) => i.module === 'gojs')) return found('go', 'imports the gojs module (GOOS=js)');
  if (names.some((n) => n.startsWith('runtime.') || n.startsWith('_rt0_wasm'))) return found('go', 'Go runtime function names');
  if (exportNames.has('__new') && exportNames.has('__pin')) return found('assemblyscript', 'exports __new and __pin (AssemblyScript runtime)');
  const asAbort = mod.imports.some((i) => i.module === 'env' && i.name === 'abort' && i.type?.params.length === 4);
  if (asAbort || hasAscii(bytes, '~lib/')) {
    return found('assemblyscript', asAbort ? 'imports env.abort(msg, file, line, column)' : 'AssemblyScript standard library paths (~lib/)');
  }
  if (langs.includes('rust')) return found('rust', 'producers: language Rust');
  if (names.some((n) => n.includes('__rust_') || n.startsWith('_ZN4core')) || hasAscii(bytes, '/rustc/') || hasAscii(bytes, 'library/core/src')) {
    return found('rust', 'Rust runtime symbols or paths');
  }
  if (langs.some((l) => /^c(\d+|\+\+)?$/.test(l) || l === 'c_plus_plus')) return found('c', `producers: language ${langs.join(', ')}`);
  if (tools.some((t) => t === 'clang')) return found('c', 'producers: processed-by clang');
  if (names.includes('__wasm_call_ctors') || exportNames.has('__wasm_call_ctors') || (exportNames.has('malloc') && mod.imports.some((i) => i.module === 'wasi_snapshot_preview1'))) {
    return found('c', 'wasi-libc / wasm-ld markers (__wasm_call_ctors, malloc with WASI)');
  }
  if (exportNames.has('__heap_base') || exportNames.has('__data_end')) return found('c', 'wasm-ld linker symbols exported (__heap_base, __data_end)');
  if (exportNames.has('_initialize') && !langs.length) {
    return found('c', 'a stripped wasm-ld reactor (_initialize) without markers of another language');
  }
  return found('unknown');
}

function findProblems(mod: ParsedModule, plan: AbiPlan, language: Language): Problem[] {
  const problems: Problem[] = [];
  const err = (message: string, hint?: string) => problems.push({ severity: 'error', message, hint });
  const warn = (message: string, hint?: string) => problems.push({ severity: 'warning', message, hint });

  const extism = mod.imports.filter((i) => i.module.startsWith('extism') || (i.module === 'env' && i.name.startsWith('extism_')));
  if (extism.length > 0) {
    err(`imports ${extism[0].module}.${extism[0].name}: this is an Extism plugin`,
      'MockForge plugins use the core ABI of docs/abi.md: read the request from the (ptr, len) parameters and return (out_ptr << 32) | out_len instead of the Extism PDK input/output calls');
  }
  for (const imp of mod.imports) {
    if (imp.module.startsWith('extism') || (imp.module === 'env' && imp.name.startsWith('extism_'))) continue;
    const problem = importProblem(imp.module, imp.name, imp.kind, imp.type ? formatSignature(imp.type) : undefined);
    if (problem) err(problem.message, problem.hint);
  }
  if (plan.mode === 'command') {
    if (!plan.usesWasi) warn('exports _start but does not import WASI: it cannot read the request from stdin or write the reply to stdout');
    return problems;
  }
  if (!plan.hasMemoryExport) err('does not export its memory as "memory"', 'export the linear memory under the name "memory" (docs/abi.md §1)');
  if (plan.operations.length === 0) {
    err('exports none of the operations (authenticate, list_functions, execute_function, generate_response, query, get_capabilities)',
      'export a function named after each operation the plugin implements, or a _start for command mode (docs/abi.md §6)');
  }
  for (const op of plan.operations) {
    if (!op.form) err(`export ${op.export} has signature ${op.signature}; the ABI expects (i32, i32) -> i64 or (i32, i32) -> (i32, i32)`);
  }
  const needsAlloc = plan.operations.length > 0 || mod.imports.some((i) => i.module === 'mockforge' && (i.name === 'config_get' || i.name === 'http_fetch'));
  if (needsAlloc && !plan.allocator) {
    err('exports no allocator (mockforge_alloc, alloc, malloc, or AssemblyScript __new + __pin)',
      language === 'assemblyscript' ? 'build with --exportRuntime, or export a mockforge_alloc(size: i32): i32 that uses heap.alloc' : 'export mockforge_alloc(size: i32) -> i32 (docs/abi.md §1)');
  }
  if ((language === 'go') && plan.operations.length > 0 && !plan.initialize) {
    err('standard Go wasmexport before runtime init: the module has //go:wasmexport functions but no _initialize, so every call fails with "wasmexport function called before runtime initialization"',
      'export _initialize / build with -buildmode=c-shared (GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared)');
  }
  const mem = mod.imports.find((i) => i.kind === 'memory')?.limits ?? mod.memories[0];
  if (mem && mem.min * PAGE > DEFAULT_LIMITS.maxMemoryBytes) {
    warn(`starts with ${fmtBytes(mem.min * PAGE)} of memory, more than the default max_memory_bytes (${fmtBytes(DEFAULT_LIMITS.maxMemoryBytes)})`,
      'raise capabilities.resources.max_memory_bytes in plugin.yaml or lower the initial memory (e.g. -Wl,--initial-memory, --initialMemory)');
  }
  return problems;
}

/** Why the host cannot satisfy one import, or undefined when it can. Shared with the loader. */
export function importProblem(module: string, name: string, kind: string, signature?: string): Problem | undefined {
  const where = `${module}.${name}`;
  if (module === 'wasi_snapshot_preview1') {
    if (kind === 'function' && WASI_FUNCTIONS.has(name)) return undefined;
    return { severity: 'error', message: `imports ${where} which MockForge does not provide`,
      hint: name.startsWith('sock_') ? 'sockets are not available to plugins; use mockforge.http_fetch for outbound HTTP' : 'remove the dependency that needs it' };
  }
  if (module === 'wasi_unstable') {
    return { severity: 'error', message: `imports ${where} (WASI snapshot 0), which MockForge does not provide`, hint: 'rebuild with a toolchain that targets wasi_snapshot_preview1 (wasm32-wasi / wasip1)' };
  }
  if (module === 'mockforge') {
    const expected = MOCKFORGE_IMPORTS[name];
    if (!expected) return { severity: 'error', message: `imports ${where}, which the host does not provide`, hint: 'the mockforge module has log, config_get and http_fetch (docs/abi.md §3)' };
    if (kind !== 'function' || signature !== formatSignature(expected)) {
      return { severity: 'error', message: `imports ${where} with signature ${signature ?? kind}; the host provides ${formatSignature(expected)}` };
    }
    return undefined;
  }
  if (module === 'env') {
    if (kind === 'memory') return undefined;
    const expected = ENV_IMPORTS[name];
    if (expected && kind === 'function' && signature === formatSignature(expected)) return undefined;
    if (name === 'trace' && kind === 'function') return undefined;
  }
  if (module === 'gojs') {
    return { severity: 'error', message: `imports ${where}: this was built with GOOS=js`, hint: 'build with GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared' };
  }
  return { severity: 'error', message: `imports ${where} (${kind}${signature ? ' ' + signature : ''}), which the host does not provide`,
    hint: 'a plugin may import only mockforge.*, env.abort (AssemblyScript) and wasi_snapshot_preview1.* (docs/abi.md §3)' };
}
