// One entry for every target language: model → file name and text.
import { emitAssemblyScript } from './assemblyscript';
import { emitGo } from './go';
import type { WitModel } from './model';
import { header } from './naming';
import { emitPython } from './python';
import { emitTypeScript } from './typescript';

export const LANGUAGES = ['go', 'assemblyscript', 'python', 'typescript'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface EmitOptions {
  /** What the header says the file was generated from, e.g. `wit/`. */
  source: string;
  /** Go package name (default `mockforge`). */
  goPackage?: string;
  /** AssemblyScript module exporting JSONValue, base64Encode, base64Decode (default `@mockforge/plugin-sdk`). */
  asRuntime?: string;
}

export const FILE_NAMES: Record<Language, string> = {
  go: 'types_gen.go',
  assemblyscript: 'types.gen.ts',
  python: 'types_gen.py',
  typescript: 'types.gen.ts',
};

export function emit(lang: Language, model: WitModel, opts: EmitOptions): { file: string; text: string } {
  const h = header(opts.source);
  switch (lang) {
    case 'go': return { file: FILE_NAMES.go, text: emitGo(model, { packageName: opts.goPackage ?? 'mockforge', header: h }) };
    case 'assemblyscript': return { file: FILE_NAMES.assemblyscript, text: emitAssemblyScript(model, { header: h, runtime: opts.asRuntime ?? '@mockforge/plugin-sdk' }) };
    case 'python': return { file: FILE_NAMES.python, text: emitPython(model, { header: h }) };
    case 'typescript': return { file: FILE_NAMES.typescript, text: emitTypeScript(model, { header: h }) };
  }
}
