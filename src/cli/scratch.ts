// What `check` and `verify` share: the project, its migrations, and a scratch database (PGlite in
// memory, or a throwaway database on the --database-url server) that is always disposed.
import { loadProject, LoadedConfig } from '../core/config/config';
import { loadProjectMigrations } from '../core/migrations/discover';
import type { MigrationSet } from '../core/migrations/types';
import { ScratchPool } from '../core/schema';
import type { CliIo, ParsedArgs } from './command';
import { requireMigrations } from './project';
import { embeddedExtensions, readSetup, runSetup } from '../core/db/setup';
import type { Db } from '../core/db/types';

export interface ScratchRun {
  project: LoadedConfig;
  set: MigrationSet;
  pool: ScratchPool;
}

export async function withScratchPool<T>(args: ParsedArgs, io: CliIo, announce: (run: Omit<ScratchRun, 'pool'>, where: string) => string, work: (run: ScratchRun) => Promise<T>): Promise<T> {
  const project = loadProject(args.values.dir as string | undefined, io.cwd);
  const set = loadProjectMigrations(project);
  requireMigrations(project, set, io);
  const serverUrl = args.values['database-url'] as string | undefined;
  const setup = readSetup(project);
  const prepare = setup ? (db: Db) => runSetup(db, setup) : undefined;
  const pool = new ScratchPool(serverUrl ? { serverUrl, prepare } : { extensions: embeddedExtensions(project, set), prepare });
  io.err(announce({ project, set }, pool.description));
  try {
    return await work({ project, set, pool });
  } finally {
    await pool.dispose();
  }
}
