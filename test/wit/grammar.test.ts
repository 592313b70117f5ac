// The TextMate grammar (syntaxes/wit.tmLanguage.json, scope source.wit) tokenized by VS Code's own engine
// (vscode-textmate + vscode-oniguruma): each marked token must carry the expected scope.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ROOT } from './helpers';

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => scope === 'source.wit'
      ? vsctm.parseRawGrammar(readFileSync(path.join(ROOT, 'syntaxes', 'wit.tmLanguage.json'), 'utf8'), 'wit.tmLanguage.json')
      : null,
  });
  return (await registry.loadGrammar('source.wit'))!;
}

/** Tokenizes `text` and returns, for each token text, the most specific scope. */
function scopes(grammar: vsctm.IGrammar, text: string): [string, string][] {
  const out: [string, string][] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) {
      const s = line.slice(t.startIndex, t.endIndex);
      if (s.trim()) out.push([s, t.scopes[t.scopes.length - 1]]);
    }
    state = r.ruleStack;
  }
  return out;
}

test('the WIT grammar scopes keywords, names, types, gates, comments', async () => {
  const grammar = await loadGrammar();
  assert.equal(grammar !== null, true);
  const src = [
    '/// Docs',
    'package wasi:io@0.2.0;',
    '// plain',
    '/* block /* nested */ still */',
    '@since(version = 0.2.0)',
    'interface streams {',
    '    use error.{error};',
    '    record point { x: u32, y: list<u8> }',
    '    read: func(len: u64) -> result<list<u8>, stream-error>;',
    '    make: static async func() -> %stream;',
    '}',
    'world w { import wasi:io/poll@0.2.0; export run: func(); }',
  ].join('\n');
  const got = scopes(grammar, src);
  const scopeOf = (tok: string) => got.find(([s]) => s === tok)?.[1];
  assert.equal(scopeOf('/// Docs'), 'comment.line.documentation.wit');
  assert.equal(scopeOf('package'), 'keyword.other.package.wit');
  assert.equal(scopeOf('wasi:io'), 'entity.name.namespace.wit');
  assert.equal(scopeOf('0.2.0'), 'constant.numeric.version.wit');
  assert.equal(scopeOf('// plain'), 'comment.line.double-slash.wit');
  assert.equal(scopeOf(' still '), 'comment.block.wit', 'nested block comments stay comments');
  assert.equal(scopeOf('since'), 'storage.type.annotation.wit');
  assert.equal(scopeOf('version'), 'variable.parameter.attribute.wit');
  assert.equal(scopeOf('interface'), 'keyword.declaration.interface.wit');
  assert.equal(scopeOf('streams'), 'entity.name.type.interface.wit');
  assert.equal(scopeOf('record'), 'keyword.declaration.type.wit');
  assert.equal(scopeOf('point'), 'entity.name.type.wit');
  assert.equal(scopeOf('u32'), 'support.type.primitive.wit');
  assert.equal(scopeOf('list'), 'support.type.builtin.wit');
  assert.equal(scopeOf('read'), 'entity.name.function.wit');
  assert.equal(scopeOf('func'), 'keyword.declaration.function.wit');
  assert.equal(scopeOf('->'), 'keyword.operator.arrow.wit');
  assert.equal(scopeOf('static'), 'storage.modifier.wit');
  assert.equal(scopeOf('%stream'), 'variable.other.escaped.wit');
  assert.equal(scopeOf('import'), 'keyword.other.wit');
  assert.equal(scopeOf('world'), 'keyword.declaration.world.wit');
});
