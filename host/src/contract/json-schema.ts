// JSON Schemas (draft 2020-12 / ajv-compatible) for request bodies and results, generated from schema.ts, for editors
// that validate or complete saved request files and for tools that prefer JSON Schema to validate.ts.
import type { Operation } from './operations';
import { RECORDS, REQUESTS, RESULTS, Spec } from './schema';
import type { RecordName } from './schema';

export type JsonSchema = Record<string, unknown>;

/** The schema of `operation`'s request body; records are shared under `$defs`. */
export function requestJsonSchema(operation: Operation): JsonSchema {
  return { $id: `mockforge:plugin/${operation}/request`, ...fieldsSchema(REQUESTS[operation]), $defs: defs() };
}

/** The schema of `operation`'s successful `result`. */
export function resultJsonSchema(operation: Operation): JsonSchema {
  return { $id: `mockforge:plugin/${operation}/result`, $ref: `#/$defs/${RESULTS[operation]}`, $defs: defs() };
}

function defs(): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(RECORDS).map(([name, fields]) => [name, { description: `WIT record ${name}`, ...fieldsSchema(fields) }]));
}

function fieldsSchema(fields: Record<string, Spec>): JsonSchema {
  // Absent options are none, absent lists and maps are empty: everything else is required.
  const required = Object.entries(fields).filter(([, s]) => !['option', 'list', 'string-map', 'json-map'].includes(s.kind)).map(([n]) => n);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([n, s]) => [n, specSchema(s)])),
    ...(required.length ? { required } : {}),
  };
}

function specSchema(spec: Spec): JsonSchema {
  switch (spec.kind) {
    case 'string': return { type: 'string' };
    case 'bool': return { type: 'boolean' };
    case 'json': return {};
    case 'uint': return spec.bits === 64 ? { type: 'integer', minimum: 0 } : { type: 'integer', minimum: 0, maximum: 2 ** spec.bits - 1 };
    // The alphabet only: a full base64 pattern overflows V8's regex stack on large bodies. validate.ts checks padding.
    case 'bytes': return { type: 'string', contentEncoding: 'base64', pattern: '^[A-Za-z0-9+/]*={0,2}$' };
    case 'enum': return { enum: [...spec.values] };
    case 'string-map': return { type: 'object', additionalProperties: { type: 'string' } };
    case 'json-map': return { type: 'object' };
    case 'option': return { anyOf: [specSchema(spec.of), { type: 'null' }] };
    case 'list': return { type: 'array', items: specSchema(spec.of) };
    case 'record': return { $ref: `#/$defs/${spec.name satisfies RecordName}` };
  }
}
