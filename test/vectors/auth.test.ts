// One behaviour, every language: the auth conformance vectors (test/vectors/auth.json) run through each reference
// auth plugin — the AssemblyScript and Go templates, built from source — through the embedded host, and every
// implementation must give the reply the vector expects.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LoadedPlugin, loadPlugin } from '../../host/src/plugin';
import { REPO, buildTemplate } from '../plugins/build';
import { partialMismatches } from '../../cli/src/scaffold/saved-requests';

interface Vector {
  name: string;
  config: Record<string, string>;
  input: unknown;
  expect: unknown;
  partial?: boolean;
}

const { vectors } = JSON.parse(readFileSync(path.join(REPO, 'test', 'vectors', 'auth.json'), 'utf8')) as { vectors: Vector[] };

/** "REPEAT:x:100000" expands to 100000 x's, so the vector file stays small. */
function expand(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^REPEAT:(.):(\d+)$/.exec(value);
    return m ? m[1].repeat(Number(m[2])) : value;
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  return value;
}

const haveGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const IMPLEMENTATIONS = [
  { lang: 'assemblyscript', skip: undefined },
  { lang: 'go', skip: haveGo ? undefined : 'go is not installed here' },
];

for (const impl of IMPLEMENTATIONS) {
  describe(`auth vectors × ${impl.lang} (core wasm)`, { skip: impl.skip }, () => {
    let dir: string;
    const loaded: LoadedPlugin[] = [];
    before(() => { dir = buildTemplate(impl.lang, 'auth').dir; });
    after(async () => { for (const p of loaded) await p.dispose(); });

    for (const v of vectors) {
      it(v.name, async () => {
        const plugin = await loadPlugin(dir, { isolation: 'in-process', config: v.config });
        loaded.push(plugin);
        const { envelope } = await plugin.call('authenticate', expand(v.input));
        if (v.partial) assert.deepEqual(partialMismatches(v.expect, envelope), [], JSON.stringify(envelope));
        else assert.deepEqual(envelope, v.expect);
      });
    }
  });
}
