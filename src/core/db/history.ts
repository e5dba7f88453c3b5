// Our own history table (never another tool's): one row per version, kept across rollbacks with
// the direction and state of its last run.
import type { Db } from './types';
import { quoteQualified } from './types';

export type HistoryState = 'applied' | 'failed' | 'rolled_back';

export interface HistoryRow {
  version: string;
  name: string;
  checksum: string;
  appliedAt: Date;
  durationMs: number;
  appliedBy: string;
  direction: 'up' | 'down';
  state: HistoryState;
  /** For a failed run outside a transaction: how many statements had completed. */
  statementsDone: number;
  error: string | null;
}

/** Other tools' history tables, so `status` can say which it found (and we never touch them). */
export const FOREIGN_HISTORY_TABLES: { table: string; tool: string }[] = [
  { table: 'schema_migrations', tool: 'dbmate, golang-migrate or Rails' },
  { table: 'flyway_schema_history', tool: 'Flyway' },
  { table: '_prisma_migrations', tool: 'Prisma' },
  { table: 'goose_db_version', tool: 'goose' },
  { table: 'knex_migrations', tool: 'Knex' },
  { table: 'pgmigrations', tool: 'node-pg-migrate' },
  { table: 'migrations', tool: 'postgres-migrations or TypeORM' },
  { table: '__drizzle_migrations', tool: 'drizzle' },
  { table: 'changes', tool: 'sqitch' },
];

function splitName(qualified: string): { schema: string; table: string } {
  const [a, b] = qualified.split('.');
  return b === undefined ? { schema: 'public', table: a } : { schema: a, table: b };
}

export async function historyTableExists(db: Db, historyTable: string): Promise<boolean> {
  const { schema, table } = splitName(historyTable);
  const r = await db.query('SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, table]);
  return r.rows.length > 0;
}

export async function ensureHistoryTable(db: Db, historyTable: string): Promise<void> {
  if (await historyTableExists(db, historyTable)) return;
  const { schema } = splitName(historyTable);
  if (schema !== 'public') await db.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteQualified(schema)}`);
  await db.execute(`CREATE TABLE IF NOT EXISTS ${quoteQualified(historyTable)} (
  version text PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  duration_ms integer NOT NULL DEFAULT 0,
  applied_by text NOT NULL DEFAULT current_user,
  direction text NOT NULL CHECK (direction IN ('up', 'down')),
  state text NOT NULL CHECK (state IN ('applied', 'failed', 'rolled_back')),
  statements_done integer NOT NULL DEFAULT 0,
  error text
)`);
}

export async function readHistory(db: Db, historyTable: string): Promise<HistoryRow[]> {
  if (!(await historyTableExists(db, historyTable))) return [];
  const r = await db.query<Record<string, unknown>>(
    `SELECT version, name, checksum, applied_at, duration_ms, applied_by, direction, state, statements_done, error
       FROM ${quoteQualified(historyTable)} ORDER BY version`,
  );
  return r.rows.map((row) => ({
    version: String(row.version),
    name: String(row.name),
    checksum: String(row.checksum),
    appliedAt: row.applied_at instanceof Date ? row.applied_at : new Date(String(row.applied_at)),
    durationMs: Number(row.duration_ms),
    appliedBy: String(row.applied_by),
    direction: row.direction as 'up' | 'down',
    state: row.state as HistoryState,
    statementsDone: Number(row.statements_done),
    error: row.error === null || row.error === undefined ? null : String(row.error),
  }));
}

export interface HistoryWrite {
  version: string;
  name: string;
  checksum: string;
  durationMs: number;
  direction: 'up' | 'down';
  state: HistoryState;
  statementsDone: number;
  error: string | null;
  /** Who applied it; the connected role when undefined ("adopted from dbmate (...)" for adoption). */
  appliedBy?: string;
}

/** Insert or update the row of one version; runs on whatever transaction state `db` is in. */
export async function writeHistory(db: Db, historyTable: string, w: HistoryWrite): Promise<void> {
  await db.query(
    `INSERT INTO ${quoteQualified(historyTable)} AS h
       (version, name, checksum, applied_at, duration_ms, applied_by, direction, state, statements_done, error)
     VALUES ($1, $2, $3, now(), $4, COALESCE($9, current_user), $5, $6, $7, $8)
     ON CONFLICT (version) DO UPDATE SET name = EXCLUDED.name, checksum = EXCLUDED.checksum,
       applied_at = EXCLUDED.applied_at, duration_ms = EXCLUDED.duration_ms, applied_by = EXCLUDED.applied_by,
       direction = EXCLUDED.direction, state = EXCLUDED.state, statements_done = EXCLUDED.statements_done,
       error = EXCLUDED.error`,
    [w.version, w.name, w.checksum, Math.round(w.durationMs), w.direction, w.state, w.statementsDone, w.error, w.appliedBy ?? null],
  );
}

/** Tables of other migration tools present in the database. */
export async function findForeignHistoryTables(db: Db): Promise<{ table: string; tool: string }[]> {
  const names = FOREIGN_HISTORY_TABLES.map((t) => t.table);
  const r = await db.query<{ tablename: string; schemaname: string }>(
    `SELECT schemaname, tablename FROM pg_catalog.pg_tables WHERE tablename = ANY($1::text[]) AND (tablename <> 'changes' OR schemaname = 'sqitch')`,
    [names],
  );
  return r.rows.map((row) => ({
    table: `${row.schemaname}.${row.tablename}`,
    // The Supabase CLI keeps its history in a schema of its own, under dbmate's table name.
    tool: row.schemaname === 'supabase_migrations' && row.tablename === 'schema_migrations'
      ? 'Supabase'
      : FOREIGN_HISTORY_TABLES.find((t) => t.table === row.tablename)!.tool,
  }));
}

/**
 * Earlier releases checksummed a section's whole text, comments included; today's checksum is of
 * its statements (migrations/checksum.ts). The first run that may write rewrites the rows whose
 * old checksum still matches their file, so an upgrade never shows an applied set as changed.
 */
export async function upgradeChecksums(db: Db, historyTable: string, upgrades: { version: string; checksum: string }[]): Promise<void> {
  for (const u of upgrades) {
    await db.query(`UPDATE ${quoteQualified(historyTable)} SET checksum = $2 WHERE version = $1`, [u.version, u.checksum]);
  }
}
