// Which world a component implements (from its embedded WIT, jco componentWit) and whether it fits the product's
// wit/: exported mockforge interfaces must exist with the same version, functions and record fields.
import type { WitModel, WitType } from './wit-model';
import { camel } from './wit-model';

export interface ComponentWorld {
  /** The world as the component declares it (WIT text). */
  wit: string;
  imports: string[];
  exports: string[];
  /** Exported mockforge:plugin interfaces by short name (`auth`, `template` …). */
  interfaces: string[];
  problems: string[];
}

const WASI_PACKAGES = new Set(['wasi:cli', 'wasi:clocks', 'wasi:filesystem', 'wasi:http', 'wasi:io', 'wasi:random', 'wasi:sockets']);

function parseName(name: string): { pkg: string; iface: string; version?: string } | undefined {
  const m = /^([a-z][\w-]*:[a-z][\w-]*)\/([a-z][\w-]*)(?:@(.+))?$/.exec(name);
  return m ? { pkg: m[1], iface: m[2], version: m[3] } : undefined;
}

function sameApi(a: string, b: string): boolean {
  const [am, an] = a.split('.');
  const [bm, bn] = b.split('.');
  return am === bm && (am !== '0' || an === bn);
}

/** Reads `import x;` / `export y;` lines of the root world that componentWit prints. */
export function checkWorld(wit: string, model: WitModel): ComponentWorld {
  // Only `import ns:pkg/iface@v;` lines: inline interfaces (componentize-py's own `exports: interface {…}`) are the
  // toolchain's business, not something the host calls.
  const imports = [...wit.matchAll(/^\s*import\s+([a-z][\w-]*:[^\s;:]+);\s*$/gm)].map((m) => m[1]);
  const exports = [...wit.matchAll(/^\s*export\s+([a-z][\w-]*:[^\s;:]+);\s*$/gm)].map((m) => m[1]);
  const problems: string[] = [];
  const [ns] = model.package.split('@');
  const interfaces: string[] = [];
  for (const e of exports) {
    const n = parseName(e);
    if (!n || n.pkg !== ns) {
      problems.push(`exports ${e}, which is not part of ${model.package} (the host calls only mockforge:plugin interfaces)`);
      continue;
    }
    if (n.version && !sameApi(n.version, model.version)) {
      problems.push(`exports ${e}, but this host speaks ${ns}@${model.version}: rebuild the component against the product's wit/`);
      continue;
    }
    const iface = model.interfaces.get(n.iface);
    if (!iface || n.iface === 'host' || n.iface === 'types') {
      problems.push(`exports ${e}, which is not an operation interface of ${model.package} (auth, template, response, datasource, capabilities)`);
      continue;
    }
    interfaces.push(n.iface);
  }
  if (exports.length > 0 && interfaces.length === 0 && problems.length === 0) problems.push(`exports none of the ${model.package} interfaces`);
  if (exports.length === 0) problems.push(`exports nothing: a plugin component exports ${ns}/auth, template, response, datasource or capabilities`);
  for (const i of imports) {
    const n = parseName(i);
    if (n && WASI_PACKAGES.has(n.pkg)) continue;
    if (n && n.pkg === ns && (n.iface === 'host' || n.iface === 'types') && (!n.version || sameApi(n.version, model.version))) continue;
    problems.push(`imports ${i}, which the host does not provide (it provides ${ns}/host@${model.version} and WASI 0.2)`);
  }
  return { wit, imports, exports, interfaces, problems };
}

/**
 * Compares the TypeScript declarations jco generated from the component's own types with the product WIT: a
 * missing function, different parameters or different record fields mean the component was built against another
 * version of the interface, and values would not convert.
 */
export function checkDeclarations(files: Record<string, string>, world: ComponentWorld, model: WitModel): string[] {
  const problems: string[] = [];
  const records = new Map<string, Extract<WitType, { kind: 'record' }>>();
  const collect = (t: WitType | undefined): void => {
    if (!t) return;
    if (t.kind === 'record' && !records.has(t.name)) {
      records.set(t.name, t);
      t.fields.forEach((f) => collect(f.type));
    } else if (t.kind === 'option') collect(t.inner);
    else if (t.kind === 'list') collect(t.elem);
    else if (t.kind === 'pairs') collect(t.value);
    else if (t.kind === 'result') { collect(t.ok); collect(t.err); }
  };
  for (const name of world.interfaces) {
    const iface = model.interfaces.get(name);
    const dts = files[`interfaces/mockforge-plugin-${name}.d.ts`];
    if (!iface || dts === undefined) continue;
    const declared = new Map<string, string[]>();
    for (const m of dts.matchAll(/^export function ([\w$]+)\(([^)]*)\)/gm)) {
      declared.set(m[1], m[2].split(',').map((p) => p.trim().split(':')[0].replace('?', '').trim()).filter(Boolean));
    }
    for (const f of iface.functions.values()) {
      collect(f.result);
      f.params.forEach((p) => collect(p.type));
      const params = declared.get(camel(f.name));
      if (!params) {
        problems.push(`${name}.${f.name} is missing: the component's ${name} interface does not export it`);
        continue;
      }
      const expected = f.params.map((p) => camel(p.name));
      if (params.join(',') !== expected.join(',')) {
        problems.push(`${name}.${f.name} has parameters (${params.join(', ')}); the product WIT has (${expected.join(', ')})`);
      }
    }
  }
  const allDts = Object.entries(files).filter(([f]) => f.startsWith('interfaces/mockforge-plugin-')).map(([, t]) => t).join('\n');
  for (const rec of records.values()) {
    const tsName = rec.name.split('-').map((s) => s[0].toUpperCase() + s.slice(1)).join('');
    const m = new RegExp(`^export interface ${tsName} \\{\\n([\\s\\S]*?)\\n\\}`, 'm').exec(allDts);
    if (!m) continue;
    const fields = m[1].split('\n').map((l) => /^\s*(?:'([^']+)'|([\w$]+))(\??):/.exec(l)).filter((x): x is RegExpExecArray => !!x).map((x) => x[1] ?? x[2]);
    const expected = rec.fields.map((f) => camel(f.name));
    const missing = expected.filter((f) => !fields.includes(f));
    const extra = fields.filter((f) => !expected.includes(f));
    if (missing.length || extra.length) {
      problems.push(`record ${rec.name} differs from the product WIT:` +
        (missing.length ? ` missing ${missing.join(', ')}` : '') + (extra.length ? `${missing.length ? ';' : ''} unknown ${extra.join(', ')}` : ''));
    }
  }
  return problems;
}
