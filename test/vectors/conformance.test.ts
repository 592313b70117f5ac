// One behaviour, every language and transport: each vector file (test/vectors/<kind>.json) runs through every
// implementation of its kind — the AssemblyScript and Go templates as core wasm built from source, component templates
// built by their toolchain, the Python and Node templates as remote services over HTTP and over gRPC started through
// remote.dev, the Python templates under Pyodide — and every implementation must give the reply the vector expects.
// Every successful reply must also pass validateResult (the result shapes of docs/protocol.md §3), and every vector's
// request must be valid unless it tests bad input.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateRequest, validateResult } from '../../host/src/contract/validate';
import type { LoadedPlugin } from '../../host/src/plugin';
import { implementationsOf } from './implementations';
import { KINDS, Vector, expand, mismatches, readVectors } from './vectors';

/** Vectors grouped by configuration, in file order: one plugin (one service, one interpreter) per group. */
function byConfig(vectors: Vector[]): Array<[Record<string, string>, Vector[]]> {
  const groups = new Map<string, [Record<string, string>, Vector[]]>();
  for (const v of vectors) {
    const key = JSON.stringify(v.config);
    if (!groups.has(key)) groups.set(key, [v.config, []]);
    groups.get(key)![1].push(v);
  }
  return [...groups.values()];
}

const expectsBadInput = (v: Vector) => (v.expect as { error?: { code?: string } }).error?.code === 'bad_input';

for (const kind of KINDS) {
  const file = readVectors(kind);
  const implementations = implementationsOf(kind);

  describe(`${kind} vectors`, () => {
    it('every vector request is valid for its operation, unless the vector is about bad input', () => {
      for (const v of file.vectors) {
        const problems = validateRequest(v.operation ?? file.operation, expand(v.input));
        if (expectsBadInput(v)) continue;
        assert.deepEqual(problems, [], v.name);
      }
    });

    it('there are core wasm and remote implementations of this kind', () => {
      const transports = new Set(implementations.map((i) => i.transport));
      const all = implementations.map((i) => `${i.lang} (${i.transport})`).join(', ');
      for (const t of ['core wasm', 'remote http', 'remote grpc'] as const) assert.ok(transports.has(t), `no ${t} implementation among ${all}`);
    });
  });

  for (const impl of implementations) {
    describe(`${kind} vectors × ${impl.lang} (${impl.transport})`, { skip: impl.skip }, () => {
      let dir = '';
      before(() => { dir = impl.prepare(); });

      for (const [config, vectors] of byConfig(file.vectors)) {
        describe(`configuration ${JSON.stringify(config)}`, () => {
          let plugin: LoadedPlugin | undefined;
          before(async () => { plugin = await impl.open(dir, config, file.remote_env); });
          after(async () => { await plugin?.dispose(); });

          for (const v of vectors) {
            it(v.name, async () => {
              const operation = v.operation ?? file.operation;
              const { envelope } = await plugin!.call(operation, expand(v.input));
              if (envelope.success) assert.deepEqual(validateResult(operation, envelope.result), [], JSON.stringify(envelope.result).slice(0, 2000));
              assert.deepEqual(mismatches(file, v, envelope), [], JSON.stringify(envelope).slice(0, 2000));
            });
          }
        });
      }
    });
  }
}
