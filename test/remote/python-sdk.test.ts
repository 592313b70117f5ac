// Runs the Python SDK's own pytest suite (sdk/python/tests) so `npm test` covers it.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { it } from 'node:test';
import { ROOT } from './helpers/paths';

it('sdk/python: pytest passes', async () => {
  const child = spawn('python3', ['-m', 'pytest', 'sdk/python/tests', '-q', '-p', 'no:cacheprovider'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, `pytest failed:\n${output}`);
  assert.match(output, /\d+ passed/);
});
