// The panel's side of the files it shares with the CLI: `.mockforge/requests/<name>.json` (read, save) and
// `.mockforge/env.json` (environments). Plain node:fs — the extension host runs where the workspace files are.
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isOperation } from '../../../host/src/contract/operations';
import type { SavedRequestData } from '../../../webview/src/messages';
import { isRequestName } from '../../../webview/src/messages';
import { parseEnvironments } from '../../../webview/src/substitute';

export const REQUESTS_DIR = '.mockforge/requests';
export const ENV_FILE = '.mockforge/env.json';

export interface RequestsRead {
  requests: SavedRequestData[];
  /** One line per file that could not be read, naming it and the problem. */
  errors: string[];
}

export async function readRequests(pluginDir: string): Promise<RequestsRead> {
  const dir = path.join(pluginDir, REQUESTS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return { requests: [], errors: [] };
  }
  const requests: SavedRequestData[] = [];
  const errors: string[] = [];
  for (const file of names) {
    const rel = `${REQUESTS_DIR}/${file}`;
    try {
      const data: unknown = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      const obj = (data ?? {}) as { name?: unknown; operation?: unknown; input?: unknown; expect?: unknown };
      if (typeof obj.operation !== 'string' || !isOperation(obj.operation)) throw new Error(`"operation" must be one of the plugin operations (got ${JSON.stringify(obj.operation)})`);
      requests.push({ name: path.basename(file, '.json'), relFile: rel, operation: obj.operation, input: obj.input ?? {}, label: typeof obj.name === 'string' ? obj.name : undefined, hasExpect: obj.expect !== undefined });
    } catch (err) {
      errors.push(`${rel}: ${(err as Error).message}`);
    }
  }
  return { requests, errors };
}

/**
 * Writes `.mockforge/requests/<name>.json`. An existing file keeps its "name" label and its "expect" block, so saving
 * an edited request never drops the test the CLI runs from it. Returns the path relative to the plugin.
 */
export async function saveRequest(pluginDir: string, name: string, operation: string, inputText: string): Promise<string> {
  if (!isRequestName(name)) throw new Error(`"${name}" cannot be a request file name: use letters, digits, "-", "_" and "."`);
  if (!isOperation(operation)) throw new Error(`unknown operation "${operation}"`);
  let input: unknown;
  try {
    input = JSON.parse(inputText);
  } catch (err) {
    throw new Error(`the request is not valid JSON (${(err as Error).message}); nothing was saved`);
  }
  const file = path.join(pluginDir, REQUESTS_DIR, `${name}.json`);
  let previous: Record<string, unknown> = {};
  try {
    const old: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (old !== null && typeof old === 'object' && !Array.isArray(old)) previous = old as Record<string, unknown>;
  } catch {
    // A new file (or an unreadable one, which is replaced).
  }
  const saved: Record<string, unknown> = { name: typeof previous.name === 'string' ? previous.name : name, operation, input };
  if (previous.expect !== undefined) saved.expect = previous.expect;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(saved, null, 2) + '\n');
  return `${REQUESTS_DIR}/${name}.json`;
}

/** Environments from the plugin's .mockforge/env.json, else the workspace folder's; none when neither exists. */
export async function readEnvironments(pluginDir: string, workspaceDir: string | undefined): Promise<{ environments: Record<string, Record<string, string>>; error?: string }> {
  for (const dir of workspaceDir && workspaceDir !== pluginDir ? [pluginDir, workspaceDir] : [pluginDir]) {
    const file = path.join(dir, ENV_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    try {
      return { environments: parseEnvironments(text, file) };
    } catch (err) {
      return { environments: {}, error: (err as Error).message };
    }
  }
  return { environments: {} };
}
