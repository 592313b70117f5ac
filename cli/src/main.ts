// mockforge-plugin: the command line that shares its engine with the editor extension.
import { COMMANDS } from './commands';
import { InputError, UsageError } from './command';
import { version } from '../../package.json';

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    `mockforge-plugin ${version} — build, check, run and test MockForge plugins in any language`,
    '',
    'Usage: mockforge-plugin <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `mockforge-plugin <command> --help` for the options of a command.',
    'Exit codes: 0 success, 1 a failure in your plugin (errors found, error reply, trap, timeout),',
    '            2 a usage error or an input that cannot be read or loaded.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(version + '\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`mockforge-plugin: unknown command "${name}"\n\n${mainHelp()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage.trimEnd() + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`mockforge-plugin ${name}: ${err.message}\nRun \`mockforge-plugin ${name} --help\` for usage.\n`);
      return 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`mockforge-plugin ${name}: ${err.message}\n`);
      return 2;
    }
    // util.parseArgs throws TypeErrors with a code for unknown/missing options: that is a usage error too.
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`mockforge-plugin ${name}: ${(err as Error).message}\nRun \`mockforge-plugin ${name} --help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`mockforge-plugin ${name}: internal error: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.MOCKFORGE_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err) => { process.stderr.write(`mockforge-plugin: ${String(err)}\n`); process.exitCode = 2; },
  );
}
