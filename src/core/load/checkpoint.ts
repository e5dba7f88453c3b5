// Where a load stands, kept in the database beside the history table and written in the same
// transaction as each batch: the checkpoint can never disagree with the rows committed. One row
// per (table, input); a resume reads it, skips the input it covers and goes on.
import type { Db } from '../db/types';
import { quoteQualified } from '../db/types';

export interface DeferredIndex {
  name: string;
  /** pg_get_indexdef: CREATE INDEX ... as it was. */
  definition: string;
}

export interface Checkpoint {
  state: 'running' | 'done';
  /** Where the last committed record starts (bytes, lines before it) and a hash of its text. */
  resumeBytes: number;
  resumeLine: number;
  lastRecordSha: string | null;
  /** The input line just after the last committed record (what `resumedFrom` reports). */
  committedThroughLine: number;
  rowsLoaded: number;
  rowsRejected: number;
  batches: number;
  /** The COPY column list, to resume with the same mapping. */
  columns: string[];
  deferredIndexes: DeferredIndex[];
  tableWasEmpty: boolean;
  updatedAt: Date;
}

/** Our table of loads, in the history table's schema. */
export function checkpointTable(historyTable: string): string {
  const dot = historyTable.indexOf('.');
  return dot < 0 ? 'pgvector_migrator_loads' : `${historyTable.slice(0, dot)}.pgvector_migrator_loads`;
}

export async function ensureCheckpointTable(db: Db, table: string): Promise<void> {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  const exists = await db.query('SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, name]);
  if (exists.rows.length > 0) return;
  if (schema !== 'public') await db.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteQualified(schema)}`);
  await db.execute(`CREATE TABLE IF NOT EXISTS ${quoteQualified(table)} (
  target text NOT NULL,
  source text NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'done')),
  resume_bytes bigint NOT NULL DEFAULT 0,
  resume_line bigint NOT NULL DEFAULT 0,
  last_record_sha text,
  committed_through_line bigint NOT NULL DEFAULT 0,
  rows_loaded bigint NOT NULL DEFAULT 0,
  rows_rejected bigint NOT NULL DEFAULT 0,
  batches integer NOT NULL DEFAULT 0,
  columns text[] NOT NULL DEFAULT '{}',
  deferred_indexes jsonb NOT NULL DEFAULT '[]',
  table_was_empty boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target, source)
)`);
}

export async function readCheckpoint(db: Db, table: string, target: string, source: string): Promise<Checkpoint | undefined> {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  const exists = await db.query('SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = $1 AND tablename = $2', [schema, name]);
  if (exists.rows.length === 0) return undefined;
  const r = await db.query<Record<string, unknown>>(
    `SELECT state, resume_bytes::text, resume_line::text, last_record_sha, committed_through_line::text, rows_loaded::text, rows_rejected::text,
            batches, to_json(columns) AS columns, deferred_indexes, table_was_empty, updated_at
       FROM ${quoteQualified(table)} WHERE target = $1 AND source = $2`,
    [target, source],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return {
    state: row.state as Checkpoint['state'],
    resumeBytes: Number(row.resume_bytes),
    resumeLine: Number(row.resume_line),
    lastRecordSha: (row.last_record_sha as string | null) ?? null,
    committedThroughLine: Number(row.committed_through_line),
    rowsLoaded: Number(row.rows_loaded),
    rowsRejected: Number(row.rows_rejected),
    batches: Number(row.batches),
    columns: json<string[]>(row.columns),
    deferredIndexes: json<DeferredIndex[]>(row.deferred_indexes),
    tableWasEmpty: Boolean(row.table_was_empty),
    updatedAt: row.updated_at instanceof Date ? row.updated_at : new Date(String(row.updated_at)),
  };
}

/** Writes the whole checkpoint; runs in the caller's transaction. */
export async function writeCheckpoint(db: Db, table: string, target: string, source: string, c: Omit<Checkpoint, 'updatedAt'>): Promise<void> {
  await db.query(
    `INSERT INTO ${quoteQualified(table)} AS l (target, source, state, resume_bytes, resume_line, last_record_sha, committed_through_line,
                rows_loaded, rows_rejected, batches, columns, deferred_indexes, table_was_empty, started_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, ARRAY(SELECT json_array_elements_text($11::json)), $12::jsonb, $13, now(), now())
     ON CONFLICT (target, source) DO UPDATE SET state = EXCLUDED.state, resume_bytes = EXCLUDED.resume_bytes,
       resume_line = EXCLUDED.resume_line, last_record_sha = EXCLUDED.last_record_sha,
       committed_through_line = EXCLUDED.committed_through_line, rows_loaded = EXCLUDED.rows_loaded,
       rows_rejected = EXCLUDED.rows_rejected, batches = EXCLUDED.batches, columns = EXCLUDED.columns,
       deferred_indexes = EXCLUDED.deferred_indexes, table_was_empty = EXCLUDED.table_was_empty,
       started_at = CASE WHEN l.state = 'done' THEN now() ELSE l.started_at END, updated_at = now()`,
    [target, source, c.state, c.resumeBytes, c.resumeLine, c.lastRecordSha, c.committedThroughLine, c.rowsLoaded, c.rowsRejected, c.batches,
      JSON.stringify(c.columns), JSON.stringify(c.deferredIndexes), c.tableWasEmpty],
  );
}
