// Bundles every entry point with esbuild, then compiles the TypeScript tree with tsc into out/ (what the tests run).
// `node scripts/build.mjs --bundle-only` skips tsc (fast path for the demo).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { bundleComponentRuntime } from './bundle-component.mjs';
import { bundlePyodideRuntime } from './bundle-pyodide.mjs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'client/src/buildRelay.ts', out: 'dist/build-relay.js' },
  { in: 'server/src/main.ts', out: 'dist/server.js' },
  { in: 'cli/src/main.ts', out: 'dist/cli.js', banner: '#!/usr/bin/env node' },
  { in: 'host/src/isolate/worker.ts', out: 'dist/host-worker.js' },
  { in: 'host/src/debug/runner.ts', out: 'dist/debug-runner.js' },
  { in: 'host/src/component/worker.ts', out: 'dist/component-worker.js' },
  { in: 'host/src/pyodide/child.ts', out: 'dist/pyodide-child.js' },
  { in: 'webview/src/main.ts', out: 'dist/webview.js', platform: 'browser' },
  // The Node SDK as one CommonJS file (gRPC deps included): `new --lang node-remote` copies it into the project.
  { in: 'sdk/node/src/index.ts', out: 'dist/sdk-node/index.js' },
];

await Promise.all(entries.filter((e) => existsSync(e.in)).map((e) => esbuild.build({
  entryPoints: [e.in],
  outfile: e.out,
  bundle: true,
  platform: e.platform ?? 'node',
  format: e.platform === 'browser' ? 'iife' : 'cjs',
  target: e.platform === 'browser' ? 'es2022' : 'node20',
  external: e.external ?? [],
  sourcemap: true,
  minify: production,
  banner: e.banner ? { js: e.banner } : undefined,
  logLevel: 'warning',
})));
// The component runtime's ES modules (preview2-shim, jco's transpiler) for dist/component/: see that script.
await bundleComponentRuntime({ production });
// The Pyodide runtime files and the Python glue + SDK for dist/pyodide/: see that script.
bundlePyodideRuntime();

if (!process.argv.includes('--bundle-only')) {
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { stdio: 'inherit' });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
