// Readers refuse what docs/protocol.md forbids, naming the place: the committed SDK type files, used directly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { decodeGenerateResponseRequest, decodeResponseData, encodeResponseData, decodeDataQuery } from '../../sdk/node/src/types.gen';
import { havePydantic, REPO } from './runners';

const data = { status_code: 200, headers: {}, body: 'aGk=', content_type: 'text/plain' };

describe('generated readers refuse invalid wire JSON', () => {
  it('TypeScript: range-checked integers, enum cases, required keys, base64, with JSON paths', () => {
    assert.throws(() => decodeResponseData({ ...data, status_code: 70000 }), /\$\.status_code must be an integer from 0 to 65535 \(u16\), but it is 70000/);
    assert.throws(() => decodeResponseData({ ...data, status_code: 1.5 }), /\$\.status_code must be an integer/);
    assert.throws(() => decodeDataQuery({ query: 'q', sort: [{ field: 'a', direction: 'up' }] }), /\$\.sort\[0\]\.direction must be one of asc, desc, but it is "up"/);
    assert.throws(() => decodeGenerateResponseRequest({ context: { method: 'GET', uri: '/' }, request: { method: 'GET', path: '/' } }), /\$\.request\.uri must be a string, but it is undefined/);
    assert.throws(() => decodeResponseData({ ...data, body: '%%%' }), /\$\.body must be base64 text/);
    const v = decodeResponseData(data);
    assert.equal(new TextDecoder().decode(v.body), 'hi');
    assert.deepEqual(encodeResponseData(v), { ...data, metadata: {}, custom: {} });
  });

  it('Python: pydantic refuses an out-of-range u16 and an unknown enum case', { skip: havePydantic ? undefined : 'python3 with pydantic 2 is not installed here' }, () => {
    const script = `
import sys
sys.path.insert(0, ${JSON.stringify(path.join(REPO, 'sdk', 'python'))})
from pydantic import ValidationError
from mockforge_plugin import types_gen as t
for bad in ({"status_code": 70000}, {"status_code": -1}):
    try:
        t.ResponseData.from_wire({"headers": {}, "body": "", "content_type": "x", **bad})
        print("accepted", bad)
    except ValidationError as e:
        print("refused", e.errors()[0]["loc"])
try:
    t.SortField.from_wire({"field": "a", "direction": "up"})
    print("accepted enum")
except ValidationError as e:
    print("refused", e.errors()[0]["loc"])
`;
    const r = spawnSync('python3', ['-c', script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "refused ('status_code',)\nrefused ('status_code',)\nrefused ('direction',)\n");
  });
});
