// Compares host/src/contract/schema.ts (what validateRequest/validateResult enforce) with the WIT package.
import { ENUMS, RECORDS, REQUESTS, RESULTS, Spec } from '../../host/src/contract/schema';
import type { RecordName } from '../../host/src/contract/schema';
import { OPERATIONS } from '../../host/src/contract/operations';
import { SERVICE_INTERFACES, snake } from './drift';
import { declaringInterface, findType, WitModel, WitType } from './wit-model';

/** The wire spec a WIT type must have (docs/protocol.md, "WIT ↔ JSON"). */
export function specOfWit(model: WitModel, t: WitType): Spec | string {
  switch (t.kind) {
    case 'prim':
      if (t.name === 'string') return { kind: 'string' };
      if (t.name === 'bool') return { kind: 'bool' };
      if (t.name === 'u16' || t.name === 'u32' || t.name === 'u64') return { kind: 'uint', bits: Number(t.name.slice(1)) as 16 | 32 | 64 };
      return `no wire mapping for ${t.name}`;
    case 'named': {
      if (t.name === 'json' || t.name === 'string-map' || t.name === 'json-map') return { kind: t.name };
      const def = findType(model, t.name);
      if (def?.kind === 'record') return { kind: 'record', name: t.name as RecordName };
      if (def?.kind === 'enum') return { kind: 'enum', values: def.cases.map(snake) };
      return def ? specOfWit(model, def) : `unknown type ${t.name}`;
    }
    case 'option': {
      const of = specOfWit(model, t.of);
      return typeof of === 'string' ? of : { kind: 'option', of };
    }
    case 'list': {
      if (t.of.kind === 'prim' && t.of.name === 'u8') return { kind: 'bytes' };
      const of = specOfWit(model, t.of);
      return typeof of === 'string' ? of : { kind: 'list', of };
    }
    default:
      return `no wire mapping for ${t.kind}`;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function compareSchema(model: WitModel): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const iface of SERVICE_INTERFACES) {
    for (const [name, t] of model.get(iface)?.types ?? []) {
      if (declaringInterface(model, name) !== iface) continue;
      if (t.kind === 'enum' && name !== 'error-code') {
        const values = (ENUMS as Record<string, readonly string[]>)[name];
        if (!same(values, t.cases.map(snake))) problems.push(`enum ${name}: schema.ts ENUMS has ${JSON.stringify(values)}, WIT ${JSON.stringify(t.cases)}`);
      }
      if (t.kind !== 'record') continue;
      seen.add(name);
      const spec = (RECORDS as Record<string, Record<string, Spec>>)[name];
      if (!spec) {
        problems.push(`record ${name}: missing from schema.ts RECORDS`);
        continue;
      }
      compareFields(`record ${name}`, spec, t.fields);
    }
  }
  for (const name of Object.keys(RECORDS)) if (!seen.has(name)) problems.push(`schema.ts RECORDS has ${name}, which is no WIT record`);
  for (const op of OPERATIONS) {
    const fn = SERVICE_INTERFACES.map((i) => model.get(i)?.functions.get(op.replace(/_/g, '-'))).find(Boolean);
    if (!fn) {
      problems.push(`operation ${op}: no WIT function`);
      continue;
    }
    compareFields(`${op} request`, REQUESTS[op], fn.params);
    const okType = fn.result?.kind === 'result' ? fn.result.ok : undefined;
    if (okType?.kind !== 'named' || okType.name !== RESULTS[op]) problems.push(`${op} result: schema.ts says ${RESULTS[op]}, WIT returns ${JSON.stringify(okType)}`);
  }
  return problems;

  function compareFields(where: string, spec: Record<string, Spec>, fields: Array<{ name: string; type: WitType }>) {
    const want = fields.map((f) => snake(f.name));
    if (!same(Object.keys(spec), want)) problems.push(`${where}: schema.ts fields ${Object.keys(spec).join(', ')}; WIT ${want.join(', ')}`);
    for (const f of fields) {
      const got = spec[snake(f.name)];
      const expected = specOfWit(model, f.type);
      if (got && !same(got, expected)) problems.push(`${where}.${snake(f.name)}: schema.ts ${JSON.stringify(got)}, WIT means ${JSON.stringify(expected)}`);
    }
  }
}
