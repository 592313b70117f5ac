// Cross-file checks: the built module (exists? exports what `types` promise? imports what capabilities allow?),
// the build source against the toolchain, and the other files the manifest names.
import { isAbsolute, join, extname } from 'node:path';
import { OPERATIONS_BY_KIND, LEGACY_EXPORT_ALIASES, type PluginKind, type Operation } from '../../../../host/src/contract/operations';
import { CODES, Severity, diag, type ManifestDiagnostic } from '../diagnostic';
import { addKeyEdit } from '../edits';
import { BUILD_COMMAND } from '../../lsp/protocol';
import type { ManifestFileSystem } from '../fs';
import { get, runtimeOf, valueAt, type Rule, type RuleContext } from './context';
import { outboundAllowed } from './capabilities';
import { componentWorldOf, loadComponentWorld } from '../component-world';

interface ModuleShape {
  kind: 'core' | 'component' | 'invalid';
  exports: string[];
  imports: { module: string; name: string }[];
}

const shapes = new Map<string, { mtime: number; shape: ModuleShape }>();

/** Reads a .wasm's exports and imports (cached by modification time; compiling a big module is not free). */
export function inspectModule(fs: ManifestFileSystem, file: string): ModuleShape | undefined {
  const mtime = fs.mtime(file);
  if (mtime === undefined) return undefined;
  const hit = shapes.get(file);
  if (hit && hit.mtime === mtime) return hit.shape;
  const bytes = fs.readFile(file);
  if (!bytes) return undefined;
  let shape: ModuleShape;
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    shape = { kind: 'invalid', exports: [], imports: [] };
  } else if (bytes[6] === 1 && bytes[7] === 0) {
    // Component model binary (layer 1): its world is checked by the WIT tooling, not here.
    shape = { kind: 'component', exports: [], imports: [] };
  } else {
    try {
      const mod = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
      shape = {
        kind: 'core',
        exports: WebAssembly.Module.exports(mod).map((e) => e.name),
        imports: WebAssembly.Module.imports(mod).map((i) => ({ module: i.module, name: i.name })),
      };
    } catch {
      shape = { kind: 'invalid', exports: [], imports: [] };
    }
  }
  shapes.set(file, { mtime, shape });
  return shape;
}

const resolve = (dir: string, p: string) => (isAbsolute(p) ? p : join(dir, p));

function moduleChecks(ctx: RuleContext, dir: string, rel: string): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const file = resolve(dir, rel);
  let located: ReturnType<typeof valueAt> | undefined;
  const rangeOf = () => (located ??= valueAt(ctx, ['wasm', 'path']));
  if (!ctx.fs.exists(file)) {
    out.push(diag(rangeOf(), Severity.Information, CODES.notBuilt, `\`${rel}\` is not built yet — run the build task (MockForge: Build Plugin)`,
      { command: { title: 'Build plugin', command: BUILD_COMMAND, arguments: [{ plugin: dir }] } }));
    return out;
  }
  const shape = inspectModule(ctx.fs, file);
  if (!shape) return out;
  if (shape.kind === 'invalid') {
    out.push(diag(rangeOf(), Severity.Error, CODES.missingExport, `\`${rel}\` is not a valid WebAssembly module — rebuild it`));
    return out;
  }
  if (shape.kind === 'component') return [...out, ...componentChecks(ctx, file, rel, rangeOf)];
  const exports = new Set(shape.exports);
  // A command-mode module (_start only) answers every operation over stdin/stdout.
  const commandMode = exports.has('_start') && !shape.exports.some((e) => e in LEGACY_EXPORT_ALIASES || Object.values(OPERATIONS_BY_KIND).some((ops) => ops.includes(e as Operation)));
  const types = get(ctx.root, ['plugin', 'types']);
  if (Array.isArray(types) && !commandMode) {
    types.forEach((kind, i) => {
      const ops = OPERATIONS_BY_KIND[kind as PluginKind];
      if (!ops) return;
      const missing = ops.filter((op) => !exports.has(op) && !(LEGACY_EXPORT_ALIASES[op] ?? []).some((a) => exports.has(a)));
      if (missing.length) {
        out.push(diag(valueAt(ctx, ['plugin', 'types', i]), Severity.Error, CODES.missingExport,
          `\`${kind}\` needs the export${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')}, which ${rel} does not export`));
      }
    });
  }
  const importsHttp = shape.imports.some((i) => i.module === 'mockforge' && i.name === 'http_fetch');
  if (importsHttp && !outboundAllowed(ctx.root)) {
    const edit = addKeyEdit(ctx.doc, ['capabilities', 'network'], 'allow_outbound', true);
    out.push(diag(rangeOf(), Severity.Warning, CODES.missingCapability,
      `${rel} imports \`mockforge.http_fetch\` but the manifest does not allow outbound network access — its calls will be denied`,
      { fixes: edit ? [{ title: 'Add capability `network.allow_outbound: true`', edits: [edit], preferred: true }] : [] }));
  }
  const importsFiles = shape.imports.some((i) => i.module.startsWith('wasi_snapshot_preview1') && i.name === 'path_open');
  if (importsFiles && get(ctx.root, ['capabilities', 'filesystem', 'allow_read']) !== true) {
    const edit = addKeyEdit(ctx.doc, ['capabilities', 'filesystem'], 'allow_read', true);
    out.push(diag(rangeOf(), Severity.Warning, CODES.missingCapability,
      `${rel} opens files (WASI \`path_open\`) but the manifest does not allow reading files — those calls will fail`,
      { fixes: edit ? [{ title: 'Add capability `filesystem.allow_read: true`', edits: [edit] }] : [] }));
  }
  return out;
}

const witName = (op: string) => op.replace(/_/g, '-');
const list = (xs: readonly string[]) => xs.map((x) => `\`${x}\``).join(', ');

/** A component: its world (read by jco, loaded beforehand by loadArtifacts) must export the interface of every kind. */
function componentChecks(ctx: RuleContext, file: string, rel: string, rangeOf: () => ReturnType<typeof valueAt>): ManifestDiagnostic[] {
  const reading = componentWorldOf(ctx.fs, file);
  if (!reading) return [];
  if ('error' in reading) {
    return [diag(rangeOf(), Severity.Error, CODES.componentWorld, `\`${rel}\` is a component whose WIT cannot be read (${reading.error}) — rebuild it`)];
  }
  const { world, model } = reading;
  const out = world.problems.map((p) => diag(rangeOf(), Severity.Error, CODES.componentWorld, `the component \`${rel}\` ${p}`));
  const types = get(ctx.root, ['plugin', 'types']);
  if (!Array.isArray(types)) return out;
  const [ns] = model.package.split('@');
  types.forEach((kind, i) => {
    const ops = OPERATIONS_BY_KIND[kind as PluginKind];
    if (!ops || world.interfaces.includes(kind as string)) return;
    const exported = world.exports.length ? `it exports ${list(world.exports)}` : 'it exports nothing';
    out.push(diag(valueAt(ctx, ['plugin', 'types', i]), Severity.Error, CODES.missingExport,
      `\`${kind}\` needs the operation${ops.length > 1 ? 's' : ''} ${list(ops.map(witName))} of interface \`${ns}/${kind}@${model.version}\`, ` +
      `which the world of ${rel} does not export (${exported})`));
  });
  return out;
}

/** Loads what the synchronous rules need from files but can only be read asynchronously (a component's world). */
export async function loadArtifacts(root: unknown, dir: string | undefined, fs: ManifestFileSystem): Promise<void> {
  const wasmPath = get(root, ['wasm', 'path']);
  if (!dir || typeof wasmPath !== 'string' || wasmPath === '' || runtimeOf(root as Record<string, unknown>) !== 'wasm') return;
  await loadComponentWorld(fs, resolve(dir, wasmPath));
}

const SOURCE_EXTENSIONS: Record<string, string[]> = {
  asc: ['.ts'], tinygo: ['.go'], go: ['.go'], cargo: ['.rs', '.toml'], rustc: ['.rs'], clang: ['.c', '.cc', '.cpp', '.cxx'],
  'componentize-js': ['.js', '.mjs', '.ts'], 'componentize-py': ['.py'],
};
const SOURCE_DIRS = ['.', 'assembly', 'src', 'cmd', 'plugin'];

function toolchainChecks(ctx: RuleContext, dir: string): ManifestDiagnostic[] {
  const toolchain = get(ctx.root, ['wasm', 'build', 'toolchain']);
  if (typeof toolchain !== 'string' || !(toolchain in SOURCE_EXTENSIONS)) return [];
  const exts = SOURCE_EXTENSIONS[toolchain];
  const source = get(ctx.root, ['wasm', 'build', 'source']);
  if (typeof source === 'string' && source !== '') {
    const range = valueAt(ctx, ['wasm', 'build', 'source']);
    if (!ctx.fs.exists(resolve(dir, source))) {
      return [diag(range, Severity.Error, CODES.missingFile, `the build source \`${source}\` does not exist`)];
    }
    if (!exts.includes(extname(source).toLowerCase())) {
      return [diag(range, Severity.Warning, CODES.toolchainSource, `\`${toolchain}\` builds ${exts.join('/')} files — \`${source}\` does not look like one`)];
    }
    return [];
  }
  const found = SOURCE_DIRS.some((d) => ctx.fs.listDir(join(dir, d)).some((f) => exts.includes(extname(f).toLowerCase())));
  if (found) return [];
  return [diag(valueAt(ctx, ['wasm', 'build', 'toolchain']), Severity.Warning, CODES.toolchainSource,
    `no ${exts.join('/')} source files found next to plugin.yaml for \`${toolchain}\` — set \`build.source\` or pick the toolchain of your sources`)];
}

function fileChecks(ctx: RuleContext, dir: string): ManifestDiagnostic[] {
  const out: ManifestDiagnostic[] = [];
  const files: [string[], typeof Severity.Error | typeof Severity.Warning][] = [
    [['pyodide', 'entry'], Severity.Error],
    [['remote', 'tls', 'ca_file'], Severity.Warning],
    [['remote', 'tls', 'cert_file'], Severity.Warning],
    [['remote', 'tls', 'key_file'], Severity.Warning],
  ];
  for (const [path, severity] of files) {
    const p = get(ctx.root, path);
    if (typeof p === 'string' && p !== '' && !ctx.fs.exists(resolve(dir, p))) {
      out.push(diag(valueAt(ctx, path), severity, CODES.missingFile, `\`${p}\` does not exist (relative to plugin.yaml)`));
    }
  }
  return out;
}

export const artifactRule: Rule = (ctx) => {
  if (!ctx.dir) return [];
  const out: ManifestDiagnostic[] = [];
  const wasmPath = get(ctx.root, ['wasm', 'path']);
  if (runtimeOf(ctx.root) === 'wasm' && typeof wasmPath === 'string' && wasmPath !== '') out.push(...moduleChecks(ctx, ctx.dir, wasmPath));
  if (runtimeOf(ctx.root) === 'wasm') out.push(...toolchainChecks(ctx, ctx.dir));
  out.push(...fileChecks(ctx, ctx.dir));
  return out;
};
