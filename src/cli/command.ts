// What every CLI command looks like. Commands print through `io` so tests can read their output,
// and return the exit code: 0 success, 1 errors found or migration failed, 2 usage/config error.
import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** On a terminal: replaces the transient status line (progress); '' clears it. Absent when stderr is not a TTY. */
  status?(line: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: long commands stop between statements (and cancel the running one). */
  signal: AbortSignal;
  /** Standard input, for commands that read data from `-` (process.stdin when absent). */
  stdin?: import('node:stream').Readable;
  /** On a terminal: rewrites one status line on stderr. Absent when stderr is not a TTY. */
  status?(line: string): void;
  /** Reads all of standard input as text (`lint -`); the process's own by default. */
  readStdin?: () => string;
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export interface CliCommand {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** Usage line(s) after the command name, e.g. "[--to VERSION] [--dry-run]". */
  usage: string;
  /** Options besides the common ones (--dir, --database-url, --format, --help). */
  options: OptionSpec;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Options every command takes. */
export const COMMON_OPTIONS: OptionSpec = {
  dir: { type: 'string' },
  'database-url': { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
