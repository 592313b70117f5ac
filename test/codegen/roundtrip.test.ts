// Round trips per language with the real toolchains: code generated from wit/ and from the all-kinds fixture reads
// every sample and writes back exactly the JSON docs/protocol.md §7 prescribes — the same JSON in all four languages.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadWitModel, type WitModel } from '../../cli/src/codegen/model';
import { KINDS_CASES, PRODUCT_CASES, type WireCase } from './cases';
import { canonical } from './wire-oracle';
import { haveGo, havePydantic, REPO, roundTripAssemblyScript, roundTripGo, roundTripPython, roundTripTypeScript } from './runners';

const PACKAGES: { name: string; wit: string; cases: WireCase[] }[] = [
  { name: 'wit/ (product)', wit: path.join(REPO, 'wit'), cases: PRODUCT_CASES },
  { name: 'all-kinds fixture (with deps/)', wit: path.join(REPO, 'test', 'fixtures', 'codegen', 'all-kinds'), cases: KINDS_CASES },
];

for (const pkg of PACKAGES) {
  describe(`codegen round trip: ${pkg.name}`, () => {
    let model: WitModel;
    let expected: unknown[];
    before(async () => {
      model = await loadWitModel(pkg.wit);
      expected = pkg.cases.map((c) => JSON.parse(JSON.stringify(canonical(model, { kind: 'named', name: c.type }, c.input))));
    });

    it('the oracle itself follows protocol.md on known shapes', () => {
      if (pkg.cases !== PRODUCT_CASES) return;
      // context.body null → omitted; absent headers/query_params of a minimal context → {} ; credentials.data null → omitted
      const auth = expected[0] as { context: Record<string, unknown>; credentials: Record<string, unknown> };
      assert.equal('body' in auth.context, false);
      assert.deepEqual(auth.credentials, { type: 'bearer', token: (pkg.cases[0].input as { credentials: { token: string } }).credentials.token });
      assert.deepEqual(expected[6], { method: 'GET', uri: '/api/users', headers: { authorization: 'Bearer eyJhbGc...' }, query_params: {} });
      assert.deepEqual(expected[11], { result: null });
    });

    it('TypeScript (tsc --strict, node)', () => {
      assert.deepEqual(roundTripTypeScript(pkg.wit, pkg.cases), expected);
    });
    it('Go (go vet, gofmt, go run)', { skip: haveGo ? undefined : 'go is not installed here' }, () => {
      const { outputs, gofmt } = roundTripGo(pkg.wit, pkg.cases);
      assert.equal(gofmt, '', 'generated Go is not gofmt-clean');
      assert.deepEqual(outputs, expected);
    });
    it('Python (pydantic v2)', { skip: havePydantic ? undefined : 'python3 with pydantic 2 is not installed here' }, () => {
      assert.deepEqual(roundTripPython(pkg.wit, pkg.cases), expected);
    });
    it('AssemblyScript (asc, wasm)', () => {
      assert.deepEqual(roundTripAssemblyScript(pkg.wit, pkg.cases), expected);
    });
  });
}
