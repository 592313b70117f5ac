// The shape of the WIT package as wit-parser resolved it. The WIT goes through jco (componentEmbed, componentNew,
// print) inside a world that imports every interface; each import then prints as one instance type whose
// records, enums and functions we read back. From the WIT text itself only the interface names are taken (to write
// that world); an interface missed there lacks from the model, which the drift checks then report as missing
// operations and unmatched proto messages, so it cannot hide a difference.
import { embedWorld, loadJco } from './wit-package';
import { indexOf, isList, isString, parseSExprs, SExpr, unquote } from './wat-sexpr';

export type WitType =
  | { kind: 'prim'; name: string }
  | { kind: 'named'; name: string }
  | { kind: 'option' | 'list'; of: WitType }
  | { kind: 'tuple'; items: WitType[] }
  | { kind: 'result'; ok?: WitType; err?: WitType }
  | { kind: 'record'; fields: WitField[] }
  | { kind: 'enum'; cases: string[] }
  | { kind: 'other'; text: string };

export interface WitField {
  name: string;
  type: WitType;
}

export interface WitFunction {
  name: string;
  params: WitField[];
  result?: WitType;
}

export interface WitInterface {
  name: string;
  /** Named types of the interface (including those brought in with `use`), by name. */
  types: Map<string, WitType>;
  functions: Map<string, WitFunction>;
}

export type WitModel = Map<string, WitInterface>;

const CHECK_WORLD = 'contract-drift-check';

/** Resolves every interface of the package with jco and returns their types and functions. */
export async function witModel(source: string, packageName = 'mockforge:plugin'): Promise<WitModel> {
  const names = [...source.matchAll(/^\s*interface\s+([a-z][a-z0-9-]*)/gm)].map((m) => m[1]);
  const world = `\nworld ${CHECK_WORLD} {\n${names.map((n) => `    import ${n};`).join('\n')}\n}\n`;
  const { componentNew, print } = await loadJco();
  const wat = await print(await componentNew(await embedWorld(source + world, CHECK_WORLD)));
  const model = modelFromComponentWat(wat, packageName);
  const missing = names.filter((n) => !model.has(n));
  if (missing.length) throw new Error(`jco's component did not show the interfaces ${missing.join(', ')}`);
  return model;
}

/** Reads the instance types `(type $ty-<pkg>/<iface>@<version> (instance …))` of a printed component. */
export function modelFromComponentWat(wat: string, packageName: string): WitModel {
  const model: WitModel = new Map();
  const [component] = parseSExprs(wat);
  if (!isList(component) || component[0] !== 'component') throw new Error('expected a printed component');
  for (const item of component) {
    if (!isList(item) || item[0] !== 'type' || typeof item[1] !== 'string') continue;
    const m = new RegExp(`^\\$ty-${packageName.replace(/[.:]/g, '\\$&')}/([a-z0-9-]+)(@|$)`).exec(item[1]);
    const instance = item.find((e) => isList(e) && e[0] === 'instance');
    if (m && isList(instance)) model.set(m[1], readInstance(m[1], instance));
  }
  return model;
}

function readInstance(name: string, instance: SExpr[]): WitInterface {
  // Every definition in an instance type takes the next type index; the printer writes it as (;N;).
  // A definition is a type expression, or a reference: `outer` to another interface's type name, `eq` to an index.
  type Def = { expr: SExpr } | { outer: string } | { eq: string };
  const defs = new Map<number, Def>();
  const funcs: Array<[string, number]> = [];
  const namedAt = new Map<number, string>();
  for (const decl of instance.slice(1)) {
    if (!isList(decl)) continue;
    if (decl[0] === 'type') {
      const idx = indexOf(decl[1]);
      if (idx !== undefined) defs.set(idx, { expr: decl[2] });
    } else if (decl[0] === 'alias' && decl[1] === 'outer') {
      const target = decl.find((e) => isList(e) && e[0] === 'type');
      const idx = isList(target) ? indexOf(target[1]) : undefined;
      if (idx !== undefined && typeof decl[3] === 'string') defs.set(idx, { outer: outerName(decl[3]) });
    } else if (decl[0] === 'export') {
      const idx = indexOf(decl[1]);
      const exportName = decl.find(isString);
      const what = decl[decl.length - 1];
      if (!exportName || !isList(what)) continue;
      if (what[0] === 'type' && isList(what[1]) && what[1][0] === 'eq' && idx !== undefined) {
        namedAt.set(idx, unquote(exportName));
        defs.set(idx, { eq: what[1][1] as string });
      } else if (what[0] === 'func' && isList(what[1]) && what[1][0] === 'type') {
        funcs.push([unquote(exportName), Number(what[1][1])]);
      }
    }
  }
  const ref = (e: SExpr): WitType => {
    if (typeof e === 'string' && /^\d+$/.test(e)) {
      const n = Number(e);
      const named = namedAt.get(n);
      if (named) return { kind: 'named', name: named };
      const def = defs.get(n);
      if (def === undefined) return { kind: 'other', text: `type index ${n}` };
      if ('outer' in def) return { kind: 'named', name: def.outer };
      if ('eq' in def) return ref(def.eq);
      return expr(def.expr);
    }
    if (typeof e === 'string') return { kind: 'prim', name: e };
    return expr(e);
  };
  const expr = (e: SExpr): WitType => {
    if (!isList(e)) return typeof e === 'string' ? ref(e) : { kind: 'other', text: JSON.stringify(e) };
    switch (e[0]) {
      case 'option':
      case 'list':
        return { kind: e[0], of: ref(e[1]) };
      case 'tuple':
        return { kind: 'tuple', items: e.slice(1).map(ref) };
      case 'record':
        return { kind: 'record', fields: e.slice(1).filter(isList).map((f) => ({ name: unquote(f[1] as string), type: ref(f[2]) })) };
      case 'enum':
        return { kind: 'enum', cases: e.slice(1).filter(isString).map(unquote) };
      case 'result': {
        const err = e.slice(1).find((x) => isList(x) && x[0] === 'error');
        const ok = e.slice(1).find((x) => !(isList(x) && x[0] === 'error'));
        return { kind: 'result', ok: ok === undefined ? undefined : ref(ok), err: isList(err) ? ref(err[1]) : undefined };
      }
      default:
        return { kind: 'other', text: JSON.stringify(e) };
    }
  };
  const types = new Map<string, WitType>();
  for (const [idx, typeName] of namedAt) {
    // `(export "x" (type (eq N)))`: the definition is N, a local type expression or another interface's type.
    const def = defs.get(idx);
    const inner = def && 'eq' in def ? defs.get(Number(def.eq)) : undefined;
    if (inner === undefined) continue;
    types.set(typeName, 'outer' in inner ? { kind: 'named', name: inner.outer } : 'eq' in inner ? ref(inner.eq) : expr(inner.expr));
  }
  const functions = new Map<string, WitFunction>();
  for (const [fname, typeIdx] of funcs) {
    const def = defs.get(typeIdx);
    const f = def && 'expr' in def ? def.expr : undefined;
    if (!isList(f) || f[0] !== 'func') continue;
    const params = f.slice(1).filter((p): p is SExpr[] => isList(p) && p[0] === 'param').map((p) => ({ name: unquote(p[1] as string), type: ref(p[2]) }));
    const result = f.slice(1).find((p) => isList(p) && p[0] === 'result');
    functions.set(fname, { name: fname, params, result: isList(result) ? ref(result[1]) : undefined });
  }
  return { name, types, functions };
}

/** `$string-map` or `$"#type5 plugin-error"` → the WIT name. */
function outerName(atom: string): string {
  const raw = atom.replace(/^\$/, '').replace(/^"(.*)"$/, '$1');
  return raw.replace(/^#type\d+ /, '');
}

/** The definition of a named type in the interface that declares it (not one that merely `use`s it). */
export function findType(model: WitModel, name: string): WitType | undefined {
  for (const iface of model.values()) {
    const t = iface.types.get(name);
    if (t && !(t.kind === 'named' && t.name === name)) return t;
  }
  return undefined;
}

/** The interface that declares `name`. */
export function declaringInterface(model: WitModel, name: string): string | undefined {
  for (const iface of model.values()) {
    const t = iface.types.get(name);
    if (t && !(t.kind === 'named' && t.name === name)) return iface.name;
  }
  return undefined;
}
