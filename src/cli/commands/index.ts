// The CLI's commands, in the order `--help` lists them. Add a command: one file, one line here.
import type { CliCommand } from '../command';
import { lintCommand } from './lint';
import { statusCommand } from './status';
import { upCommand } from './up';
import { downCommand } from './down';
import { newCommand } from './new';
import { validateCommand } from './validate';
import { verifyCommand } from './verify';
import { checkCommand } from './check';
import { planCommand } from './plan';
import { loadCommand } from './load';
import { adoptCommand } from './adopt';

export const COMMANDS: CliCommand[] = [
  lintCommand,
  statusCommand,
  upCommand,
  planCommand,
  downCommand,
  newCommand,
  validateCommand,
  verifyCommand,
  checkCommand,
  loadCommand,
  adoptCommand,
];
