// Shared by the host tests: assembles WAT fixtures with npm wabt into temp plugin directories, runs the CLI.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import wabt from 'wabt';

export const REPO = resolve(__dirname, '..', '..', '..');
export const WAT_DIR = join(REPO, 'test', 'fixtures', 'wat');
export const CLI = join(REPO, 'dist', 'cli.js');

let wabtModule: ReturnType<typeof wabt> | undefined;

export async function assembleWat(text: string, name = 'module.wat'): Promise<Uint8Array> {
  wabtModule ??= wabt();
  const w = await wabtModule;
  const mod = w.parseWat(name, text, { multi_value: true, bulk_memory: true });
  try {
    mod.resolveNames();
    mod.validate();
    return mod.toBinary({ write_debug_names: true }).buffer;
  } finally {
    mod.destroy();
  }
}

const temps: string[] = [];

export function tempDir(prefix = 'mf-host-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function cleanTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Assembles test/fixtures/wat/<name>.wat into a fresh directory; returns the .wasm path. */
export async function fixtureWasm(name: string, dir = tempDir()): Promise<string> {
  const bytes = await assembleWat(readFileSync(join(WAT_DIR, `${name}.wat`), 'utf8'), `${name}.wat`);
  const file = join(dir, `${name}.wasm`);
  writeFileSync(file, bytes);
  return file;
}

/**
 * A plugin directory with the fixture built to build/plugin.wasm and a plugin.yaml whose extra YAML (capabilities,
 * configuration ...) is appended. `files` are written relative to the directory.
 */
export async function fixturePlugin(name: string, extraYaml = '', files: Record<string, string> = {}): Promise<string> {
  const dir = tempDir();
  mkdirSync(join(dir, 'build'));
  const bytes = await assembleWat(readFileSync(join(WAT_DIR, `${name}.wat`), 'utf8'), `${name}.wat`);
  writeFileSync(join(dir, 'build', 'plugin.wasm'), bytes);
  writeFileSync(join(dir, 'plugin.yaml'), [
    'plugin:',
    `  id: ${name}-plugin`,
    '  version: 0.1.0',
    `  name: ${name}`,
    '  types: [auth]',
    'wasm:',
    '  path: build/plugin.wasm',
    extraYaml,
  ].join('\n') + '\n');
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], stdin?: string): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
