// The plain value under one top-level section, parsed from that section's lines alone. Completion runs on every
// keystroke of a new version; parsing just `remote:` (a few lines) instead of the whole file keeps it cheap on large
// manifests. Anything that could make the section mean something else in the whole document (anchors, aliases,
// tags, merge keys, directives, a second key of the same name, tabs) sends the caller to the whole-document value.
import { load, CORE_SCHEMA } from 'js-yaml';
import { memo, type ManifestDocument } from './parse';
import type { Path } from './paths';

const UNSAFE = /[&*!\t]|<<|^(%|---|\.\.\.)/m;

/** `getIn(doc.value, path)` computed from the section `path[0]` only, or undefined when that is not safe. */
export function sectionValue(doc: ManifestDocument, path: Path): { value: unknown } | undefined {
  const name = path[0];
  if (typeof name !== 'string' || !/^[A-Za-z_][\w-]*$/.test(name)) return undefined;
  // Once per document version and section: completion asks again on every keystroke of the same version.
  const parsed = memo(doc, `section:${name}`, () => parseSection(doc.text, name) ?? null);
  if (!parsed) return undefined;
  let value = parsed.value;
  for (const seg of path) {
    if (value === null || typeof value !== 'object') return { value: undefined };
    value = (value as Record<string | number, unknown>)[seg];
  }
  return { value };
}

function parseSection(text: string, name: string): { value: unknown } | undefined {
  // A root mapping in column 0 (the first content is a plain key), one document, no directives.
  if (!/^(?:[ ]*(?:#[^\n]*)?\n)*[A-Za-z_]/.test(text) || /^(%|---|\.\.\.)/m.test(text)) return undefined;
  const head = new RegExp(`^${name}[ ]*:(?=[ \\n]|$)`, 'gm');
  const first = head.exec(text);
  if (!first || head.exec(text)) return undefined;
  // The section runs to the next line that starts in column 0 with something other than a comment.
  const next = /\n(?=[^\s#])/g;
  next.lastIndex = first.index + first[0].length;
  const end = next.exec(text)?.index;
  // The next column-0 line must be another plain key: `- item` there would still belong to this section.
  if (end !== undefined && !/^[A-Za-z_][\w-]*[ ]*:(?=[ \n]|$)/.test(text.slice(end + 1, end + 200))) return undefined;
  const slice = text.slice(first.index, end);
  if (UNSAFE.test(slice) || text.charCodeAt(0) === 0xfeff || text.includes('\r')) return undefined;
  // Flow or quoted text that continues past the slice would be cut: only whole, parseable sections count.
  try {
    return { value: load(slice, { schema: CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}
