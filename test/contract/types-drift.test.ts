// host/src/contract/types.ts declares exactly the wire format (which schema-drift ties to the WIT).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { typesProblems } from './types-drift';
import { REPO_ROOT } from './wit-package';

const source = readFileSync(path.join(REPO_ROOT, 'host', 'src', 'contract', 'types.ts'), 'utf8');

test('types.ts matches the wire format record for record', () => {
  assert.deepEqual(typesProblems(source), []);
});

test('a renamed, a wrongly optional and a mistyped key are caught', () => {
  const mutated = source
    .replace('  error_message?: string | null;', '  error_msg?: string | null;')
    .replace('  content_type: string;', '  content_type?: string;')
    .replace('  execution_time_ms: number;', '  execution_time_ms: string;');
  assert.deepEqual(typesProblems(mutated), [
    'AuthResult: types.ts keys authenticated, user_id, identity, claims, metadata, error_msg; wire authenticated, user_id, identity, claims, metadata, error_message',
    'ResponseData.content_type: is required on the wire, so no ?',
    'DataResult.execution_time_ms: types.ts says string, the wire means number',
  ]);
});
