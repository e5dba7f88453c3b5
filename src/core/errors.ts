import * as path from 'node:path';

// One error type for users: what failed, where, the server's SQLSTATE/detail/hint, and what to do.
// Internal errors keep their stack for the log; the user sees `formatUserError`.

export interface ErrorLocation {
  /** Path as given to the user (relative to the working directory where possible). */
  file: string;
  line?: number;
  column?: number;
}

export interface UserErrorDetails {
  location?: ErrorLocation;
  sqlstate?: string;
  detail?: string;
  hint?: string;
  /** What the user should do next, one sentence. */
  fix?: string;
  cause?: unknown;
}

export class MigratorError extends Error {
  readonly location?: ErrorLocation;
  readonly sqlstate?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly fix?: string;

  constructor(message: string, details: UserErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'MigratorError';
    this.location = details.location;
    this.sqlstate = details.sqlstate;
    this.detail = details.detail;
    this.hint = details.hint;
    this.fix = details.fix;
  }
}

/** A configuration problem: the CLI exits 2 on these. */
export class ConfigError extends MigratorError {
  constructor(message: string, details: UserErrorDetails = {}) {
    super(message, details);
    this.name = 'ConfigError';
  }
}

export function formatLocation(loc: ErrorLocation, cwd?: string): string {
  const file = cwd && path.isAbsolute(loc.file) ? path.relative(cwd, loc.file) || loc.file : loc.file;
  return [file, loc.line, loc.column].filter((x) => x !== undefined).join(':');
}

/** rustc-like: `error: message`, then ` --> file:line:col`, then detail, hint and fix lines. */
export function formatUserError(err: unknown, cwd?: string): string {
  if (!(err instanceof MigratorError)) {
    return `error: ${err instanceof Error ? err.message : String(err)}`;
  }
  const lines = [`error: ${err.message}${err.sqlstate ? ` [SQLSTATE ${err.sqlstate}]` : ''}`];
  if (err.location) lines.push(`  --> ${formatLocation(err.location, cwd)}`);
  if (err.detail) lines.push(`  detail: ${err.detail}`);
  if (err.hint) lines.push(`  hint: ${err.hint}`);
  if (err.fix) lines.push(`  fix: ${err.fix}`);
  return lines.join('\n');
}
