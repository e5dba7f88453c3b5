// Small helpers the db suites share: run a direction against a project, read what the database holds.
import type { Db } from '../../src/core/db/types';
import { loadProject } from '../../src/core/config/config';
import { loadProjectMigrations } from '../../src/core/migrations/discover';
import { runMigrations, RunOptions, RunResult, readStatus } from '../../src/core/runner/run';
import type { TempProject } from './projects';

export async function run(db: Db, project: TempProject, options: Partial<RunOptions> & Pick<RunOptions, 'direction'>): Promise<RunResult> {
  const loaded = loadProject(project.dir);
  return runMigrations(db, loadProjectMigrations(loaded), loaded.config, options);
}

export async function states(db: Db, project: TempProject): Promise<[string, string][]> {
  const loaded = loadProject(project.dir);
  const report = await readStatus(db, loadProjectMigrations(loaded), loaded.config);
  return report.entries.map((e) => [e.version, e.state]);
}

/** User tables (and indexes) in public, without our history table: what a migration left behind. */
export async function userRelations(db: Db): Promise<string[]> {
  const r = await db.query<{ relname: string; relkind: string }>(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'v', 'm', 'S') AND c.relname NOT LIKE 'pgvector_migrator_history%'
      ORDER BY 1`,
  );
  return r.rows.map((row) => row.relname);
}

export async function historyRows(db: Db): Promise<Record<string, unknown>[]> {
  const exists = await db.query(`SELECT 1 FROM pg_tables WHERE tablename = 'pgvector_migrator_history'`);
  if (exists.rows.length === 0) return [];
  const r = await db.query<Record<string, unknown>>('SELECT version, checksum, direction, state, statements_done FROM pgvector_migrator_history ORDER BY version');
  return r.rows;
}
