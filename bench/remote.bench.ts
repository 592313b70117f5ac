// Remote plugins: per-call latency over HTTP and gRPC through the remote runtime, at concurrency 1 and 16, beside a
// raw undici request to the same Node SDK server (the floor); and 10k calls at concurrency 64 without an error.
// The server runs in its own process so it does not share the event loop with the client being measured.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import * as grpcJs from '@grpc/grpc-js';
import { Pool } from 'undici';
import { createRemoteRuntime } from '../host/src/remote/index';
import type { RemoteRuntime } from '../host/src/remote/index';
import type { PluginManifest } from '../host/src/manifest/types';
import { loadPluginProto, ProtoCodec, SERVICE_NAME } from '../sdk/node/src/grpc-codec';
import { sampleConcurrent } from './harness';
import type { Benchmark, BenchResult, Budget, Percentiles } from './harness';

const SDK = join(__dirname, '../sdk/node/src/index.js');
const BODY = { context: { method: 'GET', uri: '/bench', headers: {} }, credentials: { type: 'bearer', token: 't' } };

const SERVER = `
const { AuthPlugin } = require(${JSON.stringify(SDK)});
class P extends AuthPlugin { authenticate(ctx, cred) { return { authenticated: cred.token === 't', user_id: 'bench', claims: {} }; } }
(async () => {
  const p = new P();
  const http = await p.listen(0, '127.0.0.1', { secret: null });
  const grpc = await p.serveGrpc(0, '127.0.0.1', { secret: null });
  console.log('listening on ' + http.port + ' ' + grpc.port);
})();`;

async function startServer(): Promise<{ child: ChildProcess; http: number; grpc: number }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const [http, grpc] = await new Promise<number[]>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening on (\d+) (\d+)/.exec(out);
      if (m) resolve([Number(m[1]), Number(m[2])]);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { child, http: http!, grpc: grpc! };
}

function manifest(protocol: 'http' | 'grpc', port: number): PluginManifest {
  return {
    plugin: { id: 'bench', version: '0.1.0', name: 'bench', types: ['auth'], runtime: 'remote' },
    remote: { protocol, endpoint: `http://127.0.0.1:${port}`, timeout_ms: 5000, health_check: { enabled: false } },
    capabilities: { resources: { max_concurrent_requests: 64 } },
  };
}

export const benchmarks: Benchmark[] = [{
  group: 'remote',
  async run(ctx): Promise<BenchResult[]> {
    const server = await startServer();
    const results: BenchResult[] = [];
    const runtimes: RemoteRuntime[] = [];
    const pool = new Pool(`http://127.0.0.1:${server.http}`, { connections: 64 });
    let closeRawGrpc = () => {};
    try {
      const http = await createRemoteRuntime(manifest('http', server.http), __dirname);
      const grpc = await createRemoteRuntime(manifest('grpc', server.grpc), __dirname);
      runtimes.push(http, grpc);
      const payload = JSON.stringify(BODY);
      const raw = async () => {
        const res = await pool.request({ path: '/plugin/authenticate', method: 'POST', headers: { 'content-type': 'application/json' }, body: payload });
        const j = (await res.body.json()) as { success?: boolean };
        return res.statusCode === 200 && j.success === true;
      };
      // The gRPC floor: a bare grpc-js client with a pre-encoded request.
      const def = loadPluginProto();
      const RawClient = grpcJs.makeClientConstructor(def[SERVICE_NAME] as unknown as grpcJs.ServiceDefinition, 'PluginService');
      const rawGrpc = new RawClient(`127.0.0.1:${server.grpc}`, grpcJs.credentials.createInsecure()) as grpcJs.Client & Record<string, (req: unknown, cb: (err: unknown, res?: { success?: boolean }) => void) => void>;
      closeRawGrpc = () => rawGrpc.close();
      const grpcReq = new ProtoCodec(def).toProto('mockforge.plugin.v1.AuthenticateRequest', BODY);
      const rawG = () => new Promise<boolean>((resolve) => rawGrpc.Authenticate!(grpcReq, (err, res) => resolve(!err && res?.success === true)));
      const viaHttp = async () => (await http.call('authenticate', BODY)).envelope.success;
      const viaGrpc = async () => (await grpc.call('authenticate', BODY)).envelope.success;
      // Warm-up: connections, JIT.
      const warm = ctx.quick ? 100 : 200;
      for (const fn of [raw, viaHttp, rawG, viaGrpc]) await sampleConcurrent(fn, 8, { min: warm, max: warm, ms: 0 });
      // Per variant and round; five interleaved rounds make at least 100 (quick) or 250 samples per line.
      const perRound: Budget = ctx.quick ? { min: 20, max: 100, ms: 100 } : { min: 50, max: 1000, ms: 500 };

      for (const c of [1, 16]) {
        // Interleaved rounds, so load from elsewhere on the machine hits all three alike.
        const samples: [number[], number[], number[], number[]] = [[], [], [], []];
        // Client CPU per call (this process only: the server runs in its own). On a shared machine latency ratios
        // swing with other people's load; CPU spent per call is the steadier measure of what the runtime adds.
        const cpu = [0, 0, 0, 0];
        const measured = async (i: number, fn: () => Promise<boolean>) => {
          const before = process.cpuUsage();
          const r = await sampleConcurrent(fn, c, perRound, samples[i]);
          const used = process.cpuUsage(before);
          cpu[i]! += used.user + used.system;
          return r;
        };
        let floor!: Percentiles;
        let h!: Percentiles & { errors: number };
        let httpErrors = 0; // over every round
        let gFloor!: Percentiles;
        let g!: Percentiles;
        for (let round = 0; round < 5; round++) {
          floor = await measured(0, raw);
          h = await measured(1, viaHttp);
          httpErrors += h.errors;
          gFloor = await measured(2, rawG);
          g = await measured(3, viaGrpc);
        }
        const perCall = (i: number) => cpu[i]! / samples[i]!.length;
        results.push({ name: `remote: raw undici POST (floor), concurrency ${c}`, unit: 'ms', p50: floor.p50, p95: floor.p95, p99: floor.p99 });
        const ratio = h.p50 / floor.p50;
        results.push({
          name: `remote: HTTP call via runtime, concurrency ${c}`, unit: 'ms', p50: h.p50, p95: h.p95, p99: h.p99,
          peer: 'raw undici request, same server', peer_value: floor.p50, ratio, target: 'p50 ≤ 1.3× the floor', met: ratio <= 1.3 && httpErrors === 0,
        });
        results.push({ name: `remote: gRPC call via runtime, concurrency ${c}`, unit: 'ms', p50: g.p50, p95: g.p95, p99: g.p99, peer: 'bare grpc-js client, same server', peer_value: gFloor.p50, ratio: g.p50 / gFloor.p50 });
        results.push({ name: `remote: client CPU per HTTP call via runtime, concurrency ${c}`, unit: 'µs', value: perCall(1), peer: 'raw undici request', peer_value: perCall(0), ratio: perCall(1) / perCall(0) });
        results.push({ name: `remote: client CPU per gRPC call via runtime, concurrency ${c}`, unit: 'µs', value: perCall(3), peer: 'bare grpc-js client (request encoded once)', peer_value: perCall(2), ratio: perCall(3) / perCall(2) });
      }
      const total = ctx.quick ? 1000 : 10_000;
      for (const [name, fn] of [['HTTP', viaHttp], ['gRPC', viaGrpc]] as const) {
        const m = await sampleConcurrent(fn, 64, { min: total, max: total, ms: 0 });
        results.push({ name: `remote: ${name} errors in ${total} calls at concurrency 64`, unit: 'errors', value: m.errors, target: '0 errors', met: m.errors === 0 });
      }
    } finally {
      for (const r of runtimes) await r.dispose();
      await pool.close();
      closeRawGrpc();
      server.child.kill('SIGTERM');
      await once(server.child, 'exit');
    }
    return results;
  },
}];
