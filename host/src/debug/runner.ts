// The embedded-host runner a `mockforge` debug session launches under VS Code's JavaScript debugger (bundled as
// dist/debug-runner.js): loads the plugin IN-PROCESS — so the wasm runs on the debuggee's own thread, where the
// debugger sees it and maps it to AssemblyScript source through the module's source map — sends one saved request
// and prints the reply envelope on stdout (plugin logs on stderr).
//   node dist/debug-runner.js <plugin dir|plugin.yaml|.wasm> <saved request .json> [--config KEY=VALUE]...
// Exit codes: 0 the reply is a success, 1 the reply is an error envelope, 2 bad arguments or the plugin cannot load.
import { parseArgs } from 'node:util';
import { PluginLoadError, loadPlugin } from '../plugin';
import { parseConfigPairs } from '../manifest/config';
import { readSavedRequest } from '../../../cli/src/scaffold/saved-requests';
import type { LogRecord } from '../runtime';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readManifest } from '../manifest/read';
import { debuggableModule } from './sourceMapUrl';

/** Where the module is and the folder it was built in (asc writes map sources relative to it). */
async function moduleLocation(target: string): Promise<{ moduleDir: string; root: string } | undefined> {
  const abs = path.resolve(target);
  if (!existsSync(abs)) return undefined;
  if (abs.endsWith('.wasm')) return { moduleDir: path.dirname(abs), root: path.dirname(abs) };
  const manifest = statSync(abs).isDirectory() ? ['plugin.yaml', 'plugin.yml'].map((n) => path.join(abs, n)).find(existsSync) : abs;
  if (!manifest) return undefined;
  try {
    const m = await readManifest(manifest);
    const rel = (m.wasm as { path?: string } | undefined)?.path;
    const root = path.dirname(manifest);
    return rel ? { moduleDir: path.dirname(path.resolve(root, rel)), root } : undefined;
  } catch {
    return undefined; // loadPlugin reports the manifest's problem
  }
}

/**
 * Compiles go through here (this process exists to be debugged): the module is given an absolute source map URL so
 * the JavaScript debugger can map it back to the plugin's source (see sourceMapUrl.ts).
 */
function compileWithReachableSourceMap(where: { moduleDir: string; root: string }): void {
  const compile = WebAssembly.compile.bind(WebAssembly);
  WebAssembly.compile = (source: BufferSource) => {
    const bytes = source instanceof Uint8Array ? source : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
    let patched: Uint8Array = bytes;
    try {
      patched = debuggableModule(bytes, where.moduleDir, where.root).bytes;
    } catch (err) {
      process.stderr.write(`debug-runner: source map not rewritten (${(err as Error).message}); breakpoints may not bind\n`);
    }
    return compile(patched as Uint8Array<ArrayBuffer>);
  };
}

function logLine(r: LogRecord): string {
  return `[${r.level}]${r.source ? ` ${r.source}:` : ''} ${r.message}\n`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { config: { type: 'string', multiple: true, default: [] } } });
  } catch (err) {
    process.stderr.write(`debug-runner: ${(err as Error).message}\n`);
    return 2;
  }
  const [target, requestFile] = parsed.positionals;
  if (!target || !requestFile || parsed.positionals.length > 2) {
    process.stderr.write('usage: debug-runner <plugin dir|plugin.yaml|.wasm> <saved request .json> [--config KEY=VALUE]...\n');
    return 2;
  }
  let request;
  let config;
  try {
    request = readSavedRequest(requestFile);
    config = parseConfigPairs(parsed.values.config ?? []);
  } catch (err) {
    process.stderr.write(`debug-runner: ${(err as Error).message}\n`);
    return 2;
  }
  const where = await moduleLocation(target);
  if (where) compileWithReachableSourceMap(where);
  let plugin;
  try {
    plugin = await loadPlugin(target, { isolation: 'in-process', config, onLog: (r) => process.stderr.write(logLine(r)) });
  } catch (err) {
    if (!(err instanceof PluginLoadError)) throw err;
    process.stdout.write(`${JSON.stringify(err.envelope)}\n`);
    process.stderr.write(`debug-runner: ${err.message}\n`);
    return 2;
  }
  try {
    process.stderr.write(`debug-runner: ${plugin.info.id} ${request.operation} ← ${request.name}\n`);
    const outcome = await plugin.call(request.operation, request.input);
    process.stdout.write(`${JSON.stringify(outcome.envelope)}\n`);
    return outcome.envelope.success ? 0 : 1;
  } finally {
    await plugin.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`debug-runner: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
