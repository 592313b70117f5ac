// The debugger fixture plugin (test/fixtures/plugins/as-debug, built by asc with its source map) and helpers the
// adapter tests share: a saved request per behaviour (the bearer token picks it), a launched DAP session.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildFixture, REPO } from '../plugins/build';
import { DapClient } from './client';
import type { DapStackFrame } from '../../host/src/debug/adapter/dap';

export const RUNNER = path.join(REPO, 'dist', 'debug-runner.js');

export interface DebugFixture {
  dir: string;
  source: string;
  /** A saved request sending `token`. */
  request(token: string): string;
  lineOf(re: RegExp): number;
}

export function debugFixture(): DebugFixture {
  const built = buildFixture('as-debug');
  const source = path.join(built.dir, 'assembly', 'index.ts');
  const requests = mkdtempSync(path.join(os.tmpdir(), 'mf-dap-req-'));
  return {
    dir: built.dir,
    source,
    request(token) {
      const file = path.join(requests, `${token}.json`);
      writeFileSync(file, JSON.stringify({ name: token, operation: 'authenticate', input: { context: { method: 'GET', uri: '/', headers: {} }, credentials: { type: 'bearer', token } } }));
      return file;
    },
    lineOf(re) {
      const i = readFileSync(source, 'utf8').split('\n').findIndex((l) => re.test(l));
      assert.ok(i >= 0, `${re} in ${source}`);
      return i + 1;
    },
  };
}

export async function launch(f: DebugFixture, token: string, extra: Record<string, unknown> = {}): Promise<DapClient> {
  const c = new DapClient();
  await c.request('initialize', { adapterID: 'mockforge', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path' });
  await c.request('launch', { runner: RUNNER, plugin: f.dir, requestFile: f.request(token), runtimeExecutable: process.execPath, ...extra });
  await c.event('initialized');
  return c;
}

export async function topFrame(c: DapClient): Promise<DapStackFrame> {
  const { stackFrames } = await c.request<{ stackFrames: DapStackFrame[] }>('stackTrace', { threadId: 1 });
  assert.ok(stackFrames.length > 0);
  return stackFrames[0];
}
