// The embedded-host runner a `mockforge` debug session starts (bundled as dist/debug-runner.js), under our wasm debug
// adapter (host/src/debug/adapter/) or VS Code's JavaScript debugger: loads the plugin IN-PROCESS — so the wasm runs
// on the debuggee's own thread, where the debugger sees it — sends one saved request and prints the reply envelope on
// stdout (plugin logs on stderr). The module is given an absolute source map URL, which is how the adapter recognises
// its wasm script. Under the adapter (MOCKFORGE_DEBUG_HANDSHAKE=1) it also pauses once each module is compiled,
// before anything in it runs, so the adapter can set its breakpoints (handshake.ts).
//   node dist/debug-runner.js <plugin dir|plugin.yaml|.wasm> <saved request .json> [--config KEY=VALUE]...
// Exit codes: 0 the reply is a success, 1 the reply is an error envelope, 2 bad arguments or the plugin cannot load.
import { parseArgs } from 'node:util';
import { PluginLoadError, loadPlugin } from '../plugin';
import { parseConfigPairs } from '../manifest/config';
import { readSavedRequest } from '../../../cli/src/scaffold/saved-requests';
import type { LogRecord } from '../runtime';
import { moduleLocation } from './location';
import { debuggableModule } from './sourceMapUrl';
import { HANDSHAKE_ENV, moduleHandshake, pauseForAdapter } from './handshake';

/**
 * Compiles go through here (this process exists to be debugged): the module is given an absolute source map URL
 * (see sourceMapUrl.ts); under the adapter, the handshake pause follows each compile.
 */
function compileWithReachableSourceMap(where: { wasmFile: string; moduleDir: string; root: string }, handshake: boolean): void {
  const compile = WebAssembly.compile.bind(WebAssembly);
  WebAssembly.compile = async (source: BufferSource) => {
    const bytes = source instanceof Uint8Array ? source : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : new Uint8Array(source);
    let patched: Uint8Array = bytes;
    let mapFile: string | undefined;
    try {
      ({ bytes: patched, mapFile } = debuggableModule(bytes, where.moduleDir, where.root));
    } catch (err) {
      process.stderr.write(`debug-runner: source map not rewritten (${(err as Error).message}); breakpoints may not bind\n`);
    }
    const module = await compile(patched as Uint8Array<ArrayBuffer>);
    if (handshake) pauseForAdapter(moduleHandshake(patched, where.wasmFile, mapFile));
    return module;
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
  if (where) compileWithReachableSourceMap(where, process.env[HANDSHAKE_ENV] === '1');
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
