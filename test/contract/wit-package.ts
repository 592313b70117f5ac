// Loads the wit/ directory as ONE source string for jco. jco's path-based options panic with the pinned preview2-shim
// (toolchains.md pitfall A), so files are concatenated: one `package` line, then every file without its own.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const WIT_DIR = path.join(REPO_ROOT, 'wit');
export const PROTO_FILE = path.join(WIT_DIR, 'plugin.proto');
export const PACKAGE_ID = 'mockforge:plugin@0.1.0';
export const WORLDS = ['auth-plugin', 'template-plugin', 'response-plugin', 'datasource-plugin', 'plugin'] as const;

const PACKAGE_LINE = /^\s*package\s+([^;{]+);/m;

/** The .wit files of a directory, by name, sorted so the result is stable. */
export function readWitFiles(dir = WIT_DIR): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.wit')).sort()) {
    files.set(name, readFileSync(path.join(dir, name), 'utf8'));
  }
  return files;
}

/** Joins the files of one package the way wit-parser joins a directory. Throws when two files name different packages. */
export function joinWitFiles(files: Map<string, string>): string {
  const names = new Set<string>();
  const bodies: string[] = [];
  for (const [file, text] of files) {
    const m = PACKAGE_LINE.exec(text);
    if (m) names.add(m[1].trim());
    bodies.push(`// ---- ${file}\n${text.replace(PACKAGE_LINE, '')}`);
  }
  if (names.size !== 1) throw new Error(`expected exactly one package name across ${[...files.keys()].join(', ')}, got ${[...names].join(', ') || 'none'}`);
  return `package ${[...names][0]};\n${bodies.join('\n')}`;
}

type Jco = typeof import('@bytecodealliance/jco', { with: { 'resolution-mode': 'import' } });
let jco: Promise<Jco> | undefined;

/** jco is an ES module; load it once. */
export function loadJco(): Promise<Jco> {
  jco ??= import('@bytecodealliance/jco');
  return jco;
}

/** Resolves `world` of the WIT source with wit-parser (via jco). Rejects with jco's message when the WIT is invalid. */
export async function embedWorld(witSource: string, world: string): Promise<Uint8Array> {
  const { componentEmbed } = await loadJco();
  return componentEmbed({ dummy: true, witSource, world });
}
