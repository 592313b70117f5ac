// Reads host/src/contract/types.ts with the TypeScript compiler and compares each `WIT \`name\`` interface with the
// wire spec of schema.ts (itself checked against the WIT): key names and order, optionality, null and type text.
import * as ts from 'typescript';
import { ERROR_CODES } from '../../host/src/contract/errors';
import { OPERATIONS } from '../../host/src/contract/operations';
import { RECORDS, REQUESTS, RESULTS, Spec } from '../../host/src/contract/schema';
import { pascal } from './drift';

interface Member {
  name: string;
  optional: boolean;
  type: string;
}

export function typesProblems(source: string): string[] {
  const file = ts.createSourceFile('types.ts', source, ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, { wit?: string; members: Member[] }>();
  // Literal unions declared as aliases (`type QueryType = 'select' | …`), plus ErrorCode from errors.ts.
  const unions = new Map<string, string[]>([['ErrorCode', Object.keys(ERROR_CODES)]]);
  for (const stmt of file.statements) {
    if (ts.isInterfaceDeclaration(stmt)) {
      const doc = ts.getJSDocCommentsAndTags(stmt).map((d) => d.getText()).join('\n');
      const members = stmt.members.filter(ts.isPropertySignature).map((m) => ({
        name: m.name.getText(file),
        optional: m.questionToken !== undefined,
        type: m.type?.getText(file) ?? '',
      }));
      interfaces.set(stmt.name.text, { wit: /WIT `([a-z][a-z0-9-]*)`/.exec(doc)?.[1], members });
    } else if (ts.isTypeAliasDeclaration(stmt) && ts.isUnionTypeNode(stmt.type)) {
      const literals = stmt.type.types.map((t) => (ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : undefined));
      if (literals.every((l) => l !== undefined)) unions.set(stmt.name.text, literals as string[]);
    }
  }
  const problems: string[] = [];
  const typeText = (spec: Spec): string[] => {
    switch (spec.kind) {
      case 'string': return ['string'];
      case 'bool': return ['boolean'];
      case 'uint': return ['number'];
      case 'json': return ['JsonValue'];
      case 'bytes': return ['Base64'];
      case 'string-map': return ['StringMap'];
      case 'json-map': return ['JsonMap'];
      case 'record': return [pascal(spec.name)];
      case 'enum': {
        const inline = spec.values.map((v) => `'${v}'`).join(' | ');
        return [inline, ...[...unions].filter(([, values]) => values.join() === spec.values.join()).map(([n]) => n)];
      }
      case 'option': return typeText(spec.of).map((t) => `${t} | null`);
      case 'list': return typeText(spec.of).map((t) => (t.includes(' ') ? `(${t})[]` : `${t}[]`));
    }
  };
  const compare = (where: string, members: Member[], fields: Record<string, Spec>) => {
    const names = members.map((m) => m.name);
    if (names.join() !== Object.keys(fields).join()) problems.push(`${where}: types.ts keys ${names.join(', ')}; wire ${Object.keys(fields).join(', ')}`);
    for (const m of members) {
      const spec = fields[m.name];
      if (!spec) continue;
      const mayBeAbsent = spec.kind === 'option' || spec.kind === 'list' || spec.kind === 'string-map' || spec.kind === 'json-map';
      if (m.optional !== mayBeAbsent) problems.push(`${where}.${m.name}: ${mayBeAbsent ? 'may be absent on the wire, so it needs ?' : 'is required on the wire, so no ?'}`);
      const allowed = typeText(spec);
      if (!allowed.includes(m.type)) problems.push(`${where}.${m.name}: types.ts says ${m.type}, the wire means ${allowed.join(' or ')}`);
    }
  };
  for (const [witName, fields] of Object.entries(RECORDS)) {
    const name = pascal(witName);
    const decl = interfaces.get(name);
    if (!decl) problems.push(`record ${witName}: no interface ${name} in types.ts`);
    else if (decl.wit !== witName) problems.push(`interface ${name}: its doc comment must say WIT \`${witName}\``);
    else compare(name, decl.members, fields);
  }
  const requestOf = interfaces.get('RequestOf')?.members ?? [];
  const resultOf = interfaces.get('ResultOf')?.members ?? [];
  for (const op of OPERATIONS) {
    const req = requestOf.find((m) => m.name === op);
    const reqDecl = req && interfaces.get(req.type);
    if (!reqDecl) problems.push(`RequestOf.${op}: missing or not an interface of types.ts`);
    else compare(req.type, reqDecl.members, REQUESTS[op]);
    const res = resultOf.find((m) => m.name === op);
    if (res?.type !== pascal(RESULTS[op])) problems.push(`ResultOf.${op}: types.ts says ${res?.type}, the wire means ${pascal(RESULTS[op])}`);
  }
  return problems;
}
