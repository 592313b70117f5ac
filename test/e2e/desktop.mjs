// Runs the same e2e suite (out/test/e2e/suite/index.js) in desktop VS Code through @vscode/test-electron, for
// machines that can download VS Code (these build machines cannot: there, `npm run test:e2e` runs it in
// code-server). `npm run test:e2e:desktop` builds first.
//   VSCODE_VERSION=stable|insiders|1.91.0 (default stable)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch {
  console.error('test:e2e:desktop needs @vscode/test-electron: npm install --no-save @vscode/test-electron');
  process.exit(2);
}

// A fresh copy of the fixture workspace, as in the code-server run (the tests edit it).
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'mockforge-e2e-desktop-'));
fs.cpSync(path.join(root, 'test/fixtures/e2e-workspace'), workspace, { recursive: true });
const resultFile = path.join(workspace, '..', `${path.basename(workspace)}-result.json`);
try {
  const vscodeExecutablePath = await testElectron.downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
  const code = await testElectron.runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    extensionTestsEnv: { MOCKFORGE_E2E_RESULT_FILE: resultFile },
  });
  if (fs.existsSync(resultFile)) console.log(`e2e (desktop): ${JSON.parse(fs.readFileSync(resultFile, 'utf8')).summary}`);
  process.exitCode = code;
} catch (err) {
  console.error(`e2e (desktop) failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.rmSync(resultFile, { force: true });
}
