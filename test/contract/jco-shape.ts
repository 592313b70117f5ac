// Checks JavaScript values against the TypeScript declarations jco generates for the WIT package (`transpile`),
// so the representation wit-values.ts produces is the one jco's bindings actually expect.
import * as ts from 'typescript';
import { embedWorld, loadJco } from './wit-package';

export interface JcoDeclarations {
  /** Interfaces (records) by name: member → { type text, optional }. */
  interfaces: Map<string, Map<string, { type: string; optional: boolean }>>;
  /** Type aliases by name → type text (string-literal unions are enums). */
  aliases: Map<string, string>;
  /** Exported functions by WIT name (kebab) → parameter types and return type. */
  functions: Map<string, { params: string[]; returns: string }>;
}

export async function jcoDeclarations(witSource: string, world: string): Promise<JcoDeclarations> {
  const { componentNew, transpile } = await loadJco();
  const out = await transpile(await componentNew(await embedWorld(witSource, world)), { name: 'plugin', instantiation: 'async' });
  const decls: JcoDeclarations = { interfaces: new Map(), aliases: new Map(), functions: new Map() };
  for (const [name, bytes] of Object.entries(out.files)) {
    if (!name.startsWith('interfaces/') || !name.endsWith('.d.ts')) continue;
    const file = ts.createSourceFile(name, new TextDecoder().decode(bytes), ts.ScriptTarget.ES2022, true);
    for (const stmt of file.statements) {
      if (ts.isInterfaceDeclaration(stmt)) {
        decls.interfaces.set(stmt.name.text, new Map(stmt.members.filter(ts.isPropertySignature).map((m) => [m.name.getText(file), { type: m.type!.getText(file), optional: !!m.questionToken }])));
      } else if (ts.isTypeAliasDeclaration(stmt)) {
        const text = stmt.type.getText(file);
        // `import('./mockforge-plugin-types.js').PluginContext` re-exports are the same type.
        const reexport = /^import\([^)]*\)\.(\w+)$/.exec(text);
        if (!reexport || reexport[1] !== stmt.name.text) decls.aliases.set(stmt.name.text, text);
      } else if (ts.isFunctionDeclaration(stmt) && stmt.name) {
        const kebab = stmt.name.text.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        decls.functions.set(kebab, { params: stmt.parameters.map((p) => p.type!.getText(file)), returns: stmt.type?.getText(file) ?? 'void' });
      }
    }
  }
  return decls;
}

/** Problems (path: message) where `value` does not conform to the jco type written as `type`. */
export function conform(decls: JcoDeclarations, type: string, value: unknown, path = 'value'): string[] {
  const bad = (what: string) => [`${path}: expected ${what}, got ${describe(value)}`];
  if (type === 'string') return typeof value === 'string' ? [] : bad('string');
  if (type === 'boolean') return typeof value === 'boolean' ? [] : bad('boolean');
  if (type === 'number') return typeof value === 'number' ? [] : bad('number');
  if (type === 'bigint') return typeof value === 'bigint' ? [] : bad('bigint');
  if (type === 'Uint8Array') return value instanceof Uint8Array ? [] : bad('Uint8Array');
  const array = /^Array<(.*)>$/.exec(type);
  if (array) return Array.isArray(value) ? value.flatMap((x, i) => conform(decls, array[1], x, `${path}[${i}]`)) : bad(type);
  const tuple = /^\[(.*)\]$/.exec(type);
  if (tuple) {
    const items = tuple[1].split(',').map((s) => s.trim());
    if (!Array.isArray(value) || value.length !== items.length) return bad(type);
    return items.flatMap((t, i) => conform(decls, t, value[i], `${path}[${i}]`));
  }
  if (/^'[^']*'( \| '[^']*')*$/.test(type)) {
    const cases = type.split(' | ').map((c) => c.slice(1, -1));
    return typeof value === 'string' && cases.includes(value) ? [] : bad(`one of ${type}`);
  }
  const alias = decls.aliases.get(type);
  if (alias !== undefined) return conform(decls, alias, value, path);
  const iface = decls.interfaces.get(type);
  if (!iface) return [`${path}: jco declares no type ${type}`];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(type);
  const problems: string[] = [];
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!iface.has(key)) problems.push(`${path}.${key}: ${type} has no such member`);
  for (const [key, m] of iface) {
    const v = record[key];
    if (v === undefined) {
      if (!m.optional) problems.push(`${path}.${key}: required by ${type}`);
      continue;
    }
    problems.push(...conform(decls, m.type, v, `${path}.${key}`));
  }
  return problems;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Uint8Array) return 'a Uint8Array';
  return typeof v;
}
