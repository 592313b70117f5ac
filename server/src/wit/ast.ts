// The WIT syntax tree. Every node carries `start`/`end` offsets into its file's text (full fidelity for editor features).
export interface Span { start: number; end: number }

export interface Ident extends Span {
  /** The name without a leading `%`. */
  name: string;
  /** Written with `%` (allows keywords as names). */
  explicit: boolean;
}

export interface Docs {
  /** Doc comment text with the `///` / `/** *\/` markers stripped, lines joined with `\n`. */
  text: string;
  spans: Span[];
}

export interface VersionNode extends Span { text: string }

export type Attribute =
  | (Span & { kind: 'since'; version?: VersionNode })
  | (Span & { kind: 'unstable'; feature?: Ident })
  | (Span & { kind: 'deprecated'; version?: VersionNode })
  | (Span & { kind: 'external-id'; value: string })
  | (Span & { kind: 'unknown'; name: string });

export interface PackageName extends Span {
  namespace: Ident;
  name: Ident;
  version?: VersionNode;
}

export type UsePath =
  | (Span & { kind: 'id'; id: Ident })
  | (Span & { kind: 'package'; pkg: PackageName; name: Ident });

interface ItemBase extends Span {
  docs?: Docs;
  attrs: Attribute[];
}

export interface WitFile extends Span {
  packageDecl?: PackageName & { docs?: Docs };
  /** The leading `package …;` header was present but did not parse (suppresses "no package header"). */
  headerBroken?: boolean;
  items: TopItem[];
  nested: NestedPackage[];
}

export interface NestedPackage extends Span {
  name: PackageName;
  docs?: Docs;
  items: TopItem[];
}

export type TopItem = InterfaceNode | WorldNode | ToplevelUse;

export interface InterfaceNode extends ItemBase {
  kind: 'interface';
  name: Ident;
  items: InterfaceItem[];
  body: Span;
}

export interface WorldNode extends ItemBase {
  kind: 'world';
  name: Ident;
  items: WorldItem[];
  body: Span;
}

export interface ToplevelUse extends ItemBase {
  kind: 'toplevel-use';
  path: UsePath;
  as?: Ident;
}

export interface UseName extends Span { name: Ident; as?: Ident }

export interface UseNode extends ItemBase {
  kind: 'use';
  path: UsePath;
  names: UseName[];
}

export type TypeNode =
  | (Span & { kind: 'prim'; name: string })
  | (Span & { kind: 'named'; id: Ident })
  | (Span & { kind: 'list'; elem: TypeNode; size?: Span & { value: string } })
  | (Span & { kind: 'option'; inner: TypeNode })
  | (Span & { kind: 'result'; ok?: TypeNode; err?: TypeNode })
  | (Span & { kind: 'tuple'; types: TypeNode[] })
  | (Span & { kind: 'handle'; borrow: boolean; id: Ident })
  | (Span & { kind: 'future' | 'stream'; inner?: TypeNode })
  | (Span & { kind: 'map'; key: TypeNode; value: TypeNode })
  | (Span & { kind: 'error-context' })
  | (Span & { kind: 'missing' });

export interface Param extends Span { name: Ident; ty: TypeNode }

export interface FuncType extends Span {
  async: boolean;
  params: Param[];
  paramsSpan: Span;
  result?: TypeNode;
}

export interface Field extends Span { docs?: Docs; name: Ident; ty: TypeNode }
export interface Case extends Span { docs?: Docs; name: Ident; ty?: TypeNode }

export interface ResourceFunc extends ItemBase {
  kind: 'method' | 'static' | 'constructor';
  /** For constructors: the `constructor` keyword span with name `constructor`. */
  name: Ident;
  func: FuncType;
}

export type TypeDef =
  | (ItemBase & { kind: 'alias'; name: Ident; ty: TypeNode })
  | (ItemBase & { kind: 'record'; name: Ident; fields: Field[]; body: Span })
  | (ItemBase & { kind: 'variant'; name: Ident; cases: Case[]; body: Span })
  | (ItemBase & { kind: 'enum'; name: Ident; cases: Case[]; body: Span })
  | (ItemBase & { kind: 'flags'; name: Ident; cases: Case[]; body: Span })
  | (ItemBase & { kind: 'resource'; name: Ident; funcs?: ResourceFunc[]; body?: Span });

export interface FuncItem extends ItemBase {
  kind: 'func';
  name: Ident;
  func: FuncType;
}

export type InterfaceItem = UseNode | TypeDef | FuncItem;

export type ExternKind =
  | (Span & { kind: 'func'; name: Ident; func: FuncType })
  | (Span & { kind: 'interface'; name: Ident; items: InterfaceItem[]; body: Span })
  | (Span & { kind: 'path'; path: UsePath })
  | (Span & { kind: 'named-path'; name: Ident; path: UsePath });

export interface ImportExport extends ItemBase {
  kind: 'import' | 'export';
  extern: ExternKind;
}

export interface IncludeName extends Span { from: Ident; to: Ident }

export interface Include extends ItemBase {
  kind: 'include';
  path: UsePath;
  with: IncludeName[];
}

export type WorldItem = UseNode | TypeDef | ImportExport | Include;

export const TYPEDEF_KINDS = new Set(['alias', 'record', 'variant', 'enum', 'flags', 'resource']);

export function isTypeDef(item: { kind: string }): item is TypeDef {
  return TYPEDEF_KINDS.has(item.kind);
}

export function packageNameText(p: PackageName): string {
  return `${p.namespace.name}:${p.name.name}${p.version ? '@' + p.version.text : ''}`;
}

export function usePathText(p: UsePath): string {
  return p.kind === 'id' ? p.id.name : `${p.pkg.namespace.name}:${p.pkg.name.name}/${p.name.name}${p.pkg.version ? '@' + p.pkg.version.text : ''}`;
}
