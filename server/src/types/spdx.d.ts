// Type declarations for two small untyped packages the license rule uses.
declare module 'spdx-expression-parse' {
  function parse(expression: string): unknown;
  export = parse;
}
declare module 'spdx-license-ids' {
  const ids: string[];
  export = ids;
}
