// Remote plugins under the debugger: once the service started by the debug session answers its health check, send
// the saved request through the host's remote client (never starting a second copy of the service) and show the reply.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { readManifest } from '../../../host/src/manifest/read';
import { createRemoteRuntime } from '../../../host/src/remote/index';
import { delay } from '../../../host/src/remote/backoff';
import { readSavedRequest } from '../../../cli/src/scaffold/saved-requests';

/** Carried in the launched configuration so the session start knows what to send. */
export const SEND_KEY = 'mockforgeSend';

export interface SendSpec {
  pluginDir: string;
  manifest: string;
  requestFile: string;
}

/** How long a service under the debugger may take to come up (it may stop at a breakpoint on its way). */
const READY_TIMEOUT_MS = 60_000;
const PROBE_GAP_MS = 250;
/** The call waits as long as the author stays at a breakpoint (remote.timeout_ms would fail it); ending the session cancels it. */
const PAUSED_CALL_TIMEOUT_MS = 2 ** 31 - 1;

export async function sendWhenReady(ctx: Ctx, session: vscode.DebugSession, spec: SendSpec): Promise<void> {
  const log = ctx.outputs.host;
  const stop = new AbortController();
  const ended = vscode.debug.onDidTerminateDebugSession((s) => {
    if (s.id === session.id) stop.abort();
  });
  let runtime;
  try {
    const request = readSavedRequest(spec.requestFile);
    runtime = await createRemoteRuntime(await readManifest(spec.manifest), spec.pluginDir, { startDevService: false, onLog: (r) => log.info(`[remote] ${r.message}`) });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    // The service announces readiness only by answering: probe its health endpoint until it does.
    for (;;) {
      const health = await runtime.checkHealth();
      if (health.state === 'healthy') break;
      if (stop.signal.aborted) return;
      if (Date.now() > deadline) throw new Error(`the service did not pass its health check within ${READY_TIMEOUT_MS / 1000} s: ${health.message ?? health.state}`);
      await delay(PROBE_GAP_MS, stop.signal).catch(() => undefined);
    }
    log.info(`debug: ${request.name} → ${runtime.config.endpoint.href} (${request.operation})`);
    const outcome = await runtime.call(request.operation, request.input, { signal: stop.signal, timeoutMs: PAUSED_CALL_TIMEOUT_MS });
    for (const r of outcome.logs) log.info(`[${path.basename(spec.pluginDir)}] ${r.message}`);
    await ctx.reports.show(`replies/debug-${path.basename(spec.pluginDir)}-${request.name}.json`, `${JSON.stringify(outcome.envelope, null, 2)}\n`, 'json');
  } catch (err) {
    const message = `Debug: could not send the saved request to ${path.basename(spec.pluginDir)}: ${(err as Error).message}`;
    log.error(message);
    void vscode.window.showErrorMessage(message);
  } finally {
    ended.dispose();
    await runtime?.dispose();
  }
}
