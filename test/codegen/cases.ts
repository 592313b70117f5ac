// Sample wire JSON per type: the product's SAMPLE_REQUESTS and the examples of docs/protocol.md §3, plus a value of
// the all-kinds fixture package that exercises every WIT type kind.
import { SAMPLE_REQUESTS } from '../../host/src/contract/samples';

export interface WireCase { type: string; input: unknown }

export const PRODUCT_CASES: WireCase[] = [
  { type: 'authenticate-request', input: SAMPLE_REQUESTS.authenticate },
  { type: 'list-functions-request', input: SAMPLE_REQUESTS.list_functions },
  { type: 'execute-function-request', input: SAMPLE_REQUESTS.execute_function },
  { type: 'generate-response-request', input: SAMPLE_REQUESTS.generate_response },
  { type: 'query-request', input: SAMPLE_REQUESTS.query },
  { type: 'get-capabilities-request', input: SAMPLE_REQUESTS.get_capabilities },
  // protocol.md §2: the minimal context of MockForge's Python SDK.
  { type: 'plugin-context', input: { method: 'GET', uri: '/api/users', headers: { authorization: 'Bearer eyJhbGc...' } } },
  { type: 'auth-result', input: { authenticated: true, user_id: 'user-42', claims: { role: 'admin' },
    identity: { user_id: 'user-42', username: 'alice', roles: ['admin'], groups: [], attributes: {} }, metadata: {} } },
  { type: 'auth-result', input: { authenticated: false, claims: {}, metadata: {}, error_message: 'invalid token' } },
  { type: 'function-list', input: { functions: [{ name: 'uppercase', description: 'Upper-cases a string',
    parameters: [{ name: 'text', param_type: 'string', description: 'input', required: true, var_args: false }],
    return_type: 'string', examples: ["{{uppercase 'abc'}}"], category: 'text', pure: true }] } },
  { type: 'function-result', input: { result: 'HELLO' } },
  { type: 'function-result', input: { result: null } },
  { type: 'function-result', input: { result: [1, { nested: ['x', true] }] } },
  { type: 'response-data', input: { status_code: 201, headers: { 'x-mock': '1' }, body: 'eyJpZCI6MX0=', content_type: 'application/json', metadata: {} } },
  { type: 'data-result', input: { rows: [{ values: { id: 1, name: 'Ada' } }],
    columns: [{ name: 'id', data_type: 'integer', nullable: false }, { name: 'name', data_type: 'string', nullable: true }],
    total_count: 1, execution_time_ms: 3 } },
  { type: 'plugin-capabilities', input: { types: ['auth', 'template'], network: { allow_outbound: true, allowed_hosts: ['*.example.com'] },
    resources: { max_memory_bytes: 10485760, timeout_ms: 5000 }, metadata: { sdk: 'python' } } },
  { type: 'plugin-error', input: { code: 'unsupported_operation', message: 'no such operation', details: { tried: ['a', 'b'] } } },
  { type: 'http-request', input: { method: 'POST', url: 'https://api.example.com/x', headers: { 'content-type': 'text/plain' }, body: 'aMOpbGxv', timeout_ms: 2500 } },
];

export const KINDS_CASES: WireCase[] = [
  { type: 'everything', input: {
    user_id: 'u-1', type: 'kind', from: 'there', flag: true, tiny: 255, small: -300, count: 4000000000, big: 4294967296123, signed: -42,
    ratio: 0.5, precise: 3.25, letter: 'λ', raw: 'AAEC/w==', maybe_raw: '', names: ['a', 'ü "q"'], labels: { a: 'b', 'c-d': 'e' },
    extras: { n: 1, o: { p: [null, false] }, s: 'text' }, payload: { deep: [1, 2.5, 'x'] }, maybe_payload: 7, maybe_count: 0,
    maybe_priority: 'high_urgency', priority: 'low', access: { read: true, write_all: false },
    shapes: [{ tag: 'circle', val: 2.5 }, { tag: 'polygon', val: [{ x: 0, y: 1 }, { x: -1.5, y: 2 }] }, { tag: 'empty' }],
    where: { x: 1, y: 2 }, pair: ['n', 7], outcome: { tag: 'err', val: 'nope' }, bare_outcome: { tag: 'ok' },
    nested: [['a', null], [], [null]],
  } },
  // Absent lists, maps and options; null for the optional ones; flags partly absent; an ok result.
  { type: 'everything', input: {
    user_id: 'u-2', type: 't', from: '', flag: false, tiny: 0, small: 0, count: 0, big: 0, signed: 0, ratio: 0, precise: 0, letter: 'x',
    raw: '', maybe_raw: null, labels: {}, payload: null, maybe_payload: null, priority: 'high_urgency', access: { write_all: true },
    where: null, pair: ['', 0], outcome: { tag: 'ok', val: { x: 3, y: 4 } }, bare_outcome: { tag: 'err' }, nested: [],
  } },
  { type: 'check-request', input: { value: { user_id: 'u-3', type: 't', from: 'f', flag: true, tiny: 1, small: 1, count: 1, big: 1, signed: 1,
    ratio: 1, precise: 1, letter: 'z', raw: 'eA==', payload: 'just text', priority: 'low', access: {}, pair: ['k', 1],
    outcome: { tag: 'ok', val: { x: 0, y: 0 } }, bare_outcome: { tag: 'ok' } }, strict: true } },
];
