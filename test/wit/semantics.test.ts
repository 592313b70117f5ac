// Every semantic rule, with the exact range it reports: `«…»` marks where each expected error must be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeSource } from '../../server/src/wit/program';
import { marked } from './helpers';

function check(src: string, code: string, messagePart?: RegExp): void {
  const { text, spans } = marked(src);
  const diags = analyzeSource(text).files[0].diagnostics.filter((d) => d.severity === 'error');
  const got = diags.map((d) => `${d.start}-${d.end}:${d.code}`);
  const want = code === 'none' ? [] : spans.map((s) => `${s.start}-${s.end}:${code}`);
  assert.deepEqual(got, want, `${text}\n got: ${diags.map((d) => `${text.slice(d.start, d.end)} ${d.code} ${d.message}`).join(' | ')}`);
  if (messagePart) for (const d of diags) assert.match(d.message, messagePart);
}

const W = 'package a:b@1.0.0;\n';

test('unknown names: types, use targets, packages, use names', () => {
  check(`${W}interface i { f: func(x: «strin»); }`, 'unknown-name', /strin/);
  check(`${W}interface i { type t = «nope»; record r { a: «nope2» } }`, 'unknown-name');
  check(`${W}interface i { use «j».{t}; }`, 'unknown-name');
  check(`${W}interface i { use «x:y»/z.{t}; }`, 'unknown-package', /x:y/);
  check(`${W}interface i { use j.{«t»}; } interface j {}`, 'unknown-name');
  check(`${W}world w { import «nope»; }`, 'unknown-name');
  check(`${W}interface i { f: func(); type t = «f»; }`, 'unknown-name', /type `f`/);
});

test('duplicate definitions', () => {
  check(`${W}interface i {} interface «i» {}`, 'duplicate');
  check(`${W}interface i {} world «i» {}`, 'duplicate');
  check(`${W}interface i { type t = u32; type «t» = u32; }`, 'duplicate');
  check(`${W}interface i { f: func(); «f»: func(); }`, 'duplicate');
  check(`${W}interface i { f: func(a: u32, «a»: u32); }`, 'duplicate');
  check(`${W}interface i { resource r { f: func(); «f»: static func(); } }`, 'duplicate');
  check(`${W}interface i { resource r { constructor(); «constructor»(); } }`, 'duplicate');
  check(`${W}interface i { resource r { f: func(«self»: u32); } }`, 'duplicate');
  check(`${W}use i as x; use i as «x»; interface i {}`.replace('use i as x; use', 'use i as x;\nuse'), 'duplicate');
});

test('type cycles', () => {
  check(`${W}interface i { type t = «t»; }`, 'cycle');
  check(`${W}interface i { type t = r; record r { a: «t» } }`, 'cycle');
  check(`${W}interface i { type t = list<«t»>; }`, 'cycle');
});

test('interface and world dependency cycles', () => {
  check(`${W}interface i { use j.{t}; type u = u32; } interface j { use «i».{u}; type t = u32; }`, 'cycle');
  check(`${W}world w { include «w»; }`, 'cycle');
});

test('handles: borrow in results, handles to non-resources', () => {
  check(`${W}interface i { resource r; f: func() -> «borrow<r>»; }`, 'borrow-result');
  check(`${W}interface i { resource r; record rr { b: borrow<r> } f: func() -> «rr»; }`, 'borrow-result');
  check(`${W}interface i { type u = u32; f: func(x: borrow<«u»>); }`, 'handle');
  // borrow in parameters (also through an alias to a resource) is fine
  check(`${W}interface i { resource r; type t = r; f: func(x: borrow<t>, y: list<borrow<r>>); }`, 'none');
});

test('constructors', () => {
  check(`${W}interface i { resource r { constructor() -> «u32»; } }`, 'constructor');
  check(`${W}interface i { resource r { constructor() -> result<«u32», string>; } }`, 'constructor');
  check(`${W}interface i { resource r { constructor() -> result<r, string>; } }`, 'none');
});

test('invalid use targets', () => {
  check(`${W}interface i { use «j».{t}; } world j {}`, 'wrong-kind', /world, not an interface/);
  check(`${W}interface i { use j.{«f»}; } interface j { f: func(); }`, 'wrong-kind', /function/);
  check(`${W}world w { import «j»; } world j {}`, 'wrong-kind');
  check(`${W}world w { include «i»; } interface i {}`, 'wrong-kind');
});

test('world import/export conflicts and name clashes', () => {
  check(`${W}world w { import f: func(); import «f»: func(); }`, 'duplicate');
  check(`${W}world w { import f: func(); import «F»: func(); }`, 'duplicate', /case-insensitive/);
  check(`${W}world w { import f: func(); export f: func(); }`, 'none');
  check(`${W}world w { import i; import «i»; } interface i {}`, 'duplicate');
  check(`${W}world w { type t = u32; import «t»: func(); }`, 'duplicate');
});

test('include conflicts and bad `with` names', () => {
  check(`${W}world w { include v; include «u»; } world v { import f: func(); } world u { import f: func(); }`, 'include-conflict');
  check(`${W}world w { include v; include u with { f as g } } world v { import f: func(); } world u { import f: func(); }`, 'none');
  check(`${W}world w { include v with { «h» as g } } world v { import f: func(); }`, 'include');
  check(`${W}world w { import i; include v; } world v { import i; } interface i {}`, 'none');
});

test('malformed versions and package names', () => {
  check('package a:b@«01.0.0»;\ninterface i {}', 'version', /leading zero/);
  check('package a:b@«1.0.0-a.01»;\ninterface i {}', 'version');
  check('package a:b@1.«0;»\ninterface i {}'.replace('«0;»', '0«;»'), 'syntax');
  check('package «aB»:b;\ninterface i {}', 'identifier');
  check('«interface» i {}', 'no-package');
});

test('identifiers: keywords and non-kebab-case', () => {
  check(`${W}interface i { type «aB» = u32; }`, 'identifier');
  check(`${W}interface i { type «a--b» = u32; }`, 'identifier');
  check(`${W}interface i { type «a-» = u32; }`, 'identifier');
  check(`${W}interface i { type %variant = u32; type XML = u32; type a-1 = u32; }`, 'none');
  check(`${W}interface i { type «record» = u32; }`, 'syntax');
});

test('gates: placement, combinations, versions, excluded features', () => {
  check(`package a:b;\ninterface i { «@since(version = 1.0.0)» type t = u32; }`, 'gate', /must have a version/);
  check(`${W}interface i { @since(version = 1.0.0) «@unstable(feature = x)» f: func(); }`, 'gate');
  check(`${W}interface i { @since(version = 1.0.0) «@since(version = 1.0.0)» f: func(); }`, 'gate');
  check(`${W}interface i { «@deprecated(version = 1.0.0)» f: func(); }`, 'gate');
  check(`${W}@since(version = «2.0.0») interface i {}`, 'gate', /unreleased/);
  check(`${W}interface i { @unstable(feature = x) type t = u32; type u = «t»; }`, 'excluded');
  check(`${W}interface i { record r { «@»since(version = 1.0.0) a: u32 } }`, 'syntax');
  check(`${W}«package x:y {}»`.replace('«package x:y {}»', '«@since(version = 1.0.0)» package x:y {}'), 'syntax');
});

test('empty variant and enum; empty record and flags are fine', () => {
  check(`${W}interface i { variant «v» {} enum «e» {} record r {} flags f {} }`, 'empty');
});

test('every error of a file is reported, and one typo does not cascade', () => {
  const { text } = marked(`${W}interface i {\n  record r { a: u32 b: u32 }\n  f: func(x: r) -> «strin»;\n  g: func(y: r);\n  type t = «nope»;\n}\n`);
  const diags = analyzeSource(text).files[0].diagnostics;
  // the missing comma is one syntax error; `r` stays defined (no "unknown r"), both unknown names are still found
  assert.deepEqual(diags.map((d) => d.code), ['syntax', 'unknown-name', 'unknown-name']);
  assert.ok(!diags.some((d) => /`r`/.test(d.message)));
});
