// docs/protocol.md documents every error code, operation, HTTP path and gRPC method the code knows about.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ERROR_CODES } from '../../host/src/contract/errors';
import { normaliseEnvelope } from '../../host/src/contract/envelope';
import { GRPC_METHODS, HTTP_PATHS, isOperation, OPERATIONS } from '../../host/src/contract/operations';
import { validateRequest, validateResult } from '../../host/src/contract/validate';
import { REPO_ROOT, WORLDS } from './wit-package';

const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'protocol.md'), 'utf8');

/** The rows of the markdown table under `heading`, as cells (header and separator rows skipped). */
function tableRows(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  assert.ok(start >= 0, `docs/protocol.md has no "${heading}"`);
  const lines = markdown.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows.slice(2);
}

/** What is wrong with the error-code table: codes missing, extra or out of order, rows without cause or action. */
function errorTableProblems(markdown: string): string[] {
  const rows = tableRows(markdown, '## 5. Error codes');
  const codes = rows.map((r) => r[0].replace(/`/g, ''));
  const problems: string[] = [];
  for (const c of Object.keys(ERROR_CODES)) if (!codes.includes(c)) problems.push(`${c} is not documented`);
  for (const c of codes) if (!(c in ERROR_CODES)) problems.push(`${c} is not in errors.ts`);
  for (const row of rows) {
    if (row.length !== 3 || row[1].length < 20 || row[2].length < 20) problems.push(`${row[0]} needs a real "when" and "what to do"`);
  }
  return problems;
}

test('the error-code table lists exactly the codes of errors.ts, each with a cause and an action', () => {
  assert.deepEqual(errorTableProblems(doc), []);
  assert.deepEqual(tableRows(doc, '## 5. Error codes').map((r) => r[0].replace(/`/g, '')), Object.keys(ERROR_CODES), 'same order as errors.ts');
});

test('every error code is mentioned as `code` in the text', () => {
  const missing = Object.keys(ERROR_CODES).filter((c) => !doc.includes(`\`${c}\``));
  assert.deepEqual(missing, []);
});

test('the operations table matches operations.ts (names, HTTP paths, gRPC methods)', () => {
  const rows = tableRows(doc, '## 1. Operations');
  assert.deepEqual(rows.map((r) => r[0].replace(/`/g, '')), [...OPERATIONS]);
  for (const row of rows) {
    const op = row[0].replace(/`/g, '') as (typeof OPERATIONS)[number];
    assert.equal(row[3], `\`${HTTP_PATHS[op]}\``, `HTTP path of ${op}`);
    assert.equal(row[4], `\`${GRPC_METHODS[op]}\``, `gRPC method of ${op}`);
  }
});

test('the doc-drift check notices a missing, an unknown and an empty code', () => {
  const without = doc.replace(/^\| `memory_limit` \|.*\n/m, '');
  assert.notEqual(without, doc);
  assert.deepEqual(errorTableProblems(without), ['memory_limit is not documented']);
  const extra = doc.replace('| `internal` |', '| `exploded` | It blew up in a way nobody expected. | Nothing at all can be done, sorry. |\n| `internal` |');
  assert.deepEqual(errorTableProblems(extra), ['exploded is not in errors.ts']);
  const empty = doc.replace(/^\| `trap` \|.*\n/m, '| `trap` | crash | fix |\n');
  assert.deepEqual(errorTableProblems(empty), ['`trap` needs a real "when" and "what to do"']);
});

/** The ```json blocks of each `### 3.N `operation`` section, parsed. */
function examplesByOperation(markdown: string): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const sections = markdown.split(/^### /m).slice(1);
  for (const whole of sections) {
    const section = whole.split(/^## /m)[0];
    const op = /^3\.\d+ `([a-z_]+)`/.exec(section)?.[1];
    if (!op) continue;
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
    out.set(op, blocks);
  }
  return out;
}

test('every JSON example of section 3 is a valid request or reply for its operation', () => {
  const examples = examplesByOperation(doc);
  assert.deepEqual([...examples.keys()], [...OPERATIONS], 'one section per operation, in order');
  let checked = 0;
  for (const [op, blocks] of examples) {
    assert.ok(isOperation(op), `section for unknown operation ${op}`);
    for (const block of blocks) {
      const reply = normaliseEnvelope(block);
      if (typeof block === 'object' && block !== null && 'success' in block) {
        assert.ok(reply.ok && reply.envelope.success, `${op}: example reply is not a success envelope`);
        assert.deepEqual(validateResult(op, reply.envelope.result), [], `${op}: ${JSON.stringify(block)}`);
      } else {
        assert.deepEqual(validateRequest(op, block), [], `${op}: ${JSON.stringify(block)}`);
      }
      checked++;
    }
  }
  assert.ok(checked >= 10, `only ${checked} examples found`);
});

test('the context example of section 2 is a valid plugin-context', () => {
  const block = /## 2\. The request context[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
  assert.ok(block);
  assert.deepEqual(validateRequest('authenticate', { context: JSON.parse(block), credentials: { type: 'bearer' } }), []);
});

test('the worlds table names every world of wit/worlds.wit', () => {
  const rows = tableRows(doc, 'A component targets one world');
  assert.deepEqual(rows.map((r) => r[0].replace(/`/g, '')), [...WORLDS]);
  const declared = [...readFileSync(path.join(REPO_ROOT, 'wit', 'worlds.wit'), 'utf8').matchAll(/^world ([a-z-]+)/gm)].map((m) => m[1]);
  assert.deepEqual(declared, [...WORLDS]);
});
