// Every command, in the order `--help` lists them. Each lives in its own file.
import type { Command } from '../command';
import { newCommand } from './new';
import { buildCommand } from './build';
import { checkCommand } from './check';
import { inspectCommand } from './inspect';
import { runCommand } from './run';
import { testCommand } from './test';
import { healthCommand } from './health';
import { codegenCommand } from './codegen';
import { benchCommand } from './bench';

export const COMMANDS: readonly Command[] = [
  newCommand,
  buildCommand,
  checkCommand,
  runCommand,
  testCommand,
  inspectCommand,
  healthCommand,
  codegenCommand,
  benchCommand,
];
