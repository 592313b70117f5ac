// `mockforge-plugin run` and `inspect` as a user runs them: stdout, stderr and exit codes of `node dist/cli.js`.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_REQUESTS } from '../../host/src/contract/samples';
import { cleanTemps, fixturePlugin, fixtureWasm, runCli, tempDir } from './helpers';

after(cleanTemps);

const CONFIG_YAML = `configuration:
  schema:
    type: object
    properties:
      token: {type: string, default: s3cret}
`;

describe('mockforge-plugin run', () => {
  test('plugin directory, --config overlay, pretty envelope on stdout, exit 0', async () => {
    const dir = await fixturePlugin('goodpath', CONFIG_YAML);
    const res = await runCli(['run', dir, '--call', 'authenticate', '--input', '-', '--config', 'token=from-cli'], '"token"');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{\n  "success": true,\n  "result": "from-cli"\n}\n');
    assert.equal(res.stderr, '');
  });

  test('plugin.yaml path, defaults, --compact', async () => {
    const dir = await fixturePlugin('goodpath', CONFIG_YAML);
    const input = join(tempDir(), 'request.json');
    writeFileSync(input, '"token"');
    const res = await runCli(['run', join(dir, 'plugin.yaml'), '--call', 'authenticate', '--input', input, '--compact']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"success":true,"result":"s3cret"}\n');
  });

  test('plugin output goes to stderr as "<level> <source>: <message>", stdout holds only the envelope', async () => {
    const dir = await fixturePlugin('goodpath');
    const res = await runCli(['run', dir, '--call', 'generate_response', '--compact']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"success":true,"result":{"ok":true}}\n');
    assert.equal(res.stderr, [
      'info  stdout: line one',
      'info  stdout: line two',
      'warn  stderr: err line',
      'warn  plugin: warned',
      'info  stdout: partial',
      '',
    ].join('\n'));
  });

  test('--verbose adds timing, memory and module lines', async () => {
    const res = await runCli(['run', await fixtureWasm('bad-json'), '--call', 'get_capabilities', '--verbose', '--compact']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /^timing: load [\d.]+ ms, instantiate [\d.]+ ms, call [\d.]+ ms \(in-process, no time limit: use --isolate to enforce one\)$/m);
    assert.match(res.stderr, /^memory: peak 64\.0 KiB of 10\.0 MiB$/m);
    assert.match(res.stderr, /^module: .*bad-json\.wasm, language unknown, abi packed-i64, allocator mockforge_alloc$/m);
  });

  test('a trap prints the error envelope and exits 1', async () => {
    const res = await runCli(['run', await fixtureWasm('unreachable'), '--call', 'authenticate', '--compact']);
    assert.equal(res.code, 1);
    const reply = JSON.parse(res.stdout);
    assert.equal(reply.success, false);
    assert.equal(reply.error.code, 'trap');
    assert.match(reply.error.message, /at check_signature/);
  });

  test('--timeout runs isolated and stops an infinite loop: timeout, exit 1', async () => {
    const res = await runCli(['run', await fixtureWasm('loop'), '--call', 'authenticate', '--timeout', '300', '--compact', '--verbose']);
    assert.equal(res.code, 1);
    assert.equal(JSON.parse(res.stdout).error.code, 'timeout');
    assert.match(res.stderr, /\(worker, time limit 300 ms\)/);
  });

  test('--isolate runs in a worker with the same reply', async () => {
    const res = await runCli(['run', await fixtureWasm('legacy'), '--call', 'query', '--isolate', '--compact', '--verbose']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"success":true,"result":{"legacy":true}}\n');
    assert.match(res.stderr, /\(worker, time limit 5000 ms\)/);
  });

  test('without --input the contract\'s sample request for the operation is sent', async () => {
    const res = await runCli(['run', await fixtureWasm('command'), '--call', 'authenticate', '--compact']);
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(JSON.parse(res.stdout), { success: true, result: SAMPLE_REQUESTS.authenticate });
  });

  test('--request: a saved request file supplies the operation and the input', async () => {
    const file = join(tempDir(), 'saved.json');
    writeFileSync(file, JSON.stringify({ operation: 'query', input: { query: 'q' } }));
    const res = await runCli(['run', await fixtureWasm('command'), '--request', file, '--compact']);
    assert.equal(res.code, 0, res.stderr);
    assert.equal(res.stdout, '{"success":true,"result":{"query":"q"}}\n');
  });

  test('a plugin that cannot be loaded: load_failed envelope on stdout, the reason on stderr, exit 2', async () => {
    const res = await runCli(['run', await fixtureWasm('unknown-import'), '--call', 'authenticate', '--compact']);
    assert.equal(res.code, 2);
    assert.equal(JSON.parse(res.stdout).error.code, 'load_failed');
    assert.match(res.stderr, /imports env\.steal_secrets/);
  });

  test('a manifest whose module is not built yet is load_failed saying so, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plugin.yaml'), 'plugin:\n  id: unbuilt\n  version: 0.1.0\n  name: u\n  types: [auth]\nwasm:\n  path: build/plugin.wasm\n');
    const res = await runCli(['run', dir, '--call', 'authenticate', '--compact']);
    assert.equal(res.code, 2);
    assert.match(JSON.parse(res.stdout).error.message, /build\/plugin\.wasm does not exist: build the plugin first \(mockforge-plugin build\)/);
  });

  test('a manifest with invalid YAML is load_failed with file:line:column, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plugin.yaml'), 'plugin:\n  id: [unclosed\n');
    const res = await runCli(['run', dir, '--call', 'authenticate', '--compact']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /plugin\.yaml:\d+:\d+: invalid YAML/);
  });

  test('an unreadable or invalid input is exit 2 with the reason on stderr', async () => {
    const wasm = await fixtureWasm('bad-json');
    const missing = await runCli(['run', wasm, '--call', 'authenticate', '--input', join(tempDir(), 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json/);
    assert.equal(missing.stdout, '');
    const invalid = await runCli(['run', wasm, '--call', 'authenticate', '--input', '-'], '{not json');
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /stdin is not valid JSON/);
  });

  test('usage errors: unknown operation, missing --call, bad --timeout are exit 2', async () => {
    const wasm = await fixtureWasm('bad-json');
    for (const args of [['--call', 'login'], [], ['--call', 'authenticate', '--timeout', 'soon']]) {
      const res = await runCli(['run', wasm, ...args]);
      assert.equal(res.code, 2, `${args.join(' ')}: ${res.stderr}`);
      assert.match(res.stderr, /mockforge-plugin run: /);
    }
  });

  test('--help documents the output format', async () => {
    const res = await runCli(['run', '--help']);
    assert.equal(res.code, 0);
    assert.match(res.stdout, /stdout {2}the reply envelope as JSON/);
    assert.match(res.stdout, /stderr {2}one line per log record/);
  });
});

describe('mockforge-plugin inspect', () => {
  test('text report; exit 0 without problems', async () => {
    const res = await runCli(['inspect', await fixtureWasm('legacy')]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^abi: +mixed$/m);
    assert.match(res.stdout, /^allocator: +alloc, free: dealloc$/m);
    assert.match(res.stdout, /authenticate multi-value, execute_function \(as template_function\) packed-i64, query \(as query_datasource\) packed-i64, get_capabilities packed-i64/);
    assert.match(res.stdout, /^problems: +none$/m);
  });

  test('--format json; problems exit 1', async () => {
    const res = await runCli(['inspect', await fixtureWasm('extism'), '--format', 'json']);
    assert.equal(res.code, 1);
    const report = JSON.parse(res.stdout);
    assert.equal(report.binary, 'core-module');
    assert.match(report.problems[0].message, /this is an Extism plugin/);
  });

  test('a file that is not wasm is exit 2', async () => {
    const file = join(tempDir(), 'x.wasm');
    writeFileSync(file, 'hello');
    const res = await runCli(['inspect', file]);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /not a valid WebAssembly module: not a WebAssembly binary/);
  });
});
