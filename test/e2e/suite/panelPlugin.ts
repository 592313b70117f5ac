// The request panel's e2e plugin, built at test time: a core-ABI module assembled from WAT with npm wabt whose
// authenticate reply, mockforge.log line and stdout are HTML/script payloads (they must show as inert text), whose
// generate_response traps inside a named function (a stack to show) and whose query never returns (to cancel). No vscode import: usable from plain node too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import wabt from 'wabt';

export const PAYLOAD = {
  userId: `<script>alert('pwned')</script>`,
  claim: '<img src=x onerror=alert(1)>',
  log: '<b>logged</b><img src=x onerror=alert(2)>',
  stdout: '<i>stdout</i><iframe src="javascript:alert(3)"></iframe>',
};

export const REPLY = { success: true, result: { authenticated: true, user_id: PAYLOAD.userId, claims: { html: PAYLOAD.claim } } };

/** WAT string literal holding exactly these UTF-8 bytes. */
function watBytes(s: string): string {
  return '"' + Array.from(Buffer.from(s, 'utf8'), (b) => `\\${b.toString(16).padStart(2, '0')}`).join('') + '"';
}

function wat(): string {
  const reply = JSON.stringify(REPLY);
  const out = PAYLOAD.stdout + '\n';
  const len = (s: string): number => Buffer.byteLength(s, 'utf8');
  return `(module
  (import "mockforge" "log" (func $log (param i32 i32 i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 16384))
  (data (i32.const 1024) ${watBytes(reply)})
  (data (i32.const 4096) ${watBytes(PAYLOAD.log)})
  (data (i32.const 6144) ${watBytes(out)})
  (func (export "mockforge_alloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (local.get $p) (local.get $n)))
    (local.get $p))
  (func (export "authenticate") (param i32 i32) (result i64)
    (call $log (i32.const 2) (i32.const 4096) (i32.const ${len(PAYLOAD.log)}))
    (i32.store (i32.const 8000) (i32.const 6144))
    (i32.store (i32.const 8004) (i32.const ${len(out)}))
    (drop (call $fd_write (i32.const 1) (i32.const 8000) (i32.const 1) (i32.const 8008)))
    (i64.or (i64.shl (i64.const 1024) (i64.const 32)) (i64.const ${len(reply)})))
  (func (export "query") (param i32 i32) (result i64)
    (loop $forever (br $forever))
    (i64.const 0))
  (func $explode_on_purpose
    unreachable)
  (func (export "generate_response") (param i32 i32) (result i64)
    (call $explode_on_purpose)
    (i64.const 0)))
`;
}

export const REQUESTS: Record<string, unknown> = {
  'html-payload': {
    name: 'a reply full of markup',
    operation: 'authenticate',
    input: { context: { method: 'GET', uri: '/orders', headers: { authorization: 'Bearer t' } }, credentials: { type: 'bearer', token: 't' } },
  },
  'with-variable': {
    name: 'a token from the environment',
    operation: 'authenticate',
    input: { context: { method: 'GET', uri: '/orders', headers: { authorization: 'Bearer {{token}}' } }, credentials: { type: 'bearer', token: '{{token}}' } },
  },
  forever: {
    name: 'a query that never returns',
    operation: 'query',
    input: { query: { query_type: 'select', query: 'SELECT 1', parameters: {}, limit: 1, offset: 0, sort: [], filters: [], options: {} }, context: { method: 'GET', uri: '/x', headers: {} } },
  },
  trap: {
    name: 'a call that traps',
    operation: 'generate_response',
    input: {
      context: { method: 'GET', uri: '/x', headers: {} },
      request: { method: 'GET', uri: '/x', path: '/x', query_params: {}, headers: {}, path_params: {}, custom: {} },
    },
  },
};

/** Where the trap is in the source map below: src/explode.ts line 3, column 5. */
export const TRAP_SOURCE = { file: 'src/explode.ts', line: 3, column: 5 };
const EXPLODE_TS = '// The function the panel-html plugin traps in.\nexport function explodeOnPurpose(): void {\n    unreachable();\n}\n';

/** A module with a sourceMappingURL custom section appended (id 0, size, name, then the URL as a vec(u8)). */
function withSourceMappingURL(bytes: Uint8Array, url: string): Uint8Array {
  const leb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const str = (s: string): number[] => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
  const payload = [...str('sourceMappingURL'), ...str(url)];
  return Uint8Array.from([...bytes, 0, ...leb(payload.length), ...payload]);
}

/** Writes the plugin (plugin.yaml, build/plugin.wasm + source map, src/, saved requests, env.json) into dir. */
export async function writePanelPlugin(dir: string): Promise<void> {
  const w = await wabt();
  const mod = w.parseWat('panel-plugin.wat', wat());
  let bytes: Uint8Array;
  try {
    mod.resolveNames();
    mod.validate();
    bytes = mod.toBinary({ write_debug_names: true }).buffer;
  } finally {
    mod.destroy();
  }
  mkdirSync(join(dir, 'build'), { recursive: true });
  mkdirSync(join(dir, '.mockforge', 'requests'), { recursive: true });
  writeFileSync(join(dir, 'build', 'plugin.wasm'), withSourceMappingURL(bytes, 'plugin.wasm.map'));
  // One mapping (VLQ "AAEI": column 0 → source 0, line 2, column 4, zero-based): every code offset maps to the trap line.
  writeFileSync(join(dir, 'build', 'plugin.wasm.map'), JSON.stringify({ version: 3, sources: [TRAP_SOURCE.file], names: [], mappings: 'AAEI' }));
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, TRAP_SOURCE.file), EXPLODE_TS);
  writeFileSync(join(dir, 'plugin.yaml'), [
    'plugin:', '  id: panel-html', '  version: "0.1.0"', '  name: Panel HTML payloads', '  description: Replies with markup the request panel must show as text.',
    '  types: [auth, response, datasource]', 'wasm:', '  path: build/plugin.wasm', '',
  ].join('\n'));
  writeFileSync(join(dir, '.mockforge', 'env.json'), JSON.stringify({ dev: { token: 'from-env' } }, null, 2) + '\n');
  for (const [name, body] of Object.entries(REQUESTS)) writeFileSync(join(dir, '.mockforge', 'requests', `${name}.json`), JSON.stringify(body, null, 2) + '\n');
}
