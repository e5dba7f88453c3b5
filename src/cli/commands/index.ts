// The CLI's commands, in the order `--help` lists them. Add a command: one file, one line here.
import type { CliCommand } from '../command';

export const COMMANDS: CliCommand[] = [];
