// Compares the WIT package (as jco resolves it) with plugin.proto (as protobufjs parses it) and lists every place
// where they disagree: operations, records ↔ messages, field names (kebab ↔ snake), order and representation.
import { GRPC_METHODS, OPERATIONS } from '../../host/src/contract/operations';
import type { ProtoField, ProtoLabel, ProtoModel } from './proto-model';
import { declaringInterface, findType, WitModel, WitType } from './wit-model';

/** Interfaces that are part of the plugin service (the host interface is what the host offers, not a gRPC method). */
export const SERVICE_INTERFACES = ['types', 'auth', 'template', 'response', 'datasource', 'capabilities'];
/** Transport-only parts of the proto, with no WIT counterpart. */
export const TRANSPORT_ONLY = { methods: ['Health'], messages: ['HealthRequest', 'HealthReply'] };

export const snake = (kebab: string) => kebab.replace(/-/g, '_');
export const pascal = (kebab: string) => kebab.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');

const SCALARS: Record<string, string> = { string: 'string', bool: 'bool', u8: 'uint32', u16: 'uint32', u32: 'uint32', u64: 'uint64', s8: 'int32', s16: 'int32', s32: 'int32', s64: 'int64', f32: 'float', f64: 'double', char: 'string' };

interface Shape {
  label: ProtoLabel;
  type: string;
}

/** How a WIT type must look in the proto (the rules at the top of plugin.proto and in docs/protocol.md). */
export function protoShape(model: WitModel, t: WitType): Shape {
  switch (t.kind) {
    case 'prim':
      return { label: 'single', type: SCALARS[t.name] ?? `?${t.name}` };
    case 'named': {
      const def = findType(model, t.name);
      if (!def) return { label: 'single', type: `?unknown type ${t.name}` };
      if (def.kind === 'record') return { label: 'single', type: pascal(t.name) };
      if (def.kind === 'enum') return { label: 'single', type: 'string' };
      return protoShape(model, def);
    }
    case 'option': {
      const inner = protoShape(model, t.of);
      if (inner.label !== 'single') return { label: 'single', type: `?option of ${inner.label}` };
      // Messages have presence in proto3 already; scalars need `optional`.
      return SCALAR_NAMES.has(inner.type) ? { label: 'optional', type: inner.type } : inner;
    }
    case 'list': {
      if (t.of.kind === 'prim' && t.of.name === 'u8') return { label: 'single', type: 'bytes' };
      if (t.of.kind === 'tuple' && t.of.items.length === 2 && t.of.items[0].kind === 'prim' && t.of.items[0].name === 'string') {
        return { label: 'map', type: protoShape(model, t.of.items[1]).type };
      }
      const inner = protoShape(model, t.of);
      return inner.label === 'single' ? { label: 'repeated', type: inner.type } : { label: 'single', type: `?list of ${inner.label}` };
    }
    default:
      return { label: 'single', type: `?unsupported ${t.kind}` };
  }
}

const SCALAR_NAMES = new Set([...Object.values(SCALARS), 'bytes']);

/** Every disagreement, one human-readable line each; empty when WIT and proto describe the same service. */
export function compareContracts(wit: WitModel, proto: ProtoModel): string[] {
  const problems: string[] = [];
  const usedMessages = new Set<string>(TRANSPORT_ONLY.messages);
  const compareFields = (where: string, message: string, expected: Array<{ name: string; type: WitType }>) => {
    const fields = proto.messages.get(message);
    if (!fields) {
      problems.push(`${where}: proto has no message ${message}`);
      return;
    }
    usedMessages.add(message);
    const want = expected.map((f) => snake(f.name));
    const got = [...fields].sort((a, b) => a.id - b.id).map((f) => f.name);
    if (want.join(',') !== got.join(',')) {
      problems.push(`${where}: fields differ — WIT ${want.join(', ')}; proto ${message} ${got.join(', ')}`);
    }
    for (const f of expected) {
      const pf = fields.find((x) => x.name === snake(f.name));
      if (pf) compareShape(`${where}.${f.name}`, protoShape(wit, f.type), pf);
    }
  };
  const compareShape = (where: string, want: Shape, got: ProtoField) => {
    if (got.label === 'map' && got.keyType !== 'string') problems.push(`${where}: proto map key must be string, is ${got.keyType}`);
    if (want.label !== got.label || want.type !== got.type) {
      problems.push(`${where}: WIT means ${want.label} ${want.type}, proto field ${got.name} is ${got.label} ${got.type}`);
    }
  };

  // Operations: the WIT functions of the service interfaces are exactly OPERATIONS, each an rpc with mirrored messages.
  const functions = SERVICE_INTERFACES.flatMap((i) => [...(wit.get(i)?.functions.values() ?? [])]);
  const witOps = new Set(functions.map((f) => snake(f.name)));
  for (const op of OPERATIONS) if (!witOps.has(op)) problems.push(`operation ${op}: no WIT function ${op.replace(/_/g, '-')}`);
  for (const f of functions) {
    const op = snake(f.name) as (typeof OPERATIONS)[number];
    if (!(OPERATIONS as readonly string[]).includes(op)) {
      problems.push(`WIT function ${f.name} is not an operation in host/src/contract/operations.ts`);
      continue;
    }
    const rpc = GRPC_METHODS[op];
    const method = proto.methods.get(rpc);
    if (!method) {
      problems.push(`operation ${op}: proto service has no rpc ${rpc}`);
      continue;
    }
    compareFields(`${f.name} parameters`, method.request, f.params);
    const result = f.result;
    if (result?.kind !== 'result' || !result.ok || result.err?.kind !== 'named' || result.err.name !== 'plugin-error') {
      problems.push(`${f.name}: WIT must return result<…, plugin-error>`);
      continue;
    }
    compareFields(`${f.name} reply`, method.response, [
      { name: 'success', type: { kind: 'prim', name: 'bool' } },
      { name: 'error', type: { kind: 'named', name: 'plugin-error' } },
      { name: 'result', type: result.ok },
    ]);
  }
  const knownRpcs = new Set<string>([...Object.values(GRPC_METHODS), ...TRANSPORT_ONLY.methods]);
  for (const rpc of proto.methods.keys()) if (!knownRpcs.has(rpc)) problems.push(`proto rpc ${rpc} is not an operation`);

  // Records: each record declared in a service interface is a message of the same name and fields.
  for (const iface of SERVICE_INTERFACES) {
    for (const [name, t] of wit.get(iface)?.types ?? []) {
      if (t.kind !== 'record' || declaringInterface(wit, name) !== iface) continue;
      compareFields(`record ${iface}.${name}`, pascal(name), t.fields);
    }
  }
  for (const message of proto.messages.keys()) {
    if (!usedMessages.has(message)) problems.push(`proto message ${message} mirrors no WIT record or operation`);
  }
  return problems;
}
