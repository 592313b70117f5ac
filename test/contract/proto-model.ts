// wit/plugin.proto as protobufjs (the parser under @grpc/proto-loader) reads it, with field names kept as written.
import { createRequire } from 'node:module';
import type * as Protobuf from 'protobufjs';

// protobufjs arrives as @grpc/proto-loader's dependency; resolve it from there so hoisting does not matter.
const protobuf = createRequire(require.resolve('@grpc/proto-loader'))('protobufjs') as typeof Protobuf;

export type ProtoLabel = 'single' | 'optional' | 'repeated' | 'map';

export interface ProtoField {
  name: string;
  id: number;
  label: ProtoLabel;
  /** Scalar type name (`string`, `uint64`, …) or the short message name. Map fields: the value type. */
  type: string;
  keyType?: string;
}

export interface ProtoModel {
  packageName: string;
  service: string;
  /** rpc name → request and response message names. */
  methods: Map<string, { request: string; response: string }>;
  messages: Map<string, ProtoField[]>;
}

/** Parses the proto from text (so a test can parse a mutated copy) and resolves every type reference. */
export function protoModel(text: string, packageName = 'mockforge.plugin.v1', serviceName = 'PluginService'): ProtoModel {
  const { root } = protobuf.parse(text, new protobuf.Root(), { keepCase: true });
  root.resolveAll();
  const ns = root.lookup(packageName);
  if (!(ns instanceof protobuf.Namespace)) throw new Error(`package ${packageName} not found`);
  const service = ns.lookupService(serviceName);
  const methods = new Map<string, { request: string; response: string }>();
  for (const m of service.methodsArray) {
    methods.set(m.name, { request: m.resolvedRequestType?.name ?? m.requestType, response: m.resolvedResponseType?.name ?? m.responseType });
  }
  const messages = new Map<string, ProtoField[]>();
  for (const nested of ns.nestedArray) {
    if (!(nested instanceof protobuf.Type)) continue;
    messages.set(nested.name, nested.fieldsArray.map(readField));
  }
  return { packageName, service: serviceName, methods, messages };
}

function readField(f: Protobuf.Field): ProtoField {
  const type = f.resolvedType ? f.resolvedType.name : f.type;
  if (f instanceof protobuf.MapField) return { name: f.name, id: f.id, label: 'map', type, keyType: f.keyType };
  const optional = (f.options as Record<string, unknown> | undefined)?.proto3_optional === true;
  return { name: f.name, id: f.id, label: f.repeated ? 'repeated' : optional ? 'optional' : 'single', type };
}
