// Commands whose feature has not landed yet say so plainly (exit 2) instead of pretending to work.
import type { Command } from './command';

export function planned(name: string, summary: string, issue: number, usage: string): Command {
  return {
    name,
    summary: `${summary} (not available yet)`,
    usage,
    async run() {
      process.stderr.write(`mockforge-plugin ${name}: not available in this version yet (tracked as issue #${issue}).\n`);
      return 2;
    },
  };
}
