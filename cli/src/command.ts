// What every CLI command module exports. One file per command under cli/src/commands/.

export interface Command {
  name: string;
  /** One line for `mockforge-plugin --help`. */
  summary: string;
  /** Full text for `mockforge-plugin <name> --help`. */
  usage: string;
  /** Returns the process exit code: 0 success, 1 a failure in the user's plugin, 2 usage / unreadable input. */
  run(argv: string[]): Promise<number>;
}

/** A usage error: printed on stderr without a stack trace, exit code 2. */
export class UsageError extends Error {}

/** An input that cannot be read or loaded: printed on stderr without a stack trace, exit code 2. */
export class InputError extends Error {}
