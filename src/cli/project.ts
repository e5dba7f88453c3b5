// What every database command does first: find the project, read its migrations, say which
// database it uses, and open it.
import * as path from 'node:path';
import { durationToMs, loadProject, LoadedConfig } from '../core/config/config';
import { embeddedWaitMs, waitBound } from '../core/db/embedded-lock';
import { ConfigError } from '../core/errors';
import { loadMigrationSet } from '../core/migrations/discover';
import type { MigrationSet } from '../core/migrations/types';
import { openTarget, resolveTarget, ConnectionTarget } from '../core/db/connect';
import type { Db } from '../core/db/types';
import type { CliIo, ParsedArgs } from './command';

export interface OpenedProject {
  project: LoadedConfig;
  set: MigrationSet;
  target: ConnectionTarget;
}

export function readProject(args: ParsedArgs, io: CliIo): OpenedProject {
  const project = loadProject(args.values.dir as string | undefined, io.cwd);
  const set = loadMigrationSet(project.migrationsDir, project.config.layout);
  const target = resolveTarget({ databaseUrl: args.values['database-url'] as string | undefined, env: io.env, projectDir: project.projectDir });
  return { project, set, target };
}

export function announceTarget(target: ConnectionTarget, io: CliIo): void {
  if (target.kind === 'embedded') {
    const dir = path.relative(io.cwd, path.join(target.projectDir, '.pgvector-migrator', 'db')) || '.';
    io.err(`Using the embedded database in ${dir} (no --database-url, DATABASE_URL or PG* variables set)`);
  } else {
    io.err(`Using ${target.display} (from ${target.source === 'flag' ? '--database-url' : target.source})`);
  }
}

/**
 * Opens the database, runs `work`, and always closes it. The embedded database is held for this
 * one command; when another process (the editor, another command) has it, the command waits for
 * it up to `advisoryLockTimeout`, saying who it waits for, and Ctrl-C stops the wait.
 */
export async function withDatabase<T>(opened: OpenedProject, io: CliIo, work: (db: Db) => Promise<T>): Promise<T> {
  announceTarget(opened.target, io);
  const waitMs = embeddedWaitMs(opened.project.config.advisoryLockTimeout);
  const db = await openTarget(opened.target, `pgvector-migrator CLI (${process.argv.slice(2, 3).join(' ')})`, undefined, {
    networkTimeoutMs: durationToMs(opened.project.config.networkTimeout),
    waitMs,
    signal: io.signal,
    onWait: (held) => io.err(`Waiting for the embedded database: it is in use by ${held.description} (${waitBound(waitMs)}; Ctrl-C to stop)`),
    onTakeOver: (_holder, reason) => io.err(`Took over the embedded database's lock file: ${reason}`),
  });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export function relativeFile(io: CliIo, file: string): string {
  return path.relative(io.cwd, file) || file;
}

/** --format value checked against what the command offers. */
export function formatOption(args: ParsedArgs, allowed: string[]): string {
  const format = (args.values.format as string | undefined) ?? allowed[0];
  if (!allowed.includes(format)) {
    throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${format}")`);
  }
  return format;
}

export class UsageError extends ConfigError {}
