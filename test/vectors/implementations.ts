// Every implementation of a plugin kind the conformance vectors run through: each template of that kind (found in
// templates/, so a template added later is picked up), made by `mockforge-plugin new` like a user would, and loaded
// with loadPlugin through its own transport — core wasm (AssemblyScript, Go, TinyGo when installed; built from
// source), components (built by their template's toolchain), remote HTTP and remote gRPC (the Python and Node services, started by remote.dev; `PROTOCOL=grpc` makes a
// remote template serve gRPC) and Pyodide.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { LoadedPlugin, loadPlugin } from '../../host/src/plugin';
import { REPO, buildTemplate } from '../plugins/build';
import { cli } from '../plugins/cli';
import type { Kind } from './vectors';

export type Transport = 'core wasm' | 'component' | 'remote http' | 'remote grpc' | 'pyodide';

export interface Implementation {
  /** The `--lang` of `mockforge-plugin new`. */
  lang: string;
  transport: Transport;
  /** Why it cannot run on this machine. */
  skip?: string;
  /** Builds or scaffolds the project once; returns its folder. */
  prepare(): string;
  /** Loads the project with this configuration (a remote service gets it as environment variables). */
  open(dir: string, config: Record<string, string>, remoteEnv: Record<string, string>): Promise<LoadedPlugin>;
}

/** The project id every implementation is made with (templates print it, e.g. in x-mock-source). */
export const idFor = (kind: Kind) => `ref-${kind}`;

const has = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

function pythonMissing(): string | undefined {
  const r = spawnSync('python3', ['-c', 'import fastapi, uvicorn, pydantic, grpc, grpc_tools'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : `python3 with fastapi, uvicorn, pydantic and grpcio(-tools) is not available (scripts/setup.sh installs them): ${(r.stderr ?? '').trim().split('\n').pop()}`;
}

/** A fresh project from `new` in a temporary folder. */
function scaffold(lang: string, kind: Kind): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), `mockforge-vectors-${lang}-${kind}-`)), idFor(kind));
  const r = cli(['new', dir, '--lang', lang, '--type', kind, '--id', idFor(kind)]);
  if (r.code !== 0) throw new Error(`new --lang ${lang} --type ${kind} failed:\n${r.stdout}${r.stderr}`);
  return dir;
}

const manifests = new Map<string, string>();

/**
 * Writes the configuration into remote.dev.env (from the manifest `new` wrote, so groups do not leak into each other)
 * and, for gRPC, switches remote.protocol and tells the service to serve gRPC.
 */
function configureRemote(dir: string, config: Record<string, string>, remoteEnv: Record<string, string>, grpc: boolean): void {
  const file = path.join(dir, 'plugin.yaml');
  if (!manifests.has(file)) manifests.set(file, readFileSync(file, 'utf8'));
  const doc = parseDocument(manifests.get(file)!);
  if (grpc) {
    doc.setIn(['remote', 'protocol'], 'grpc');
    doc.setIn(['remote', 'dev', 'env', 'PROTOCOL'], 'grpc');
  }
  for (const [key, value] of Object.entries(config)) {
    const name = remoteEnv[key];
    if (!name) throw new Error(`the vector file's remote_env does not say which environment variable carries \`${key}\``);
    doc.setIn(['remote', 'dev', 'env', name], value);
  }
  writeFileSync(file, doc.toString());
}

function implementationsFor(lang: string, kind: Kind): Implementation[] {
  if (lang === 'assemblyscript' || lang === 'go' || lang === 'tinygo') {
    const skip = lang === 'go' && !has('go', 'version') ? 'go is not installed here'
      : lang === 'tinygo' && !has('tinygo', 'version') ? 'tinygo is not installed here' : undefined;
    return [{
      lang, transport: 'core wasm', skip,
      prepare: () => buildTemplate(lang, kind, idFor(kind)).dir,
      open: (dir, config) => loadPlugin(dir, { isolation: 'in-process', config }),
    }];
  }
  if (lang.endsWith('-remote')) {
    const skip = lang.startsWith('python') ? pythonMissing() : undefined;
    return [false, true].map((grpc): Implementation => ({
      lang, transport: grpc ? 'remote grpc' : 'remote http', skip,
      prepare: () => scaffold(lang, kind),
      open: (dir, config, remoteEnv) => {
        configureRemote(dir, config, remoteEnv, grpc);
        return loadPlugin(dir);
      },
    }));
  }
  if (lang.endsWith('-component')) {
    // A WebAssembly component built by its template's toolchain (e.g. ComponentizeJS), run through jco.
    return [{
      lang, transport: 'component',
      prepare: () => buildTemplate(lang, kind, idFor(kind)).dir,
      open: (dir, config) => loadPlugin(dir, { config }),
    }];
  }
  if (lang.endsWith('-pyodide')) {
    return [{ lang, transport: 'pyodide', prepare: () => scaffold(lang, kind), open: (dir, config) => loadPlugin(dir, { config }) }];
  }
  return [];
}

/** The implementations of `kind`: one per template folder `<lang>-<kind>`, plus TinyGo for the Go template. */
export function implementationsOf(kind: Kind): Implementation[] {
  const out: Implementation[] = [];
  for (const name of readdirSync(path.join(REPO, 'templates')).sort()) {
    if (!name.endsWith(`-${kind}`) || !existsSync(path.join(REPO, 'templates', name, 'template.json'))) continue;
    const lang = name.slice(0, -(kind.length + 1));
    for (const l of lang === 'go' ? ['go', 'tinygo'] : [lang]) out.push(...implementationsFor(l, kind));
  }
  return out;
}
