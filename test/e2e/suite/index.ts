// The e2e suite's entry: the module format VS Code's test runners load (run(): Promise<void>), shared by the
// code-server runner (test/e2e/runner.mjs) and the desktop runner (test/e2e/desktop.mjs). Mocha TDD over *.e2e.js
// (not *.test.js, so `node --test` never picks these up outside VS Code).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000 });
  const grep = process.env.MOCKFORGE_E2E_GREP;
  if (grep) mocha.grep(new RegExp(grep)); // a regular expression over full test titles
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.e2e.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const st = runner.stats;
      const summary = `${st?.passes ?? 0} passed, ${failures} failed${st?.pending ? `, ${st.pending} skipped` : ''}`;
      console.log(`MOCHA-SUMMARY: ${summary}`);
      const out = process.env.MOCKFORGE_E2E_RESULT_FILE;
      if (out) fs.writeFileSync(out, JSON.stringify({ failures, summary }) + '\n');
      if (failures > 0) reject(new Error(`${failures} e2e tests failed.`));
      else resolve();
    });
  });
}
