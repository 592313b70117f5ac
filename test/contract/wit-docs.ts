// Finds WIT items (interfaces, worlds, types, fields, enum cases, functions, imports, exports) that lack a `///`
// comment on the line above. Line-based on purpose: it lints this package's own files, written one item per line.

const ITEM = /^\s*(?:(?:interface|world|record|enum|variant|flags|resource|type|import|export|include)\s|%?[a-z][a-z0-9-]*\s*(?::|,\s*$))/;
const DOC = /^\s*\/\/\//;

export interface UndocumentedItem {
  line: number;
  text: string;
}

export function undocumentedItems(text: string): UndocumentedItem[] {
  const lines = text.split('\n');
  const out: UndocumentedItem[] = [];
  lines.forEach((line, i) => {
    if (ITEM.test(line) && !(i > 0 && DOC.test(lines[i - 1]))) out.push({ line: i + 1, text: line.trim() });
  });
  return out;
}
