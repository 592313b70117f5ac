// Completion: keys by path (snippets that fill in whole sections), enum values, booleans, `types` items,
// toolchains and file paths — never a key that is already present.
import { isAbsolute, join, relative, extname } from 'node:path';
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import { isRecord, type ManifestDocument } from './parse';
import { cursorContext } from './context';
import { sectionValue } from './section';
import type { Path } from './paths';
import { schemaAt, typeName, type JsonSchema } from './schema';
import { sampleValue, yamlScalar } from './edits';
import type { ManifestFileSystem } from './fs';
import { OPERATIONS_BY_KIND, type PluginKind } from '../../../host/src/contract/operations';

export interface CompletionOptions {
  dir?: string;
  fs?: ManifestFileSystem;
}

/** Which file extensions complete for path-valued keys. */
const FILE_KEYS: Record<string, string[]> = {
  'wasm.path': ['.wasm'],
  'pyodide.entry': ['.py'],
  'wasm.build.source': ['.ts', '.go', '.rs', '.c', '.cc', '.cpp', '.js', '.mjs', '.py'],
  'remote.tls.ca_file': ['.pem', '.crt'],
  'remote.tls.cert_file': ['.pem', '.crt'],
  'remote.tls.key_file': ['.pem', '.key'],
};

const escapeSnippet = (s: string) => s.replace(/[$}\\]/g, (c) => `\\${c}`);

function snippetValue(schema: JsonSchema | undefined, tab: number): string {
  if (schema?.enum?.length) return `\${${tab}|${schema.enum.map((v) => String(v).replace(/[,|]/g, '')).join(',')}|}`;
  if (schema?.type === 'boolean') return `\${${tab}|${schema.default === true ? 'true,false' : 'false,true'}|}`;
  if (schema?.type === 'array' && schema.items?.enum) return `[\${${tab}|${schema.items.enum.map(String).join(',')}|}]`;
  const v = sampleValue(schema);
  return `\${${tab}:${escapeSnippet(yamlScalar(v))}}`;
}

/** The text a key completes to: a value placeholder, or a block with the section's required keys. */
export function keySnippet(key: string, schema: JsonSchema | undefined): string {
  if (schema?.type === 'object' && schema.properties) {
    const required = schema.required ?? [];
    if (required.length === 0) return `${key}:\n  $1`;
    let tab = 1;
    const lines = required.map((r) => {
      const child = schema.properties?.[r];
      if (child?.type === 'object' && child.properties) return `  ${r}:\n${keySnippet('', child).split('\n').slice(1).map((l) => `  ${l}`).join('\n')}`;
      return `  ${r}: ${snippetValue(child, tab++)}`;
    });
    return `${key}:\n${lines.join('\n')}`;
  }
  if (schema?.type === 'object') return `${key}:\n  $1`;
  if (schema?.type === 'array' && !schema.items?.enum && schema.items?.type === 'object') return `${key}:\n  - $1`;
  if (schema?.type === 'array' && !schema.items?.enum) return `${key}:\n  - \${1}`;
  return `${key}: ${snippetValue(schema, 1)}`;
}

function documentation(schema: JsonSchema): { kind: typeof MarkupKind.Markdown; value: string } {
  const parts = [schema.description ?? ''];
  if (schema.default !== undefined) parts.push(`Default: \`${JSON.stringify(schema.default)}\``);
  return { kind: MarkupKind.Markdown, value: parts.filter(Boolean).join('\n\n') };
}

/** Keys already in the mapping at `path`, read from the plain value (no syntax tree needed while typing). */
function presentKeys(doc: ManifestDocument, path: Path, typing: string): Set<string> {
  const v = valueAt(doc, path);
  const keys = new Set(isRecord(v) ? Object.keys(v) : []);
  // The word being typed is itself a key of the value (`rem` → {rem: null}); a complete one must stay offered.
  keys.delete(typing);
  return keys;
}

/** The plain value at `path`: from its section alone when that is safe, else from the whole document. */
function valueAt(doc: ManifestDocument, path: Path): unknown {
  return (sectionValue(doc, path) ?? { value: getIn(doc.value, path) }).value;
}

function getIn(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function keyItems(doc: ManifestDocument, path: Path, typing: string, range: { start: Position; end: Position }): CompletionItem[] {
  const schema = schemaAt(path);
  if (!schema?.properties) return [];
  const present = presentKeys(doc, path, typing);
  return Object.entries(schema.properties)
    .filter(([k]) => !present.has(k))
    .map(([k, s], i) => ({
      label: k,
      kind: s.type === 'object' ? CompletionItemKind.Module : CompletionItemKind.Property,
      detail: typeName(s),
      documentation: documentation(s),
      insertTextFormat: InsertTextFormat.Snippet,
      // Snippet lines are relative to the key's line; the editor re-indents them (VS Code's default, made explicit).
      insertTextMode: InsertTextMode.adjustIndentation,
      textEdit: { range, newText: keySnippet(k, s) },
      sortText: String(i).padStart(3, '0'),
      filterText: k,
    }));
}

function listFiles(fs: ManifestFileSystem, dir: string, exts: string[], depth = 3): string[] {
  const out: string[] = [];
  const walk = (d: string, level: number) => {
    for (const name of fs.listDir(d)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const full = join(d, name);
      if (exts.includes(extname(name).toLowerCase())) out.push(relative(dir, full));
      else if (level < depth && !extname(name)) walk(full, level + 1);
      if (out.length > 200) return;
    }
  };
  walk(dir, 0);
  return out.sort();
}

function valueItems(path: Path, range: { start: Position; end: Position }, options: CompletionOptions, exclude: Set<string> = new Set()): CompletionItem[] {
  const schema = schemaAt(path);
  if (!schema) return [];
  const items: CompletionItem[] = [];
  const values = schema.enum ?? (schema.type === 'boolean' ? [true, false] : []);
  for (const v of values) {
    if (exclude.has(String(v))) continue;
    const kindDoc = path.includes('types') && typeof v === 'string' && v in OPERATIONS_BY_KIND
      ? `Requires: ${OPERATIONS_BY_KIND[v as PluginKind].map((o) => `\`${o}\``).join(', ')}` : undefined;
    items.push({
      label: String(v),
      kind: typeof v === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
      detail: schema.default === v ? 'default' : undefined,
      documentation: kindDoc ? { kind: MarkupKind.Markdown, value: kindDoc } : undefined,
      textEdit: { range, newText: String(v) },
    });
  }
  const dotted = path.filter((s) => typeof s === 'string').join('.');
  const exts = FILE_KEYS[dotted];
  if (exts && options.dir && options.fs) {
    for (const file of listFiles(options.fs, options.dir, exts)) {
      const rel = isAbsolute(file) ? file : file.split('\\').join('/');
      items.push({ label: rel, kind: CompletionItemKind.File, textEdit: { range, newText: rel } });
    }
  }
  if (items.length === 0 && schema.examples?.length && schema.type !== 'object' && schema.type !== 'array') {
    for (const ex of schema.examples) items.push({ label: String(ex), kind: CompletionItemKind.Value, detail: 'example', textEdit: { range, newText: typeof ex === 'string' ? ex : JSON.stringify(ex) } });
  }
  return items;
}

/** Scalar items already in the list at `listPath` (except the one being typed). */
function existingItems(doc: ManifestDocument, listPath: Path, typing: string): Set<string> {
  const existing = new Set<string>();
  const list = valueAt(doc, listPath);
  if (Array.isArray(list)) for (const v of list) existing.add(String(v));
  existing.delete(typing);
  return existing;
}

export function manifestCompletion(doc: ManifestDocument, position: Position, options: CompletionOptions = {}): CompletionList {
  const ctx = cursorContext(doc.lines, position);
  const range = { start: doc.lines.positionAt(ctx.prefixStart), end: position };
  let items: CompletionItem[];
  if (ctx.kind === 'value' && ctx.inFlowList) {
    items = valueItems([...ctx.path, 0], range, options, existingItems(doc, ctx.path, ctx.prefix));
  } else if (ctx.kind === 'value') {
    items = valueItems(ctx.path, range, options);
    // `types: ` on the key's own line: offer the flow list form too.
    const schema = schemaAt(ctx.path);
    if (schema?.type === 'array' && schema.items?.enum && ctx.prefix === '') {
      items = schema.items.enum.map((v) => ({ label: `[${String(v)}]`, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: `[${String(v)}]` } }));
    }
  } else if (ctx.kind === 'item') {
    const itemSchema = schemaAt(ctx.path);
    if (itemSchema?.type === 'object') {
      items = keyItems(doc, ctx.path, ctx.prefix, range);
    } else {
      items = valueItems(ctx.path, range, options, existingItems(doc, ctx.path.slice(0, -1), ctx.prefix));
    }
  } else {
    items = keyItems(doc, ctx.path, ctx.prefix, range);
  }
  return { isIncomplete: false, items };
}
