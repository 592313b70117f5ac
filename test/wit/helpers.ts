// Shared by the WIT tests: caret markers, the repo root, a seeded PRNG, and the reference parser (jco) in-process.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Repo root (tests run from out/test/wit/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'wit');

/** `'ab|c'` → text without the caret and the caret's offset. */
export function caret(src: string): { text: string; offset: number } {
  const offset = src.indexOf('|');
  if (offset < 0) throw new Error('no | caret in test source');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

/** `«…»` marks expected ranges: returns the text without markers and the marked spans. */
export function marked(src: string): { text: string; spans: { start: number; end: number }[] } {
  const spans: { start: number; end: number }[] = [];
  let text = '';
  let open = -1;
  for (const ch of src) {
    if (ch === '«') open = text.length;
    else if (ch === '»') { spans.push({ start: open, end: text.length }); open = -1; } else text += ch;
  }
  return { text, spans };
}

let docCounter = 0;
export function doc(text: string, uri = `untitled:test-${++docCounter}.wit`): TextDocument {
  return TextDocument.create(uri, 'wit', 1, text);
}

/** mulberry32: a small seeded PRNG so mutated corpora are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Embed = (opts: { dummy: boolean; witSource: string }) => unknown;
let embed: Promise<Embed> | undefined;

/** jco's wit-parser verdict on a source: null when accepted (world selection messages count as accepted). */
export async function referenceVerdict(source: string): Promise<string | null> {
  embed ??= (import(pathToFileURL(require.resolve('@bytecodealliance/jco')).toString()) as Promise<{ componentEmbed: Embed }>).then((m) => m.componentEmbed);
  try {
    await (await embed)({ dummy: true, witSource: source });
    return null;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e).split('\n')[0];
    return /contains no worlds|There are multiple worlds/.test(msg) ? null : msg;
  }
}
