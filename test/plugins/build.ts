// Builds a test fixture plugin from source, with the real compiler, through `mockforge-plugin build` — once per
// content hash, so the test files that need the same plugin share one build (they run in parallel processes).
// The cache lives under os.tmpdir(); a build happens in a private folder that is renamed into place when done.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from out/test/plugins/). */
export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const FIXTURES = path.join(REPO, 'test', 'fixtures', 'plugins');
const CACHE = path.join(os.tmpdir(), 'mockforge-plugin-fixtures');

export interface BuiltFixture {
  /** A plugin folder (plugin.yaml + build/plugin.wasm) that `run`, `inspect` and loadPlugin accept. */
  dir: string;
  wasm: string;
  /** What `mockforge-plugin build` printed (empty when the build came from the cache). */
  output: string;
  fromCache: boolean;
}

/** What a fixture needs from the repository besides its own folder. */
function sdkFor(name: string): string | undefined {
  if (existsSync(path.join(FIXTURES, name, 'go.mod'))) return path.join(REPO, 'sdk', 'go');
  if (existsSync(path.join(FIXTURES, name, 'assembly'))) return path.join(REPO, 'sdk', 'assemblyscript');
  return undefined;
}

function hashTree(hash: ReturnType<typeof createHash>, root: string, rel = ''): void {
  for (const name of readdirSync(path.join(root, rel)).sort()) {
    if (name === 'build' || name === 'target' || name === 'node_modules') continue;
    const r = rel ? `${rel}/${name}` : name;
    const abs = path.join(root, r);
    if (statSync(abs).isDirectory()) hashTree(hash, root, r);
    else hash.update(r).update('\0').update(readFileSync(abs)).update('\0');
  }
}

export function fixtureHash(name: string): string {
  const hash = createHash('sha256');
  hashTree(hash, path.join(FIXTURES, name));
  const sdk = sdkFor(name);
  if (sdk) hashTree(hash, sdk);
  // The build flags live in the CLI's toolchain adapters: a change there is a new build.
  hashTree(hash, path.join(REPO, 'cli', 'src', 'toolchains'));
  return hash.digest('hex').slice(0, 16);
}

/** Copies the fixture and points it at the repository's SDK the way a scaffolded project would be. */
function stage(name: string, into: string): void {
  cpSync(path.join(FIXTURES, name), into, { recursive: true, filter: (src) => !/[/\\](build|target)$/.test(src) });
  const sdk = sdkFor(name);
  const goMod = path.join(into, 'go.mod');
  if (sdk && existsSync(goMod)) {
    // The fixture's replace directive is relative to its place in the repository.
    writeFileSync(goMod, readFileSync(goMod, 'utf8').replace(/=> \S*sdk\/go/, `=> ${sdk}`));
  } else if (sdk) {
    cpSync(sdk, path.join(into, 'lib', '@mockforge', 'plugin-sdk'), { recursive: true, filter: (src) => !src.endsWith(`${path.sep}tests`) });
  }
}

export function buildFixture(name: string): BuiltFixture {
  return buildCached(`${name}-${fixtureHash(name)}`, (into) => stage(name, into));
}

/**
 * A project made by `mockforge-plugin new --lang <lang> --type <kind> --id <id>`, built; cached by the template's
 * content (and the id, which templates may print into replies).
 */
export function buildTemplate(lang: string, kind: string, id = `ref-${lang}-${kind}`): BuiltFixture {
  const hash = createHash('sha256');
  hash.update(id);
  const templateDir = path.join(REPO, 'templates', `${lang === 'tinygo' ? 'go' : lang}-${kind}`);
  hashTree(hash, templateDir);
  hashTree(hash, path.join(REPO, 'sdk', lang === 'assemblyscript' ? 'assemblyscript' : 'go'));
  hashTree(hash, path.join(REPO, 'cli', 'src', 'toolchains'));
  hashTree(hash, path.join(REPO, 'cli', 'src', 'scaffold'));
  return buildCached(`template-${lang}-${kind}-${hash.digest('hex').slice(0, 16)}`, (into) => {
    const r = spawnSync(process.execPath, [CLI, 'new', into, '--lang', lang, '--type', kind, '--id', id], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`new --lang ${lang} --type ${kind} failed:\n${r.stdout}${r.stderr}`);
  });
}

function buildCached(key: string, prepare: (into: string) => void): BuiltFixture {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/build.mjs\` first`);
  const dir = path.join(CACHE, key);
  const wasm = path.join(dir, 'build', 'plugin.wasm');
  if (existsSync(wasm)) return { dir, wasm, output: '', fromCache: true };
  mkdirSync(CACHE, { recursive: true });
  const work = `${dir}.tmp-${process.pid}-${Date.now()}`;
  prepare(work);
  const r = spawnSync(process.execPath, [CLI, 'build', work], { encoding: 'utf8', cwd: work });
  const output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) {
    rmSync(work, { recursive: true, force: true });
    throw new Error(`building ${key} failed (exit ${r.status}):\n${output}`);
  }
  try {
    renameSync(work, dir);
  } catch (err) {
    // Another test process finished the same build first: use theirs.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(wasm)) throw err;
  }
  return { dir, wasm, output, fromCache: false };
}

// ---- Single-file modules from real compilers (C, Rust, Go), shared by test/host and bench/host ------------------

export type NativeLanguage = 'c' | 'rust' | 'go';

export interface NativeSource {
  lang: NativeLanguage;
  /** The one source file: plugin.c, lib.rs or main.go (with a go.mod beside it). */
  source: string;
  /** Go: -buildmode=c-shared, a reactor with _initialize (default: a command-mode program). */
  cShared?: boolean;
  /** C: link with --strip-all (no name section). */
  strip?: boolean;
}

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

/** Why `lang` cannot be built on this machine, or undefined when its compiler is installed. */
export function nativeToolchainMissing(lang: NativeLanguage): string | undefined {
  switch (lang) {
    case 'c':
      return has('clang', '--version') && existsSync('/usr/include/wasm32-wasi') ? undefined : 'clang with wasi-libc is not installed (scripts/setup.sh installs it)';
    case 'rust':
      return existsSync('/usr/bin/rustc') && existsSync('/usr/lib/rustlib/wasm32-wasi') ? undefined : 'Debian rustc with wasm32-wasi is not installed (scripts/setup.sh installs it)';
    case 'go':
      return has('go', 'version') ? undefined : 'go is not on PATH';
  }
}

const compilerVersions = new Map<NativeLanguage, string>();

/** The compiler's own version text: a new compiler is a new build. */
function compilerVersion(lang: NativeLanguage): string {
  let v = compilerVersions.get(lang);
  if (v === undefined) {
    const [cmd, ...args] = lang === 'c' ? ['clang', '--version'] : lang === 'rust' ? ['/usr/bin/rustc', '--version'] : ['go', 'version'];
    v = spawnSync(cmd, args, { encoding: 'utf8' }).stdout ?? '';
    compilerVersions.set(lang, v);
  }
  return v;
}

/** The compiler command for `src` (a file in `work`) → `out`. */
function nativeCommand(s: NativeSource, work: string, out: string): { cmd: string; args: string[]; env?: NodeJS.ProcessEnv } {
  switch (s.lang) {
    case 'c':
      return { cmd: 'clang', args: ['--target=wasm32-wasi', '--sysroot=/usr', '-O2', '-mexec-model=reactor', ...(s.strip ? ['-Wl,--strip-all'] : []), '-o', out, path.join(work, 'plugin.c')] };
    case 'rust':
      return { cmd: '/usr/bin/rustc', args: ['--target', 'wasm32-wasi', '--crate-type', 'cdylib', '-O', '-o', out, path.join(work, 'lib.rs')] };
    case 'go':
      return { cmd: 'go', args: ['build', ...(s.cShared ? ['-buildmode=c-shared'] : []), '-o', out, '.'], env: { ...process.env, GOOS: 'wasip1', GOARCH: 'wasm' } };
  }
}

const SOURCE_FILE: Record<NativeLanguage, string> = { c: 'plugin.c', rust: 'lib.rs', go: 'main.go' };
const GO_MOD = 'module example.com/plugin\n\ngo 1.24\n';

/**
 * Compiles one source file to a core wasm module with the real compiler and returns the module's path. Cached by the
 * hash of compiler version, flags and source under `cacheDir` (default: the fixture cache in os.tmpdir()), so tests and
 * benchmarks that need the same module share one build. Throws with the compiler's output when the build fails.
 */
export function buildNative(s: NativeSource, cacheDir = CACHE): string {
  const missing = nativeToolchainMissing(s.lang);
  if (missing) throw new Error(missing);
  const hash = createHash('sha256').update(compilerVersion(s.lang)).update('\0').update(s.source);
  hash.update(`\0${s.cShared ? 'c-shared' : ''}\0${s.strip ? 'strip' : ''}`);
  return cachedArtifact(cacheDir, `native-${s.lang}-${hash.digest('hex').slice(0, 16)}`, (work) => {
    writeFileSync(path.join(work, SOURCE_FILE[s.lang]), s.source);
    if (s.lang === 'go') writeFileSync(path.join(work, 'go.mod'), GO_MOD);
    const out = path.join(work, 'plugin.wasm');
    const { cmd, args, env } = nativeCommand(s, work, out);
    const r = spawnSync(cmd, args, { cwd: work, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}${r.stderr}`);
    return 'plugin.wasm';
  });
}

/**
 * A build output cached under `cacheDir/key/`: `build(work)` fills a private folder and returns the output's name in
 * it; the folder is renamed into place when done, so parallel processes never see half a build.
 */
export function cachedArtifact(cacheDir: string, key: string, build: (work: string) => string): string {
  const dir = path.join(cacheDir, key);
  const marker = path.join(dir, '.output');
  if (existsSync(marker)) return path.join(dir, readFileSync(marker, 'utf8'));
  const work = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(work, { recursive: true });
  try {
    writeFileSync(path.join(work, '.output'), build(work));
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  try {
    renameSync(work, dir);
  } catch (err) {
    // Another process finished the same build first: use theirs.
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(marker)) throw err;
  }
  return path.join(dir, readFileSync(marker, 'utf8'));
}
