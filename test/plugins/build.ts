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
