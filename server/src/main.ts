// Entry of dist/server.js: `node dist/server.js --stdio` or started by the client over Node IPC (--node-ipc).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';
import { createLanguageFeatures } from './lsp/registry';

startServer(createConnection(ProposedFeatures.all), createLanguageFeatures());
