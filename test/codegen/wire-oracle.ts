// An independent reading of docs/protocol.md §7 over the codegen model: what a correct writer sends back after
// reading `json` as type `ref` (options omitted when none, absent lists/maps written empty, flags written in full).
// Every language's generated code must reproduce exactly this.
import type { TypeDecl, TypeRef, WitModel } from '../../cli/src/codegen/model';

const snake = (s: string): string => s.replace(/-/g, '_');

export function canonical(model: WitModel, ref: TypeRef, json: unknown): unknown {
  switch (ref.kind) {
    case 'prim': case 'bytes': return json;
    case 'json': return json === undefined ? null : json;
    case 'list': return ((json ?? []) as unknown[]).map((x) => canonical(model, ref.elem, x));
    case 'map': return Object.fromEntries(Object.entries((json ?? {}) as Record<string, unknown>).map(([k, v]) => [k, canonical(model, ref.value, v)]));
    case 'option': return json === undefined || json === null ? undefined : canonical(model, ref.inner, json);
    case 'tuple': return (json as unknown[]).map((x, i) => canonical(model, ref.types[i], x));
    case 'result': {
      const o = json as { tag: 'ok' | 'err'; val?: unknown };
      const side = o.tag === 'ok' ? ref.ok : ref.err;
      return side ? { tag: o.tag, val: canonical(model, side, o.val) } : { tag: o.tag };
    }
    case 'named': return canonicalDecl(model, model.types.find((d) => d.name === ref.name)!, json);
  }
}

export function canonicalDecl(model: WitModel, d: TypeDecl, json: unknown): unknown {
  switch (d.kind) {
    case 'alias': return canonical(model, d.target, json);
    case 'enum': return json;
    case 'flags': return Object.fromEntries(d.cases.map((c) => [snake(c.name), Boolean((json as Record<string, unknown>)[snake(c.name)])]));
    case 'variant': {
      const o = json as { tag: string; val?: unknown };
      const c = d.cases.find((x) => snake(x.name) === o.tag)!;
      return c.type ? { tag: o.tag, val: canonical(model, c.type, o.val) } : { tag: o.tag };
    }
    case 'record': {
      const o = json as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of d.fields) {
        const v = canonical(model, f.type!, o[snake(f.name)]);
        if (v !== undefined) out[snake(f.name)] = v;
      }
      return out;
    }
  }
}
