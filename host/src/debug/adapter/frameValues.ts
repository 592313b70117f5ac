// A frame's locals and parameters as plain values, for conditions, logpoints and evaluate (expressions.ts): read the
// way the Variables view reads them (frames.ts `variables`), so an AssemblyScript string is its text.
import type { Cdp } from './cdp';
import type { Value } from './expressions';
import { variables, type CdpCallFrame } from './frames';

function plain(type: string | undefined, value: string): Value | undefined {
  if (type?.startsWith('string') || type === 'string') {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value;
    }
  }
  if (/^-?\d+(\.\d+)?(e[+-]?\d+)?n?$/i.test(value)) return Number(value.replace(/n$/, ''));
  if (value === 'true' || value === 'false') return value === 'true';
  if (value === 'null') return null;
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  return undefined; // objects, functions: not values the expressions can use
}

export async function frameValues(cdp: Cdp, frame: CdpCallFrame, assemblyScript: boolean): Promise<Map<string, Value>> {
  const local = frame.scopeChain.find((s) => s.type === 'local')?.object.objectId;
  const values = new Map<string, Value>();
  if (!local) return values;
  const moduleScope = assemblyScript ? frame.scopeChain.find((s) => s.type === 'module')?.object.objectId : undefined;
  for (const v of await variables(cdp, { objectId: local, moduleScope }, () => 0)) {
    const p = plain(v.type, v.value);
    if (p !== undefined && !values.has(v.name)) values.set(v.name, p);
  }
  return values;
}
