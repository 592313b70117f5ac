// The product's WIT (wit/*.wit, package mockforge:plugin) as resolved types: what the converter walks to turn JSON
// into component values and back (docs/protocol.md §7), and what a component's exports are checked against.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type * as A from '../../../server/src/wit/ast';
import { parse } from '../../../server/src/wit/parser';

export type WitType =
  | { kind: 'prim'; name: string }
  /** `type json = string`: JSON text in WIT, the embedded value on the wire. */
  | { kind: 'json' }
  | { kind: 'bytes' }
  /** `list<tuple<string, T>>` (string-map, json-map): an object on the wire. */
  | { kind: 'pairs'; value: WitType }
  | { kind: 'list'; elem: WitType }
  | { kind: 'option'; inner: WitType }
  | { kind: 'result'; ok?: WitType; err?: WitType }
  | { kind: 'tuple'; types: WitType[] }
  | { kind: 'record'; name: string; fields: Array<{ name: string; type: WitType }> }
  | { kind: 'enum'; name: string; cases: string[] }
  | { kind: 'variant'; name: string; cases: Array<{ name: string; type?: WitType }> };

export interface WitFunction {
  name: string;
  params: Array<{ name: string; type: WitType }>;
  result?: WitType;
}

export interface WitInterface {
  name: string;
  functions: Map<string, WitFunction>;
}

export interface WitModel {
  /** `mockforge:plugin@0.1.0` */
  package: string;
  version: string;
  interfaces: Map<string, WitInterface>;
}

/** The wit/ directory shipped beside the host (repository root, or the extension's folder). */
export function productWitDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'wit', 'worlds.wit'))) return join(dir, 'wit');
    if (dirname(dir) === dir) throw new Error(`the product WIT (wit/worlds.wit) was not found above ${from}`);
  }
}

let cached: WitModel | undefined;

export function productWitModel(dir = productWitDir()): WitModel {
  if (cached) return cached;
  const texts = readdirSync(dir).filter((f) => f.endsWith('.wit')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  cached = buildModel(texts);
  return cached;
}

/** All .wit files of the package as one source text (package header first), for `witSource` options. */
export function productWitSource(dir = productWitDir()): string {
  const files = readdirSync(dir).filter((f) => f.endsWith('.wit')).sort();
  const texts = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const header = texts.findIndex((t) => /^\s*package\s/m.test(t));
  if (header > 0) texts.unshift(...texts.splice(header, 1));
  return texts.join('\n');
}

interface Scope {
  iface: string;
  local: Map<string, A.TypeDef>;
  /** Names brought in by `use other.{a, b as c}`: local name → [interface, name]. */
  used: Map<string, [string, string]>;
}

export function buildModel(texts: string[]): WitModel {
  const scopes = new Map<string, Scope>();
  const funcs = new Map<string, A.FuncItem[]>();
  let pkg = '';
  for (const text of texts) {
    const { file } = parse(text);
    if (file.packageDecl) pkg = `${file.packageDecl.namespace.name}:${file.packageDecl.name.name}@${file.packageDecl.version?.text ?? ''}`;
    for (const item of file.items) {
      if (item.kind !== 'interface') continue;
      const scope: Scope = { iface: item.name.name, local: new Map(), used: new Map() };
      const fs: A.FuncItem[] = [];
      for (const it of item.items) {
        if (it.kind === 'use') {
          const from = it.path.kind === 'id' ? it.path.id.name : it.path.name.name;
          for (const n of it.names) scope.used.set((n.as ?? n.name).name, [from, n.name.name]);
        } else if (it.kind === 'func') fs.push(it);
        else scope.local.set(it.name.name, it);
      }
      scopes.set(item.name.name, scope);
      funcs.set(item.name.name, fs);
    }
  }
  const memo = new Map<string, WitType>();
  const named = (scope: Scope, name: string): WitType => {
    const use = scope.used.get(name);
    if (use) {
      const target = scopes.get(use[0]);
      if (!target) throw new Error(`WIT: interface ${use[0]} (used by ${scope.iface}) is missing`);
      return named(target, use[1]);
    }
    const key = `${scope.iface}.${name}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const def = scope.local.get(name);
    if (!def) throw new Error(`WIT: type ${name} is not defined in interface ${scope.iface}`);
    let t: WitType;
    if (def.kind === 'alias') t = name === 'json' && scope.iface === 'types' ? { kind: 'json' } : typeOf(scope, def.ty);
    else if (def.kind === 'record') t = { kind: 'record', name, fields: def.fields.map((f) => ({ name: f.name.name, type: typeOf(scope, f.ty) })) };
    else if (def.kind === 'enum') t = { kind: 'enum', name, cases: def.cases.map((c) => c.name.name) };
    else if (def.kind === 'variant') t = { kind: 'variant', name, cases: def.cases.map((c) => ({ name: c.name.name, type: c.ty ? typeOf(scope, c.ty) : undefined })) };
    else throw new Error(`WIT: ${def.kind} ${name} cannot cross the JSON wire`);
    memo.set(key, t);
    return t;
  };
  const typeOf = (scope: Scope, node: A.TypeNode): WitType => {
    switch (node.kind) {
      case 'prim': return { kind: 'prim', name: node.name };
      case 'named': return named(scope, node.id.name);
      case 'list': {
        const elem = typeOf(scope, node.elem);
        if (elem.kind === 'prim' && elem.name === 'u8') return { kind: 'bytes' };
        if (elem.kind === 'tuple' && elem.types.length === 2 && elem.types[0].kind === 'prim' && elem.types[0].name === 'string') return { kind: 'pairs', value: elem.types[1] };
        return { kind: 'list', elem };
      }
      case 'option': return { kind: 'option', inner: typeOf(scope, node.inner) };
      case 'result': return { kind: 'result', ok: node.ok && typeOf(scope, node.ok), err: node.err && typeOf(scope, node.err) };
      case 'tuple': return { kind: 'tuple', types: node.types.map((t) => typeOf(scope, t)) };
      default: throw new Error(`WIT: ${node.kind} types cannot cross the JSON wire`);
    }
  };
  const interfaces = new Map<string, WitInterface>();
  for (const [name, scope] of scopes) {
    const functions = new Map<string, WitFunction>();
    for (const f of funcs.get(name) ?? []) {
      functions.set(f.name.name, {
        name: f.name.name,
        params: f.func.params.map((p) => ({ name: p.name.name, type: typeOf(scope, p.ty) })),
        result: f.func.result && typeOf(scope, f.func.result),
      });
    }
    interfaces.set(name, { name, functions });
  }
  return { package: pkg, version: pkg.split('@')[1] ?? '', interfaces };
}

/** kebab-case WIT names as jco spells them in JavaScript (`user-id` → `userId`). */
export function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** kebab-case WIT names as the JSON wire spells them (`user-id` → `user_id`). */
export function snake(name: string): string {
  return name.replace(/-/g, '_');
}
