// {{variable}} substitution from an environment of .mockforge/env.json. Works on the parsed request, string by string,
// so a value holding quotes or backslashes can never break the JSON around it.

export type Variables = Readonly<Record<string, string>>;

export interface Substituted {
  value: unknown;
  /** Variables used but not defined in the environment (each once, in order of first use). */
  missing: string[];
}

const VARIABLE = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

/** Replaces {{name}} in every string (keys included) of a JSON value. Unknown names stay as written and are listed. */
export function substitute(value: unknown, vars: Variables): Substituted {
  const missing: string[] = [];
  const inString = (s: string): string => s.replace(VARIABLE, (whole, name: string) => {
    if (Object.prototype.hasOwnProperty.call(vars, name)) return vars[name];
    if (!missing.includes(name)) missing.push(name);
    return whole;
  });
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return inString(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) out[inString(k)] = walk(item);
      return out;
    }
    return v;
  };
  return { value: walk(value), missing };
}

/** The variable names a JSON text uses, in order of first use. */
export function variablesIn(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(VARIABLE)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

/**
 * Reads .mockforge/env.json: `{ "<environment>": { "<variable>": "<value>" } }`. Numbers and booleans become their
 * text; anything else is an error naming where it is.
 */
export function parseEnvironments(text: string, file = 'env.json'): Record<string, Record<string, string>> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${file}: expected an object of environments, e.g. {"dev": {"token": "..."}}`);
  const envs: Record<string, Record<string, string>> = {};
  for (const [env, vars] of Object.entries(data)) {
    if (typeof vars !== 'object' || vars === null || Array.isArray(vars)) throw new Error(`${file}: environment "${env}" must be an object of variables`);
    envs[env] = {};
    for (const [name, v] of Object.entries(vars)) {
      if (typeof v === 'string') envs[env][name] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') envs[env][name] = String(v);
      else throw new Error(`${file}: ${env}.${name} must be a string, number or boolean`);
    }
  }
  return envs;
}
