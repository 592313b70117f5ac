// Maps the JSON wire format (docs/protocol.md) to the messages of wit/plugin.proto and back, so the gRPC transport
// carries exactly the bodies and envelopes the HTTP transport does. The proto keeps WIT's `json` values as JSON
// text: single fields (`string`), `json-map`s (`map<string, string>` whose values are JSON text) and `list<json>`.
// The tables below name those fields; test/remote/grpc-codec.test.ts checks them against the proto's comments.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadSync } from '@grpc/proto-loader';
import type { PackageDefinition } from '@grpc/proto-loader';

export const PROTO_PACKAGE = 'mockforge.plugin.v1';
export const SERVICE_NAME = `${PROTO_PACKAGE}.PluginService`;

/** Fields holding one JSON value as text (repeated ones hold one per element). */
export const JSON_TEXT_FIELDS: Readonly<Record<string, readonly string[]>> = {
  AuthCredentials: ['data'],
  FunctionParameter: ['default_value'],
  FunctionResult: ['result'],
  ExecuteFunctionRequest: ['args'],
  ResponseRequest: ['auth_context'],
  QueryFilter: ['value'],
};

/** `map<string, string>` fields whose values are JSON text (WIT json-map). */
export const JSON_MAP_FIELDS: Readonly<Record<string, readonly string[]>> = {
  PluginError: ['details'],
  PluginCapabilities: ['metadata'],
  UserIdentity: ['attributes'],
  AuthResult: ['claims', 'metadata'],
  ResponseRequest: ['custom'],
  ResponseData: ['metadata', 'custom'],
  DataQuery: ['parameters', 'options'],
  DataRow: ['values', 'metadata'],
  DataResult: ['metadata'],
};

export const LOADER_OPTIONS = { keepCase: true, longs: Number, enums: String, bytes: String, defaults: true, oneofs: false } as const;

/** Finds plugin.proto: an explicit path, $MOCKFORGE_PLUGIN_PROTO, a copy beside the package, or wit/ of the repo. */
export function findProto(explicit?: string, from: string = __dirname): string {
  const candidates = [explicit, process.env.MOCKFORGE_PLUGIN_PROTO, join(from, 'plugin.proto'), join(from, '..', 'plugin.proto')];
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    candidates.push(join(dir, 'wit', 'plugin.proto'));
    if (dirname(dir) === dir) break;
  }
  const found = candidates.find((p): p is string => typeof p === 'string' && existsSync(p));
  if (!found) throw new Error(`cannot find plugin.proto (looked in ${candidates.filter(Boolean).join(', ')}); set MOCKFORGE_PLUGIN_PROTO`);
  return found;
}

export function loadPluginProto(protoPath?: string): PackageDefinition {
  return loadSync(findProto(protoPath), { ...LOADER_OPTIONS });
}

interface FieldInfo {
  repeated: boolean;
  /** Fully qualified message type of a (non-map) message field. */
  message?: string;
  map: boolean;
}

/** Thrown when a peer's JSON text does not parse. */
export class CodecError extends Error {}

export class ProtoCodec {
  private readonly cache = new Map<string, Map<string, FieldInfo>>();

  constructor(readonly definition: PackageDefinition) {}

  /** JSON wire value → object for proto-loader's serializer. */
  toProto(typeName: string, value: unknown): unknown {
    return this.walk(typeName, value, 'to');
  }

  /** Object from proto-loader's deserializer → JSON wire value (null message fields dropped). */
  fromProto(typeName: string, value: unknown): unknown {
    return this.walk(typeName, value, 'from');
  }

  private walk(typeName: string, value: unknown, dir: 'to' | 'from'): unknown {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const fields = this.fields(typeName);
    const short = typeName.slice(typeName.lastIndexOf('.') + 1);
    const jsonText = JSON_TEXT_FIELDS[short] ?? [];
    const jsonMap = JSON_MAP_FIELDS[short] ?? [];
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const info = fields.get(key);
      // Absent and null are the same on the wire (proto3 presence); proto-loader reports unset messages as null.
      if (v === null || v === undefined) continue;
      if (jsonText.includes(key)) {
        out[key] = info?.repeated && Array.isArray(v) ? v.map((x) => this.text(x, dir, `${short}.${key}`)) : this.text(v, dir, `${short}.${key}`);
      } else if (jsonMap.includes(key) && typeof v === 'object' && !Array.isArray(v)) {
        out[key] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, this.text(x, dir, `${short}.${key}.${k}`)]));
      } else if (info?.message && !info.map) {
        out[key] = info.repeated && Array.isArray(v) ? v.map((x) => this.walk(info.message!, x, dir)) : this.walk(info.message, v, dir);
      } else {
        out[key] = v;
      }
    }
    return out;
  }

  private text(v: unknown, dir: 'to' | 'from', where: string): unknown {
    if (dir === 'to') return JSON.stringify(v === undefined ? null : v);
    if (typeof v !== 'string') return v;
    if (v === '') return null;
    try {
      return JSON.parse(v);
    } catch {
      throw new CodecError(`${where} must hold JSON text, got ${JSON.stringify(v.slice(0, 80))}`);
    }
  }

  private fields(typeName: string): Map<string, FieldInfo> {
    const cached = this.cache.get(typeName);
    if (cached) return cached;
    const entry = this.definition[typeName] as { type?: { field?: DescriptorField[]; nestedType?: Array<{ name: string; options?: { mapEntry?: boolean } | null }> } } | undefined;
    const fields = new Map<string, FieldInfo>();
    const mapTypes = new Set((entry?.type?.nestedType ?? []).filter((n) => n.options?.mapEntry).map((n) => n.name));
    for (const f of entry?.type?.field ?? []) {
      const isMessage = f.type === 'TYPE_MESSAGE';
      const map = isMessage && mapTypes.has(f.typeName);
      fields.set(f.name, {
        repeated: f.label === 'LABEL_REPEATED',
        map,
        message: isMessage && !map ? this.qualify(f.typeName) : undefined,
      });
    }
    this.cache.set(typeName, fields);
    return fields;
  }

  private qualify(name: string): string {
    const n = name.replace(/^\./, '');
    return this.definition[n] ? n : `${PROTO_PACKAGE}.${n}`;
  }
}

interface DescriptorField {
  name: string;
  label: string;
  type: string;
  typeName: string;
}
