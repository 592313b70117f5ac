// Turns a list_functions reply into the hints the template form shows (tolerant: a plugin's reply is untrusted).
import type { FunctionHint } from './messages';

export function functionHints(result: unknown): FunctionHint[] {
  const list = result !== null && typeof result === 'object' ? (result as { functions?: unknown }).functions : undefined;
  if (!Array.isArray(list)) return [];
  const hints: FunctionHint[] = [];
  for (const f of list) {
    if (f === null || typeof f !== 'object' || typeof (f as { name?: unknown }).name !== 'string') continue;
    const d = f as { name: string; description?: unknown; parameters?: unknown; return_type?: unknown };
    const params = Array.isArray(d.parameters) ? d.parameters.flatMap((p) => {
      if (p === null || typeof p !== 'object' || typeof (p as { name?: unknown }).name !== 'string') return [];
      const q = p as { name: string; param_type?: unknown; required?: unknown; var_args?: unknown };
      return [`${q.var_args === true ? '...' : ''}${q.name}${q.required === false ? '?' : ''}: ${typeof q.param_type === 'string' ? q.param_type : 'any'}`];
    }) : [];
    hints.push({
      name: d.name,
      description: typeof d.description === 'string' ? d.description : undefined,
      params,
      returnType: typeof d.return_type === 'string' ? d.return_type : undefined,
    });
  }
  return hints;
}

export function signature(f: FunctionHint): string {
  return `${f.name}(${f.params.join(', ')})${f.returnType ? ` → ${f.returnType}` : ''}`;
}
