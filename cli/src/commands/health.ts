// mockforge-plugin health <plugin>: asks a remote plugin service whether it is up (HTTP GET of the health path or
// the gRPC Health RPC) and prints the state and the round-trip time.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { InputError, UsageError } from '../command';
import { ManifestError, readManifest } from '../../../host/src/manifest/read';
import type { PluginManifest } from '../../../host/src/manifest/types';
import { createRemoteRuntime, RemoteConfigError } from '../../../host/src/remote/index';
import type { RemoteRuntime } from '../../../host/src/remote/index';
import { fmtMs, formatLog } from '../output';

const USAGE = `Usage: mockforge-plugin health <plugin dir|plugin.yaml> [--start] [--format text|json]

Checks the health of a remote plugin service (plugin.runtime: remote): GET {endpoint}{health_check.endpoint}
for protocol http, the Health RPC for grpc. Prints the state and the round-trip time.

Options:
  --start        if the endpoint is on this machine and not answering, start remote.dev.command first, check,
                 then stop it again
  --format json  print {"state", "rtt_ms", "target", "message"?} instead of text

Exit codes: 0 healthy, 1 unhealthy (the message says why), 2 usage error or a plugin that cannot be loaded.`;

function manifestPath(target: string): string {
  const abs = resolve(target);
  if (!existsSync(abs)) throw new InputError(`${target} does not exist: pass a plugin directory or its plugin.yaml`);
  if (statSync(abs).isDirectory()) {
    const found = ['plugin.yaml', 'plugin.yml'].map((n) => join(abs, n)).find((p) => existsSync(p));
    if (!found) throw new InputError(`${target} has no plugin.yaml`);
    return found;
  }
  return abs;
}

export const healthCommand: Command = {
  name: 'health',
  summary: 'Check the health of a remote plugin service',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { start: { type: 'boolean', default: false }, format: { type: 'string', default: 'text' } },
    });
    if (positionals.length !== 1) throw new UsageError('expected one plugin directory or plugin.yaml');
    if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
    const file = manifestPath(positionals[0]!);
    let manifest: PluginManifest;
    try {
      manifest = await readManifest(file);
    } catch (err) {
      if (err instanceof ManifestError) throw new InputError(err.message);
      throw err;
    }
    if ((manifest.plugin.runtime ?? 'wasm') !== 'remote') {
      throw new InputError(`${file}: health checks are for remote plugins (plugin.runtime: remote); this one runs as ${manifest.plugin.runtime ?? 'wasm'}`);
    }
    const onLog = (r: Parameters<typeof formatLog>[0]) => process.stderr.write(formatLog(r) + '\n');
    let runtime: RemoteRuntime;
    try {
      runtime = await createRemoteRuntime(manifest, dirname(file), { onLog, startDevService: values.start });
    } catch (err) {
      if (err instanceof RemoteConfigError) throw new InputError(`${file}: ${err.message}`);
      throw err;
    }
    try {
      if (values.start) {
        const failed = await runtime.start(onLog);
        if (failed && !failed.success) {
          report(values.format, { state: 'unhealthy', target: target(runtime), message: failed.error.message });
          return 1;
        }
      }
      const status = await runtime.checkHealth();
      report(values.format, { state: status.state, rtt_ms: status.rttMs, target: target(runtime), message: status.message });
      return status.state === 'healthy' ? 0 : 1;
    } finally {
      await runtime.dispose();
    }
  },
};

function target(rt: RemoteRuntime): string {
  const { config } = rt;
  return config.protocol === 'grpc' ? `gRPC Health at ${config.endpoint.host}` : `GET ${config.endpoint.origin}${config.basePath}${config.health.path}`;
}

function report(format: string, r: { state: string; rtt_ms?: number; target: string; message?: string }): void {
  if (format === 'json') {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const rtt = r.rtt_ms === undefined ? '' : ` in ${fmtMs(r.rtt_ms)}`;
  process.stdout.write(`${r.state}: ${r.target}${rtt}\n`);
  if (r.message) process.stdout.write(`  ${r.message}\n`);
}
