// plugin.yaml language service: diagnostics p50/p95 on an 80-line and a 5,000-line manifest (a new document version
// per call) and completion p95, beside yaml-language-server run in-process with the same schema on the same texts.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver';
import { createManifestService } from '../server/src/manifest/service';
import { parseManifest } from '../server/src/manifest/parse';
import { manifestDiagnostics } from '../server/src/manifest/validate';
import { manifestCompletion } from '../server/src/manifest/completion';
import schema from '../schemas/plugin.schema.json';
import { sample, type Benchmark, type BenchResult, type Budget } from './harness';

const HEAD = `# rev 0
plugin:
  id: "jwt-auth"
  version: "0.1.0"
  name: "JWT Auth Plugin"
  description: "Validates JWT bearer tokens against a JWKS endpoint"
  types: ["auth"]
  runtime: "remote"
  author:
    name: "MockForge Team"
    email: "team@mockforge.dev"
  homepage: "https://github.com/mockforge/examples"
  license: "MIT OR Apache-2.0"
  keywords: ["auth", "jwt"]

remote:
  protocol: "http"
  endpoint: "https://plugins.example.com/jwt"
  timeout_ms: 5000
  retry_policy:
    max_retries: 3
    backoff_ms: 1000
  health_check:
    enabled: true
    endpoint: "/health"
    interval_seconds: 30
  auth:
    type: bearer
    token_env: JWT_PLUGIN_TOKEN
  
capabilities:
  network:
    allow_outbound: true
    allowed_hosts: ["*.example.com"]
  resources:
    max_memory_bytes: 10485760  # 10MB
    max_concurrent_requests: 10
    timeout_ms: 5000

dependencies:
  - "base-utils@^1.0.0"

environment:
  - name: JWKS_URL
    description: Where the signing keys are
    required: true
  - name: LOG_LEVEL
    default: info

configuration:
  schema:
    type: object
    required: [issuer]
    properties:
`;

function property(i: number): string {
  return `      field_${i}:\n        type: string\n        description: "Configuration field number ${i}"\n        default: "value-${i}"\n`;
}

function manifest(lines: number): string {
  let text = HEAD;
  for (let i = 0; text.split('\n').length < lines; i++) text += property(i);
  return text;
}

/** Where completion is asked: the blank line inside `remote:` (keys of remote not yet present). */
function remotePosition(text: string): Position {
  const line = text.split('\n').findIndex((l, i, all) => l === '  ' && all[i - 1].includes('token_env'));
  return { line, character: 2 };
}

interface Peer {
  validate(doc: TextDocument): Promise<unknown>;
  complete(doc: TextDocument, p: Position): Promise<unknown>;
}

async function loadPeer(): Promise<Peer | string> {
  try {
    const yls = await import('yaml-language-server') as unknown as {
      getLanguageService(p: { schemaRequestService: (uri: string) => Promise<string>; workspaceContext: { resolveRelativePath(r: string, b: string): string } }): {
        configure(s: unknown): void;
        doValidation(d: TextDocument, k: boolean): Promise<unknown[]>;
        doComplete(d: TextDocument, p: Position, k: boolean): Promise<unknown>;
      };
    };
    const ls = yls.getLanguageService({
      schemaRequestService: async () => JSON.stringify(schema),
      workspaceContext: { resolveRelativePath: (r, b) => new URL(r, b).href },
    });
    ls.configure({ validate: true, completion: true, hover: true, schemas: [{ uri: 'file:///schemas/plugin.schema.json', fileMatch: ['**/plugin.yaml'], schema }] });
    return { validate: (d) => ls.doValidation(d, false), complete: (d, p) => ls.doComplete(d, p, false) };
  } catch (err) {
    return `yaml-language-server not loadable: ${(err as Error).message}`;
  }
}

const PEER = 'yaml-language-server 1.25 (in-process, same schema)';

async function measure(quick: boolean): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const peer = await loadPeer();
  const service = createManifestService();
  for (const [size, diagTarget] of [[80, 5], [5000, 100]] as const) {
    const base = manifest(size);
    // yaml-language-server takes 0.2–1 s per 5,000-line document: that line gets few samples, the fast ones many.
    const n: Budget = size > 1000
      ? (quick ? { min: 3, max: 50, ms: 300, warmup: 1 } : { min: 20, max: 400, ms: 3000 })
      : (quick ? { min: 100, max: 2000, ms: 200 } : { min: 400, max: 10_000, ms: 1000 });
    let rev = 0;
    const next = () => base.replace('# rev 0', `# rev ${++rev}`);
    const uri = `file:///bench/${size}/plugin.yaml`;
    const ours = await sample(() => manifestDiagnostics(parseManifest(next(), uri)), n);
    const name = `manifest diagnostics, ${size}-line plugin.yaml (new version each call)`;
    const row: BenchResult = { name, unit: 'ms', p50: ours.p50, p95: ours.p95, p99: ours.p99, target: `p95 ≤ ${diagTarget} ms and ≥ 3× faster than peer` };
    if (typeof peer !== 'string') {
      let v = 0;
      const theirs = await sample(() => peer.validate(TextDocument.create(`file:///peer/${size}/plugin.yaml`, 'yaml', ++v, next())), n);
      Object.assign(row, { peer: PEER, peer_value: theirs.p50, ratio: ours.p50 / theirs.p50, met: ours.p95 <= diagTarget && theirs.p50 / ours.p50 >= 3 });
    } else {
      Object.assign(row, { met: ours.p95 <= diagTarget, peer: peer });
    }
    results.push(row);

    // The same document with one misspelt key at its end: the syntax tree is built to locate it.
    const broken = base.replace('  protocol: "http"', '  protocl: "http"');
    const withError = await sample(() => manifestDiagnostics(parseManifest(broken.replace('# rev 0', `# rev ${++rev}`), uri)), n);
    const erow: BenchResult = { name: `manifest diagnostics with one error to locate, ${size} lines`, unit: 'ms', p50: withError.p50, p95: withError.p95, p99: withError.p99, target: `p95 ≤ ${diagTarget} ms and ≥ 3× faster than peer` };
    if (typeof peer !== 'string') {
      let v = 0;
      const theirs = await sample(() => peer.validate(TextDocument.create(`file:///peer/${size}/e/plugin.yaml`, 'yaml', ++v, broken.replace('# rev 0', `# rev ${++rev}`))), n);
      Object.assign(erow, { peer: PEER, peer_value: theirs.p50, ratio: withError.p50 / theirs.p50, met: withError.p95 <= diagTarget && theirs.p50 / withError.p50 >= 3 });
    }
    results.push(erow);

    // Completion on the version the editor has just validated (both services reuse their parse of it).
    const text = next();
    const position = remotePosition(text);
    const doc = TextDocument.create(uri, 'yaml', 1, text);
    await service.diagnostics!(doc);
    const completion = await sample(() => manifestCompletion(parseManifest(text, uri), position), n);
    const crow: BenchResult = { name: `manifest completion inside remote:, ${size} lines`, unit: 'ms', p50: completion.p50, p95: completion.p95, p99: completion.p99, target: 'p95 ≤ 10 ms and ≥ 3× faster than peer' };
    if (typeof peer !== 'string') {
      const pdoc = TextDocument.create(`file:///peer/${size}/c/plugin.yaml`, 'yaml', 1, text);
      await peer.validate(pdoc);
      const theirs = await sample(() => peer.complete(pdoc, position), n);
      Object.assign(crow, { peer: PEER, peer_value: theirs.p50, ratio: completion.p50 / theirs.p50, met: completion.p95 <= 10 && theirs.p50 / completion.p50 >= 3 });
    }
    results.push(crow);

    // Completion right after a keystroke (no parse of this version yet): parse + completion.
    const cold = await sample(() => manifestCompletion(parseManifest(next(), uri), position), n);
    results.push({ name: `manifest completion after an edit (parse included), ${size} lines`, unit: 'ms', p50: cold.p50, p95: cold.p95, p99: cold.p99, target: 'p95 ≤ 10 ms', met: cold.p95 <= 10 });
  }
  return results;
}

export const benchmarks: Benchmark[] = [{ group: 'manifest', run: (ctx) => measure(ctx.quick) }];
