// Turns a resolved package set into one WIT source that wit-parser accepts through jco's `witSource` (jco must never
// be given paths, see toolchains.md pitfall A): the root package's files are joined under one `package …;` header and
// every other package (deps/ entries, nested blocks) becomes a nested `package … { … }` block.
import * as A from './ast';
import type { Resolution } from './resolve';
import type { SourceFile } from './symbols';

function slice(f: SourceFile, s: A.Span): string {
  return f.text.slice(s.start, s.end);
}

function itemsText(f: SourceFile, items: A.TopItem[]): string {
  return items.map((i) => slice(f, i)).join('\n');
}

export function combineForReference(res: Resolution): string {
  const root = res.packages.find((p) => p.isRoot && p.name);
  const parts: string[] = [];
  if (root?.name) parts.push(`package ${A.packageNameText(root.name)};`);
  const blocks: string[] = [];
  for (const f of res.files) {
    if (!f.isDep) parts.push(itemsText(f, f.parse.file.items));
    for (const n of f.parse.file.nested) blocks.push(slice(f, n));
  }
  const depGroups = new Map<string, SourceFile[]>();
  for (const f of res.files) if (f.isDep && f.pkg) depGroups.set(f.pkg.id, [...(depGroups.get(f.pkg.id) ?? []), f]);
  for (const [, files] of depGroups) {
    const name = files[0].pkg?.name;
    if (!name) continue;
    blocks.push(`package ${A.packageNameText(name)} {\n${files.map((f) => itemsText(f, f.parse.file.items)).join('\n')}\n}`);
  }
  return [...parts, ...blocks].join('\n') + '\n';
}
