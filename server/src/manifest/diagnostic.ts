// Diagnostics of the manifest service: stable codes, and the fixes a diagnostic carries for code actions.
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';

export const SOURCE = 'mockforge';

/** Every code the manifest service reports. Stable strings: settings and tests refer to them. */
export const CODES = {
  yamlSyntax: 'yaml/syntax',
  yamlDuplicateKey: 'yaml/duplicate-key',
  schemaUnknownKey: 'schema/unknown-key',
  schemaRequired: 'schema/required',
  schemaEnum: 'schema/enum',
  schemaType: 'schema/type',
  schemaPattern: 'schema/pattern',
  schemaFormat: 'schema/format',
  schemaRange: 'schema/range',
  schemaUnique: 'schema/unique',
  schemaOther: 'schema/invalid',
  semver: 'manifest/semver',
  id: 'manifest/id',
  license: 'manifest/license',
  endpoint: 'manifest/endpoint',
  runtimeSections: 'manifest/runtime-sections',
  insecureHttp: 'manifest/insecure-http',
  healthInterval: 'manifest/health-interval',
  hostsWithoutOutbound: 'manifest/hosts-without-outbound',
  writeWithoutPaths: 'manifest/write-without-paths',
  inlineSecret: 'manifest/inline-secret',
  notBuilt: 'manifest/not-built',
  missingExport: 'manifest/missing-export',
  componentWorld: 'manifest/component-world',
  missingCapability: 'manifest/missing-capability',
  toolchainSource: 'manifest/toolchain-source',
  missingFile: 'manifest/missing-file',
  legacy: 'manifest/legacy',
  rootNotMap: 'manifest/not-a-mapping',
} as const;

export type ManifestCode = (typeof CODES)[keyof typeof CODES];

/** A ready-made fix a diagnostic offers; code actions turn it into a WorkspaceEdit. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface ManifestDiagnosticData {
  fixes?: Fix[];
  /** A command the client runs for this problem (e.g. the build task). */
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface ManifestDiagnostic extends Diagnostic {
  code: ManifestCode;
  message: string;
  data?: ManifestDiagnosticData;
}

export const Severity = DiagnosticSeverity;

export function diag(
  range: Range,
  severity: DiagnosticSeverity,
  code: ManifestCode,
  message: string,
  data?: ManifestDiagnosticData,
): ManifestDiagnostic {
  const d: ManifestDiagnostic = { range, severity, code, source: SOURCE, message };
  if (data && (data.fixes?.length || data.command)) d.data = data;
  return d;
}

export function replaceFix(title: string, range: Range, newText: string, preferred = true): Fix {
  return { title, edits: [{ range, newText }], preferred };
}
