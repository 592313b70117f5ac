// Builds the component fixtures the way a user does — `node dist/cli.js build` with the toolchain each manifest names
// (jco componentize, componentize-py, clang + jco new) — once per content hash of the sources, wit/ and the CLI's
// toolchain code, under os.tmpdir(), so the test files share one build (ComponentizeJS alone takes 20 s to minutes
// on a busy machine). coreToComponent (WAT + jco embed/new in-process) serves the hostile-module tests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import wabt from 'wabt';
import { cachedArtifact } from '../plugins/build';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'components');
export const WIT = path.join(REPO, 'wit');
// Builds are cached by test/plugins/build.ts cachedArtifact (a `.output` marker per finished build).
const CACHE = path.join(os.tmpdir(), 'mockforge-component-builds');
/** Part of the cache key: a change to how `build` drives the component toolchains rebuilds the fixtures. */
const CLI_TOOLCHAINS = readFileSync(path.join(REPO, 'cli', 'src', 'toolchains', 'component.ts'), 'utf8');

function hashTree(hash: ReturnType<typeof createHash>, root: string, rel = ''): void {
  for (const name of readdirSync(path.join(root, rel)).sort()) {
    if (name === 'build' || name === '__pycache__') continue;
    const r = rel ? `${rel}/${name}` : name;
    const abs = path.join(root, r);
    if (statSync(abs).isDirectory()) hashTree(hash, root, r);
    else hash.update(r).update('\0').update(readFileSync(abs)).update('\0');
  }
}

function fixtureKey(name: string, toolchain: string): string {
  const hash = createHash('sha256').update(toolchain);
  hashTree(hash, path.join(FIXTURES, name));
  for (const f of readdirSync(WIT).filter((x) => x.endsWith('.wit')).sort()) hash.update(f).update(readFileSync(path.join(WIT, f)));
  return `${name}-${hash.digest('hex').slice(0, 16)}`;
}

/** The fixture's project folder, built by `build(work, out)` in a private copy that is renamed into the cache. */
function cached(name: string, toolchain: string, build: (work: string, out: string) => void): string {
  const wasm = cachedArtifact(CACHE, fixtureKey(name, toolchain), (work) => {
    cpSync(path.join(FIXTURES, name), work, { recursive: true });
    mkdirSync(path.join(work, 'build'), { recursive: true });
    build(work, path.join(work, 'build', 'plugin.wasm'));
    return path.join('build', 'plugin.wasm');
  });
  return path.dirname(path.dirname(wasm));
}

function run(cmd: string, args: string[], cwd: string, what: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}${r.stderr}`);
}

/** `mockforge-plugin build` on a copy of the fixture; its output is kept in the error when it fails. */
function cliBuild(work: string): void {
  run(process.execPath, [CLI, 'build', work], work, `mockforge-plugin build ${path.basename(work)}`);
}

/** test/fixtures/components/js-plugin: toolchain componentize-js (jco componentize), world `plugin` from its types. */
export function buildJsComponent(): string {
  return cached('js-plugin', CLI_TOOLCHAINS, cliBuild);
}

export function componentizePyAvailable(): boolean {
  return spawnSync('componentize-py', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** test/fixtures/components/py-auth: toolchain componentize-py, world `auth-plugin`. */
export function buildPyComponent(): string {
  return cached('py-auth', CLI_TOOLCHAINS, cliBuild);
}

/** test/fixtures/components/c-auth: toolchain clang, then `component: true` (jco embed + new, preview1 adapter). */
export function buildCComponent(): string {
  return cached('c-auth', CLI_TOOLCHAINS, cliBuild);
}

/** A core module (WAT) + a WIT world given as source text → a component, the way `jco embed` + `jco new` do it. */
export async function coreToComponent(wat: string, witSource: string, world: string): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat('core.wat', wat, { multi_value: true, bulk_memory: true });
  let core: Uint8Array;
  try {
    mod.resolveNames();
    mod.validate();
    core = mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
  const spec = '@bytecodealliance/jco';
  const jco = await (import(spec) as Promise<{
    componentEmbed(o: { binary: Uint8Array; witSource: string; world: string }): Promise<Uint8Array>;
    componentNew(b: Uint8Array): Promise<Uint8Array>;
  }>);
  const embedded = await jco.componentEmbed({ binary: core, witSource, world });
  return jco.componentNew(embedded);
}

export function writeTemp(prefix: string, files: Record<string, string | Uint8Array>): string {
  const dir = path.join(os.tmpdir(), `${prefix}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}
