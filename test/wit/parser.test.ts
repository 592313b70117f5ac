// The syntax tree: every construct of the grammar, with ranges that point at the right text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as A from '../../server/src/wit/ast';
import { parse } from '../../server/src/wit/parser';

const SRC = `/// the package
package local:demo@1.2.3-rc.1+b5;

use wasi:http/types@0.2.0 as http-types;

/** Block doc
 * for the interface */
@since(version = 1.0.0)
interface types {
    use other.{a, b as c};
    type t1 = list<u8, 4>;
    type t2 = result<_, string>;
    type t3 = result<u32>;
    type t4 = result;
    type t5 = result<u32, string>;
    type t6 = tuple<u32, option<bool>>;
    type t7 = future<u8>;
    type t8 = stream;
    type t9 = borrow<res>;
    record r { a: u32, /// doc of b
      b: string, }
    variant v { none, some(u32) }
    enum e { x, y }
    flags f { read, write }
    /// a resource
    resource res {
        constructor(init: list<u8>) -> result<res>;
        get: func(key: string) -> option<string>;
        make: static async func() -> res;
    }
    @unstable(feature = fancy)
    %variant: async func(%enum: s32);
    @deprecated(version = 1.0.0)
    old: func();
}

world w {
    import types;
    import wasi:io/poll@0.2.0;
    import host: interface { log: func(msg: string); }
    import named: types;
    export run: func();
    include base with { a as b, c as d }
    include other;
}

package local:nested {
    interface n {}
}
`;

test('parses every construct without errors, with ranges on the right text', () => {
  const r = parse(SRC);
  assert.deepEqual(r.diagnostics, []);
  const f = r.file;
  const at = (s: A.Span) => SRC.slice(s.start, s.end);
  assert.equal(at(f.packageDecl!), 'local:demo@1.2.3-rc.1+b5');
  assert.equal(f.packageDecl!.version!.text, '1.2.3-rc.1+b5');
  assert.equal(f.packageDecl!.docs!.text, 'the package');
  const use = f.items[0] as A.ToplevelUse;
  assert.equal(use.kind, 'toplevel-use');
  assert.equal(at(use.path), 'wasi:http/types@0.2.0');
  assert.equal(use.as!.name, 'http-types');
  const iface = f.items[1] as A.InterfaceNode;
  assert.equal(iface.docs!.text, 'Block doc\nfor the interface');
  assert.equal(iface.attrs[0].kind, 'since');
  assert.equal(at(iface.name), 'types');
  const byName = new Map(iface.items.filter((i): i is A.TypeDef | A.FuncItem => i.kind !== 'use').map((i) => [i.name.name, i]));
  const alias = (n: string) => (byName.get(n) as A.TypeDef & { kind: 'alias' }).ty;
  assert.equal((alias('t1') as A.TypeNode & { kind: 'list' }).size!.value, '4');
  assert.deepEqual([alias('t2'), alias('t3'), alias('t4'), alias('t5')].map((t) => t.kind === 'result' ? [!!t.ok, !!t.err] : null), [[false, true], [true, false], [false, false], [true, true]]);
  assert.equal(alias('t6').kind, 'tuple');
  assert.equal(alias('t7').kind, 'future');
  assert.equal(alias('t8').kind, 'stream');
  assert.deepEqual(alias('t9').kind === 'handle' && [alias('t9').kind, (alias('t9') as { borrow: boolean }).borrow], ['handle', true]);
  const rec = byName.get('r') as A.TypeDef & { kind: 'record' };
  assert.equal(rec.fields[1].docs!.text, 'doc of b');
  const res = byName.get('res') as A.TypeDef & { kind: 'resource' };
  assert.deepEqual(res.funcs!.map((x) => x.kind), ['constructor', 'method', 'static']);
  assert.equal(res.funcs![2].func.async, true);
  assert.equal(res.docs!.text, 'a resource');
  const fancy = byName.get('variant') as A.FuncItem;
  assert.equal(fancy.name.explicit, true);
  assert.equal(at(fancy.name), '%variant');
  assert.equal(fancy.attrs[0].kind, 'unstable');
  assert.equal(fancy.func.params[0].name.name, 'enum');
  const world = f.items[2] as A.WorldNode;
  assert.deepEqual(world.items.map((i) => i.kind === 'import' || i.kind === 'export' ? `${i.kind}:${i.extern.kind}` : i.kind),
    ['import:path', 'import:path', 'import:interface', 'import:named-path', 'export:func', 'include', 'include']);
  const inc = world.items[5] as A.Include;
  assert.deepEqual(inc.with.map((w) => `${w.from.name}>${w.to.name}`), ['a>b', 'c>d']);
  assert.equal(f.nested.length, 1);
  assert.equal(f.nested[0].items[0].kind, 'interface');
});

test('recovers from errors and keeps parsing the rest of the file', () => {
  const src = 'package a:b;\ninterface i {\n  type t = ;\n  f: func(x: u32;\n  g: func();\n}\nworld w { import g: func() }\ninterface j { h: func(); }\n';
  const r = parse(src);
  assert.ok(r.diagnostics.length >= 3, JSON.stringify(r.diagnostics));
  const names = r.file.items.map((i) => i.kind !== 'toplevel-use' ? i.name.name : '');
  assert.deepEqual(names, ['i', 'w', 'j']);
  const i = r.file.items[0] as A.InterfaceNode;
  assert.ok(i.items.some((x) => x.kind === 'func' && x.name.name === 'g'), 'g after two broken items is parsed');
  for (const d of r.diagnostics) assert.ok(d.start >= 0 && d.end <= src.length && d.start <= d.end);
});

test('lexer errors are located and do not stop parsing', () => {
  const src = 'package a:b;\ninterface i { type t = u32; $ type u = u32; /* open';
  const r = parse(src);
  const msgs = r.diagnostics.map((d) => `${src.slice(d.start, d.end)}:${d.message}`);
  assert.ok(msgs.some((m) => m.startsWith('$:unexpected character')), msgs.join('\n'));
  assert.ok(msgs.some((m) => /unterminated block comment/.test(m)), msgs.join('\n'));
  const iface = r.file.items[0] as A.InterfaceNode;
  assert.ok(iface.items.some((x) => x.kind === 'alias' && x.name.name === 'u'));
});

test('a missing `;` is reported where it is missing', () => {
  const src = 'package a:b;\ninterface i {\n  f: func()\n  g: func();\n}\n';
  const d = parse(src).diagnostics[0];
  assert.equal(d.start, src.indexOf('func()') + 'func()'.length);
  assert.match(d.message, /expected ';'/);
});
