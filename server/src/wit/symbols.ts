// What the resolver produces for editor features: symbols (definitions) and references (uses of them), by file.
import type * as A from './ast';
import type { Diagnostic } from './diagnostics';
import type { ParseResult } from './parser';

export type SymbolKind =
  | 'package' | 'interface' | 'world' | 'type' | 'func' | 'resource-func' | 'field' | 'case'
  | 'param' | 'import' | 'export' | 'use' | 'toplevel-use';

export interface WitSymbol {
  kind: SymbolKind;
  name: string;
  file: SourceFile;
  /** Span of the defining name. */
  nameSpan: A.Span;
  /** Span of the whole definition. */
  span: A.Span;
  docs?: A.Docs;
  /** The syntax node (TypeDef, FuncItem, InterfaceNode, …). */
  node: unknown;
  container?: WitSymbol;
  /** For `use` names: the symbol they import (chain ends at the real definition). */
  aliasOf?: WitSymbol;
  /** `use … .{a as b}` / `use x as y`: renamed locally (so renaming the target does not touch local references). */
  renamed?: boolean;
  /** Members (types/functions of an interface, items of a world, fields …) by name. */
  members?: Map<string, WitSymbol>;
  pkg?: PackageUnit;
  /** Excluded from resolution output (an `@unstable` feature that is not enabled). */
  excluded?: boolean;
}

export interface Reference {
  file: SourceFile;
  span: A.Span;
  target: WitSymbol;
}

export interface SourceFile {
  path: string;
  text: string;
  parse: ParseResult;
  diagnostics: Diagnostic[];
  /** Names visible at file level: top-level `use` aliases and this file's items. */
  scope: Map<string, WitSymbol>;
  symbols: WitSymbol[];
  references: Reference[];
  /** Which package unit the file belongs to. */
  pkg?: PackageUnit;
  /** Part of deps/ (not the root package). */
  isDep: boolean;
}

export interface PackageUnit {
  /** `ns:name@version`. */
  id: string;
  name?: A.PackageName;
  /** Where the name is declared. */
  declFile?: SourceFile;
  files: SourceFile[];
  items: Map<string, WitSymbol>;
  symbol?: WitSymbol;
  isRoot: boolean;
}
