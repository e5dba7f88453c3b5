// What every database command does first: find the project, read its migrations, say which
// database it uses, and open it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, durationToMs, loadProject, LoadedConfig } from '../core/config/config';
import { embeddedWaitMs, waitBound } from '../core/db/embedded-lock';
import { layoutById, LAYOUTS } from '../core/migrations/layouts';
import { ConfigError } from '../core/errors';
import { loadProjectMigrations } from '../core/migrations/discover';
import { brokenLink } from '../core/migrations/read-entry';
import type { MigrationSet } from '../core/migrations/types';
import { openTarget, resolveTarget, ConnectionTarget } from '../core/db/connect';
import { embeddedExtensions, prepareEmbedded } from '../core/db/setup';
import type { Db } from '../core/db/types';
import type { CliIo, ParsedArgs } from './command';

export interface OpenedProject {
  project: LoadedConfig;
  set: MigrationSet;
  target: ConnectionTarget;
}

export function readProject(args: ParsedArgs, io: CliIo): OpenedProject {
  const project = loadProject(args.values.dir as string | undefined, io.cwd);
  const set = loadProjectMigrations(project);
  requireMigrations(project, set, io);
  const target = resolveTarget({ databaseUrl: args.values['database-url'] as string | undefined, env: io.env, projectDir: project.projectDir });
  return { project, set, target };
}

/**
 * Without a config, says in one line which folder and layout were found. A folder with no
 * migration in it is an error that names it and what was looked for: never "nothing to apply".
 */
export function requireMigrations(project: LoadedConfig, set: MigrationSet, io: CliIo): void {
  const shown = (abs: string) => path.relative(io.cwd, abs) || '.';
  const dir = shown(set.dir);
  if (project.located?.found && set.migrations.length > 0) {
    io.err(`Using ${set.migrations.length} migration(s) in ${dir} (${set.layout} layout; no ${CONFIG_FILE_NAME} found)`);
  }
  if (set.migrations.length > 0) return;
  if (project.located && !project.located.found) {
    throw new ConfigError(`no migrations found in ${shown(project.projectDir)}: looked for ${project.located.searched}`, {
      fix: `pass --dir with the migrations folder, or write a ${CONFIG_FILE_NAME} with "migrationsDir"`,
    });
  }
  if (!fs.existsSync(set.dir)) {
    throw new ConfigError(`the migrations folder ${dir} ${brokenLink(set.dir) ?? 'does not exist'}`, {
      fix: `create it, pass --dir with the migrations folder, or set "migrationsDir" in ${CONFIG_FILE_NAME}`,
    });
  }
  const skipped = set.problems.map((p) => path.relative(set.dir, p.file));
  const layout = layoutById(set.layout);
  throw new ConfigError(`no migration in ${dir} that the ${set.layout} layout can read: looked for ${layout.expectedName}`
    + (skipped.length > 0 ? `; ${skipped.length} file(s) did not fit: ${skipped.slice(0, 5).join(', ')}${skipped.length > 5 ? ', ...' : ''}` : ''), {
    fix: `if the files follow another tool's layout, set "layout" in ${CONFIG_FILE_NAME} (${LAYOUT_NAMES}); otherwise pass --dir with the migrations folder`,
  });
}

const LAYOUT_NAMES = LAYOUTS.map((l) => l.id).join(', ');

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
    extensions: embeddedExtensions(opened.project, opened.set),
  });
  try {
    if (opened.target.kind === 'embedded' && await prepareEmbedded(db, opened.project)) io.err(`Prepared the embedded database with the setup (${String(opened.project.config.setup)})`);
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
