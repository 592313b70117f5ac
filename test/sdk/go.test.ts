// The Go SDK's own tests (`go test`, natively) and compile checks for each build flavour it supports: the reactor
// for standard Go (wasip1, go:wasmexport) and command mode. TinyGo's files are checked only when tinygo is installed.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

const SDK = path.resolve(__dirname, '..', '..', '..', 'sdk', 'go');
const haveGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const haveTinyGo = spawnSync('tinygo', ['version'], { stdio: 'ignore' }).status === 0;

function go(args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync('go', args, { cwd: SDK, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(r.status, 0, `go ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

describe('Go SDK', { skip: haveGo ? undefined : 'go is not installed here' }, () => {
  it('go test passes (JSON and ABI logic, natively)', () => go(['test', '-count=1', './...']));
  it('go vet is clean for native, wasip1 reactor and command-mode builds', () => {
    go(['vet', './...']);
    go(['vet', './...'], { GOOS: 'wasip1', GOARCH: 'wasm' });
    go(['vet', '-tags=mockforge_command', './...'], { GOOS: 'wasip1', GOARCH: 'wasm' });
  });
  it('gofmt has nothing to change', () => {
    const r = spawnSync('gofmt', ['-l', '.'], { cwd: SDK, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '', `files gofmt would change: ${r.stdout}`);
  });
  it('builds with TinyGo', { skip: haveTinyGo ? undefined : 'tinygo is not installed here' }, () => {
    const r = spawnSync('tinygo', ['build', '-target=wasip1', '-buildmode=c-shared', '-o', path.join(os.tmpdir(), 'mockforge-sdk-tinygo.wasm'), '.'], { cwd: SDK, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
