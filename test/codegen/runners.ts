// Generates a WIT package's types with `node dist/cli.js codegen` for one language, builds a tiny program around
// them with that language's real toolchain, and returns what the program wrote back for each sample: decode the
// input with the generated reader, encode it again with the generated writer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { goName, pascal } from '../../cli/src/codegen/naming';
import type { WireCase } from './cases';

export const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');

export const haveGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
export const havePydantic = spawnSync('python3', ['-c', 'import pydantic; assert pydantic.VERSION >= "2"'], { stdio: 'ignore' }).status === 0;

function run(cmd: string, args: string[], cwd: string, input?: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', input, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function codegen(wit: string, lang: string, out: string, extra: string[] = []): void {
  run(process.execPath, [CLI, 'codegen', '--wit', wit, '--lang', lang, '--out', out, ...extra], REPO);
}

function tmp(tag: string): string { return mkdtempSync(path.join(os.tmpdir(), `mf-codegen-${tag}-`)); }

/** Each program prints one JSON array: the re-encoded JSON text of every case, in order. */
function results(stdout: string): unknown[] {
  return (JSON.parse(stdout) as string[]).map((s) => JSON.parse(s));
}

export function roundTripGo(wit: string, cases: WireCase[]): { outputs: unknown[]; gofmt: string } {
  const dir = tmp('go');
  codegen(wit, 'go', dir, ['--go-package', 'main']);
  writeFileSync(path.join(dir, 'go.mod'), 'module cgtest\n\ngo 1.24\n');
  const types = [...new Set(cases.map((c) => c.type))];
  writeFileSync(path.join(dir, 'main.go'), `package main

import (
	"encoding/json"
	"fmt"
	"os"
)

func roundTrip[T any](in []byte) string {
	var v T
	if err := json.Unmarshal(in, &v); err != nil {
		panic(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(out)
}

func main() {
	var cases []struct {
		Type  string          \`json:"type"\`
		Input json.RawMessage \`json:"input"\`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		panic(err)
	}
	var outs []string
	for _, c := range cases {
		switch c.Type {
${types.map((t) => `		case "${t}":\n			outs = append(outs, roundTrip[${goName(t)}](c.Input))`).join('\n')}
		default:
			panic(fmt.Sprintf("no case %q", c.Type))
		}
	}
	b, _ := json.Marshal(outs)
	os.Stdout.Write(b)
}
`);
  run('go', ['vet', '.'], dir);
  const gofmt = run('gofmt', ['-l', 'types_gen.go'], dir);
  return { outputs: results(run('go', ['run', '.'], dir, JSON.stringify(cases))), gofmt };
}

export function roundTripPython(wit: string, cases: WireCase[]): unknown[] {
  const dir = tmp('py');
  codegen(wit, 'python', dir);
  writeFileSync(path.join(dir, 'main.py'), `import json, sys
import types_gen

outs = []
for case in json.load(sys.stdin):
    name = "".join(w.capitalize() for w in case["type"].split("-"))
    model = getattr(types_gen, name)
    outs.append(json.dumps(model.from_wire(case["input"]).to_wire()))
print(json.dumps(outs))
`);
  return results(run('python3', ['main.py'], dir, JSON.stringify(cases)));
}

export function roundTripTypeScript(wit: string, cases: WireCase[]): unknown[] {
  const dir = tmp('ts');
  codegen(wit, 'typescript', dir);
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  run(process.execPath, [tsc, '--strict', '--noUnusedLocals', '--target', 'es2022', '--module', 'commonjs', '--types', 'node',
    '--typeRoots', path.join(REPO, 'node_modules', '@types'), '--outDir', dir, path.join(dir, 'types.gen.ts')], dir);
  writeFileSync(path.join(dir, 'main.js'), `const t = require('./types.gen.js');
const pascal = (s) => s.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) => JSON.stringify(t['encode' + pascal(c.type)](t['decode' + pascal(c.type)](c.input))))));
`);
  return results(run(process.execPath, ['main.js'], dir, JSON.stringify(cases)));
}

export function roundTripAssemblyScript(wit: string, cases: WireCase[]): unknown[] {
  const dir = tmp('as');
  const sdkIndex = path.join(REPO, 'sdk', 'assemblyscript', 'assembly', 'index');
  codegen(wit, 'assemblyscript', dir, ['--as-runtime', path.relative(dir, sdkIndex).split(path.sep).join('/')]);
  const types = [...new Set(cases.map((c) => c.type))];
  writeFileSync(path.join(dir, 'probe.ts'), `import { ${types.map(pascal).join(', ')}, decodeError, clearDecodeError } from './types.gen';
import { parseJSON } from '${path.relative(dir, sdkIndex).split(path.sep).join('/')}';

export function roundTrip(name: string, text: string): string {
  clearDecodeError();
  const parsed = parseJSON(text);
  if (!parsed.ok) return 'PARSE ' + parsed.error;
  const j = parsed.value!;
  let out = '';
${types.map((t) => `  if (name == '${t}') out = ${pascal(t)}.fromJSON(j).toJSON().stringify();`).join('\n')}
  return decodeError != '' ? 'DECODE ' + decodeError : out;
}
`);
  const asc = path.join(REPO, 'node_modules', 'assemblyscript', 'bin', 'asc.js');
  run(process.execPath, [asc, 'probe.ts', '-o', 'probe.wasm', '--bindings', 'esm'], dir);
  writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n');
  writeFileSync(path.join(dir, 'main.js'), `import { roundTrip } from './probe.js';
import { readFileSync } from 'node:fs';
const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map((c) => roundTrip(c.type, JSON.stringify(c.input)))));
`);
  const raw = JSON.parse(run(process.execPath, ['main.js'], dir, JSON.stringify(cases))) as string[];
  for (const r of raw) if (/^(PARSE|DECODE) /.test(r)) throw new Error(`AssemblyScript reader: ${r}`);
  return raw.map((s) => JSON.parse(s));
}

export function readText(p: string): string { return readFileSync(p, 'utf8'); }
