// "Copy as CLI command": the `mockforge-plugin run` line that makes the same call from a terminal.
import type { Operation } from '../../host/src/contract/operations';

export interface CliCall {
  /** Plugin folder relative to the workspace folder (the terminal's usual cwd); "." for the workspace itself. */
  pluginDir: string;
  operation: Operation;
  /** The saved request file relative to the plugin folder, when the call is exactly that file's request. */
  savedRequest?: string;
  /** Otherwise the body to send. */
  input?: unknown;
  isolate: boolean;
}

/** POSIX shell quoting: bare when only safe characters, else single quotes with ' written as '\''. */
export function shellQuote(arg: string): string {
  if (/^[\w./:=@+,%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function joinPath(dir: string, file: string): string {
  return dir === '.' || dir === '' ? file : `${dir.replace(/\/+$/, '')}/${file}`;
}

export function cliCommand(call: CliCall): string {
  const isolate = call.isolate ? ' --isolate' : '';
  const plugin = shellQuote(call.pluginDir || '.');
  if (call.savedRequest !== undefined) {
    return `mockforge-plugin run ${plugin} --request ${shellQuote(joinPath(call.pluginDir, call.savedRequest))}${isolate}`;
  }
  const body = JSON.stringify(call.input ?? {});
  return `printf '%s' ${shellQuote(body)} | mockforge-plugin run ${plugin} --call ${call.operation} --input -${isolate}`;
}
