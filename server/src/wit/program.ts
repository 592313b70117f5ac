// Entry point of the front end: parse (with a cache keyed by path + text) and resolve a set of WIT files.
import { parse, type ParseResult } from './parser';
import { resolve, type Resolution } from './resolve';

export interface WitInput {
  path: string;
  text: string;
  /** Files with the same group form one package: 'root' for the root directory, the entry path for a deps/ entry. */
  group: string;
  isDep: boolean;
}

/** Re-parses only files whose text changed (the editor re-analyses a whole package on every keystroke). */
export class ParseCache {
  private readonly entries = new Map<string, { text: string; result: ParseResult }>();
  get(path: string, text: string): ParseResult {
    const hit = this.entries.get(path);
    if (hit && hit.text === text) return hit.result;
    const result = parse(text);
    this.entries.set(path, { text, result });
    return result;
  }
  delete(path: string): void { this.entries.delete(path); }
}

export function analyze(inputs: WitInput[], cache?: ParseCache): Resolution {
  return resolve(inputs.map((i) => ({ ...i, parse: cache ? cache.get(i.path, i.text) : parse(i.text) })));
}

/** A single file checked on its own (wit-parser's "root package: a file"). */
export function analyzeSource(text: string, path = 'input.wit'): Resolution {
  return analyze([{ path, text, group: 'root', isDep: false }]);
}
