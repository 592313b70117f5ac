// Turns a `mockforge` debug configuration ("debug this plugin with this saved request") into the launch VS Code
// really starts. No vscode import: the provider (provider.ts) gathers the facts, this decides (unit-tested).
//   wasm plugin with a source map → stays a `mockforge` launch, served by our own debug adapter
//                         (host/src/debug/adapter/): breakpoints in the plugin's source (AssemblyScript) bind through
//                         the map; VS Code's JavaScript debugger cannot do this for wasm (see README.md here);
//   other wasm, pyodide → a `node` launch of the embedded-host runner (dist/debug-runner.js) under js-debug:
//                         breakpoints in the host and in the wasm disassembly;
//   remote plugin       → the service's own command (remote.dev.command) under its debugger: Node with the `node`
//                         debug type, Python with `debugpy` when that extension is installed; the request is sent
//                         once the service answers its health check.
import * as net from 'node:net';
import * as path from 'node:path';
import type { AdapterLaunchArguments } from '../../../host/src/debug/adapter/dap';
import { isLoopbackHost } from '../../../host/src/remote/config';

/** What a user writes in launch.json (`request` is VS Code's launch/attach, so the saved request is `savedRequest`). */
export interface MockforgeLaunch {
  type: string;
  request: string;
  name: string;
  /** Plugin folder or plugin.yaml (default: the workspace folder). */
  plugin?: string;
  /** Saved request name (in .mockforge/requests) or path to its .json. */
  savedRequest?: string;
  /** Configuration values for the plugin, KEY → value. */
  config?: Record<string, string>;
  /** Stop on the first line of the runner (default false: run until a breakpoint in the plugin). */
  stopOnEntry?: boolean;
  [key: string]: unknown;
}

export interface PluginFacts {
  dir: string;
  id: string;
  runtime: string;
  /** remote.dev: the command that starts the service, where, with which environment. */
  dev?: { command: string; cwd: string; env: Record<string, string> };
  /** remote.endpoint: where the service started under the debugger listens. */
  endpoint?: URL;
  /** A wasm plugin's built module and whether its source map is there (absent: not built, or not a core module). */
  module?: { wasmFile: string; sourceMap: boolean };
}

export interface Environment {
  /** Absolute path of dist/debug-runner.js. */
  runnerScript: string;
  /** The Python Debugger extension (debug type `debugpy`) is installed. */
  haveDebugpy: boolean;
  /** The Node executable our adapter runs the runner with (default `node` on PATH). */
  nodeExecutable?: string;
}

/** A launch configuration VS Code can start (node / debugpy), as a plain object. */
export type LaunchConfig = Record<string, unknown> & { type: string; request: 'launch'; name: string };

export type Resolution =
  /** Our own adapter (type `mockforge`); `launch` carries its AdapterLaunchArguments. */
  | { kind: 'adapter'; launch: LaunchConfig }
  /** `note`: why this is not the adapter (a wasm plugin without a source map). */
  | { kind: 'embedded'; launch: LaunchConfig; note?: string }
  | { kind: 'remote'; launch: LaunchConfig; debugger: 'node' | 'debugpy' }
  | { kind: 'error'; message: string };

/** The saved request file a `savedRequest` value names: a bare name is looked up in the plugin's .mockforge/requests. */
export function requestFile(pluginDir: string, savedRequest: string): string {
  if (savedRequest.endsWith('.json') || savedRequest.includes('/') || savedRequest.includes('\\')) {
    return path.resolve(pluginDir, savedRequest);
  }
  return path.join(pluginDir, '.mockforge', 'requests', `${savedRequest}.json`);
}

export function resolveLaunch(config: MockforgeLaunch, plugin: PluginFacts, requestPath: string, env: Environment): Resolution {
  const name = config.name || `MockForge: ${plugin.id} ← ${path.basename(requestPath, '.json')}`;
  if (plugin.runtime === 'remote') return resolveRemote(name, plugin, env);
  if (plugin.runtime !== 'wasm' && plugin.runtime !== 'pyodide') {
    return { kind: 'error', message: `${plugin.id}: plugin.runtime "${plugin.runtime}" cannot be debugged (wasm, pyodide and remote can)` };
  }
  if (plugin.runtime === 'wasm' && plugin.module?.sourceMap) {
    const launch: LaunchConfig & AdapterLaunchArguments = {
      type: config.type,
      request: 'launch',
      name,
      runner: env.runnerScript,
      plugin: plugin.dir,
      requestFile: requestPath,
      config: config.config ?? {},
      runtimeExecutable: typeof config.runtimeExecutable === 'string' && config.runtimeExecutable ? config.runtimeExecutable : env.nodeExecutable ?? 'node',
      stopOnEntry: config.stopOnEntry === true,
      cwd: plugin.dir,
    };
    return { kind: 'adapter', launch };
  }
  const note = plugin.runtime !== 'wasm' ? undefined
    : !plugin.module ? `${plugin.id}: no built module yet, so no source map to bind breakpoints with: debugging the runner with the JavaScript debugger (build the plugin first)`
      : `${plugin.id}: ${path.basename(plugin.module.wasmFile)} has no source map, so breakpoints cannot bind in its source: debugging the runner with the JavaScript debugger (wasm shows as disassembly). AssemblyScript: build with --sourceMap, as \`mockforge-plugin build\` does`;
  const args = [plugin.dir, requestPath];
  for (const [k, v] of Object.entries(config.config ?? {})) args.push('--config', `${k}=${v}`);
  return {
    kind: 'embedded',
    note,
    launch: {
      type: 'node',
      request: 'launch',
      name,
      program: env.runnerScript,
      args,
      cwd: plugin.dir,
      stopOnEntry: config.stopOnEntry === true,
      // Source maps for the host's JavaScript; js-debug 1.117 loads none for wasm (README.md here).
      sourceMaps: true,
      pauseForSourceMap: true,
      resolveSourceMapLocations: [path.join(plugin.dir, '**'), '!**/node_modules/**'],
      // Step through the plugin, not through the host that calls it.
      skipFiles: ['<node_internals>/**', path.join(path.dirname(env.runnerScript), '**')],
      console: 'internalConsole',
      outputCapture: 'std',
    },
  };
}

/** Splits a shell command into words (single/double quotes group; no expansion, which a debugger launch cannot do). */
export function splitCommand(command: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let quote: '"' | "'" | undefined;
  let has = false;
  for (const ch of command.trim()) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) words.push(word);
      word = '';
      has = false;
    } else if ('|&;<>$`'.includes(ch)) {
      return undefined; // pipes, redirections, variables: a shell is needed, which no debugger launch is
    } else {
      word += ch;
      has = true;
    }
  }
  if (quote) return undefined;
  if (has) words.push(word);
  return words;
}

/** Leading VAR=value words, as in `PORT=8080 node server.js`. */
function takeEnv(words: string[]): { env: Record<string, string>; rest: string[] } {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(words[i]);
    if (!m) break;
    env[m[1]] = m[2];
  }
  return { env, rest: words.slice(i) };
}

function resolveRemote(name: string, plugin: PluginFacts, env: Environment): Resolution {
  if (!plugin.dev) {
    return { kind: 'error', message: `${plugin.id} is a remote plugin without remote.dev.command: start the service under your own debugger and use "Run Plugin…" to send requests` };
  }
  const words = splitCommand(plugin.dev.command);
  const unsupported = `${plugin.id}: remote.dev.command "${plugin.dev.command}" is not a plain \`node …\` or \`python …\` command, so it cannot be started under a debugger; start it yourself and attach`;
  if (!words || words.length === 0) return { kind: 'error', message: unsupported };
  const { env: inline, rest } = takeEnv(words);
  const exe = path.basename(rest[0] ?? '').replace(/\.exe$/i, '');
  const base = { request: 'launch' as const, name, cwd: plugin.dev.cwd, env: { ...plugin.dev.env, ...inline } };
  if (exe === 'node' || exe === 'nodejs') {
    const flags: string[] = [];
    let i = 1;
    while (i < rest.length && rest[i].startsWith('-')) flags.push(rest[i++]);
    const program = rest[i];
    if (!program) return { kind: 'error', message: unsupported };
    return {
      kind: 'remote',
      debugger: 'node',
      launch: { ...base, type: 'node', program: path.resolve(plugin.dev.cwd, program), args: rest.slice(i + 1), runtimeArgs: flags, sourceMaps: true, skipFiles: ['<node_internals>/**'], console: 'internalConsole', outputCapture: 'std' },
    };
  }
  if (/^python(\d+(\.\d+)?)?$/.test(exe)) {
    if (!env.haveDebugpy) {
      const words = debugpyCommand(plugin.dev.command, DEBUGPY_LISTEN);
      const start = words ? words.map(shellWord).join(' ') : `python -m debugpy --listen ${DEBUGPY_LISTEN} …`;
      return { kind: 'error', message: `${plugin.id}: debugging a Python service needs the Python Debugger extension (ms-python.debugpy); install it, or start the service with \`${start}\` (in ${plugin.dev.cwd}) and attach to ${DEBUGPY_LISTEN}` };
    }
    const args = rest.slice(1);
    if (args[0] === '-m' && args[1]) {
      return { kind: 'remote', debugger: 'debugpy', launch: { ...base, type: 'debugpy', module: args[1], args: args.slice(2), justMyCode: true, console: 'internalConsole' } };
    }
    if (!args[0] || args[0].startsWith('-')) return { kind: 'error', message: unsupported };
    return { kind: 'remote', debugger: 'debugpy', launch: { ...base, type: 'debugpy', program: path.resolve(plugin.dev.cwd, args[0]), args: args.slice(1), justMyCode: true, console: 'internalConsole' } };
  }
  return { kind: 'error', message: unsupported };
}

/**
 * Before the service is started under the debugger: whatever already accepts connections on its loopback endpoint
 * would get the saved request instead (and the debugged copy would fail to listen). Resolves with the reason, or
 * undefined when the port is free (or the endpoint is not on this machine, so not ours to start).
 */
export function endpointTaken(endpoint: URL, pluginId: string): Promise<string | undefined> {
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  if (!isLoopbackHost(host)) return Promise.resolve(undefined);
  const port = Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve) => {
    const socket = net.connect({ host: host === 'localhost' ? '127.0.0.1' : host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(`${pluginId}: port ${port} of remote.endpoint ${endpoint.origin} is already in use by another process, so the service cannot be started under the debugger (and the saved request would go to that process). Stop whatever listens there (e.g. "MockForge: Stop Remote Plugin", or a \`node plugin.js\` in a terminal), or change remote.endpoint and remote.dev.env.`);
    });
    // Refused (nothing listens) or any other connect error: nothing there to collide with.
    socket.once('error', () => resolve(undefined));
  });
}

/** Where the debugpy hint's command listens for a debugger (debugpy's documented default port, loopback only). */
export const DEBUGPY_LISTEN = '127.0.0.1:5678';

/**
 * remote.dev.command with the service started under debugpy (`python3 plugin.py` → `python3 -m debugpy --listen
 * 127.0.0.1:5678 plugin.py`), leading VAR=value words kept: what the hint tells an author without the Python Debugger
 * extension to run. Undefined when the command is not a plain `python …` one.
 */
export function debugpyCommand(command: string, listen: string): string[] | undefined {
  const words = splitCommand(command);
  if (!words) return undefined;
  const at = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  if (at < 0 || !/^python(\d+(\.\d+)?)?$/.test(path.basename(words[at]).replace(/\.exe$/i, ''))) return undefined;
  const rest = words.slice(at + 1);
  if (rest.length === 0 || (rest[0].startsWith('-') && rest[0] !== '-m')) return undefined;
  return [...words.slice(0, at + 1), '-m', 'debugpy', '--listen', listen, ...rest];
}

/** A word as a POSIX shell reads it back (quoted only when it has to be). */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
