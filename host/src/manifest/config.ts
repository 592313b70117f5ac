// The configuration a plugin sees through mockforge.config_get: each property's `default` from
// configuration.schema, overlaid by the user's values (coerced to the property's declared type when given as text).
import type { PluginManifest } from './types';

export function resolveConfig(manifest: PluginManifest | undefined, user: Record<string, unknown> = {}): Record<string, unknown> {
  const props = manifest?.configuration?.schema?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) if (prop.default !== undefined) out[key] = prop.default;
  for (const [key, value] of Object.entries(user)) out[key] = coerce(value, props[key]?.type);
  return out;
}

function coerce(value: unknown, type: string | undefined): unknown {
  if (typeof value !== 'string' || !type || type === 'string') return value;
  if (type === 'number' || type === 'integer') {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'object' || type === 'array') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** `KEY=VALUE` pairs (from --config) into an object; the first `=` splits. */
export function parseConfigPairs(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--config expects KEY=VALUE, got "${pair}"`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
