// Where the cursor is, read from the text itself: completion runs while the user types, when the YAML is often
// incomplete, so the path comes from indentation rather than from the (possibly broken) AST.
import type { Path } from './paths';
import type { LineIndex } from '../text/lines';
import type { Position } from 'vscode-languageserver';

export interface CursorContext {
  kind: 'key' | 'value' | 'item';
  /** key: the map the new key goes into; value: the key whose value is typed; item: the sequence (with index 0). */
  path: Path;
  /** What has been typed of the key or value so far, and where it starts (offset). */
  prefix: string;
  prefixStart: number;
  /** Column where the key being typed starts. */
  indent: number;
  /** The value is being typed inside a flow list (`types: [auth, |]`). */
  inFlowList?: boolean;
}

const BLOCK_KEY = /^(\s*)(?:(-)\s+)?("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:\s*(?:[|>][-+]?\d*)?\s*(?:#.*)?$/;

const unquote = (k: string) => k.replace(/^["']|["']$/g, '');

/** Path of the map whose entries start at column `col`, looking upwards from `line`. */
export function parentPath(lines: LineIndex, line: number, col: number): Path {
  const path: Path = [];
  let cur = col;
  for (let l = line - 1; l >= 0 && cur > 0; l--) {
    const text = lines.lineText(l);
    if (/^\s*(#.*)?$/.test(text)) continue;
    const lead = text.length - text.trimStart().length;
    const dash = /^(\s*)-(\s+|$)/.exec(text);
    if (dash) {
      const contentCol = dash[0].length;
      if (contentCol === cur) {
        // A sibling entry of the same item map: we are inside sequence item 0 (any index, same schema).
        path.unshift(0);
        cur = lead;
        continue;
      }
      if (contentCol < cur) {
        const m = BLOCK_KEY.exec(text);
        if (m) {
          path.unshift(0, unquote(m[3]));
          cur = lead;
        }
        continue;
      }
      continue;
    }
    if (lead >= cur) continue;
    const m = BLOCK_KEY.exec(text);
    if (m) {
      path.unshift(unquote(m[3]));
      cur = lead;
    } else {
      // A scalar entry above us at a smaller indent: our line does not belong to a block value of it.
      cur = lead;
    }
  }
  return path;
}

export function cursorContext(lines: LineIndex, position: Position): CursorContext {
  const lineStart = lines.lineStart(position.line);
  const full = lines.lineText(position.line);
  const before = full.slice(0, Math.min(position.character, full.length));
  const dash = /^(\s*)-(?:\s+|$)/.exec(before);
  const lead = dash ? dash[0].length : before.length - before.trimStart().length;
  const content = before.slice(lead);
  const parent = dash ? [...parentPath(lines, position.line, dash[1].length + 1), 0] : parentPath(lines, position.line, lead);
  const pair = /^("[^"]*"|'[^']*'|[^\s#'"][^:#]*?)\s*:(?:\s+|$)/.exec(content);
  if (pair) {
    const typed = content.slice(pair[0].length);
    // Inside a flow list (`types: [auth, te|`) only the current element counts.
    const prefix = typed.replace(/^.*[[,]\s*/, '').replace(/^["']/, '');
    return { kind: 'value', path: [...parent, unquote(pair[1])], prefix, prefixStart: lineStart + before.length - prefix.length, indent: lead, inFlowList: /^\s*\[/.test(typed) };
  }
  if (/^[\w-]*$/.test(content)) {
    // `- ` then a word: a scalar item or the first key of an item map; the schema decides (see completion.ts).
    return { kind: dash ? 'item' : 'key', path: parent, prefix: content, prefixStart: lineStart + lead, indent: lead };
  }
  const prefix = content.replace(/^["']/, '');
  return { kind: dash ? 'item' : 'key', path: parent, prefix, prefixStart: lineStart + before.length - prefix.length, indent: lead };
}
