// The one manifest schema (schemas/plugin.schema.json), its ajv validator compiled once on first use, and lookups of
// the sub-schema at a path (for hover and completion).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schemaJson from '../../../schemas/plugin.schema.json';
import type { Path } from './paths';

export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  examples?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  format?: string;
  /** Our annotation: the sentence shown when `pattern` fails. */
  errorMessage?: string;
}

export const manifestSchema = schemaJson as unknown as JsonSchema;

let validator: ValidateFunction | undefined;

/** ajv.compile costs tens of milliseconds: do it once, on first validation. */
export function manifestValidator(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true });
    addFormats(ajv);
    ajv.addVocabulary(['errorMessage']);
    validator = ajv.compile(schemaJson);
  }
  return validator;
}

/** The schema that describes the value at `path` (numbers and '*' step into array items). */
export function schemaAt(path: readonly (string | number)[], root: JsonSchema = manifestSchema): JsonSchema | undefined {
  let s: JsonSchema | undefined = root;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number' || seg === '*') s = s.items;
    else if (s.properties && Object.prototype.hasOwnProperty.call(s.properties, seg)) s = s.properties[seg];
    else if (typeof s.additionalProperties === 'object') s = s.additionalProperties;
    else return undefined;
  }
  return s;
}

export function schemaAtPath(path: Path): JsonSchema | undefined {
  return schemaAt(path);
}

export function typeName(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const t = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type ?? 'any';
  if (t === 'array' && schema.items) return `${typeName(schema.items)}[]`;
  return t;
}
