// Which documents the language server sees.
//
// plugin.yaml keeps the language id `yaml`: users keep YAML highlighting, formatting and whatever YAML extension
// they have, and we select manifests by file name instead of claiming a language of our own. The server tells a
// manifest from a WIT file by the document's path (and the language id for `wit`).
import type { DocumentSelector } from 'vscode-languageclient/node';

export const MANIFEST_GLOB = '**/plugin.{yaml,yml}';

export const SERVER_DOCUMENTS: DocumentSelector = [
  { scheme: 'file', language: 'yaml', pattern: MANIFEST_GLOB },
  { scheme: 'untitled', language: 'yaml', pattern: MANIFEST_GLOB },
  { scheme: 'file', language: 'wit' },
  { scheme: 'untitled', language: 'wit' },
];
