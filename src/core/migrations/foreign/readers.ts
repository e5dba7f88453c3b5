// Reads other tools' history tables, each as its tool documents it. Read only: we never write
// to another tool's table.
import type { Db } from '../../db/types';
import { quoteQualified } from '../../db/types';
import type { ForeignHistory, ForeignRecord, ForeignToolId } from './types';

interface FoundTable {
  schema: string;
  table: string;
  columns: Set<string>;
}

interface ToolReader {
  tool: ForeignToolId;
  label: string;
  /** Whether a table found in the database is this tool's. */
  owns(t: FoundTable, all: FoundTable[]): boolean;
  read(db: Db, table: string, found: FoundTable): Promise<Omit<ForeignHistory, 'tool' | 'label' | 'table'>>;
}

const text = (v: unknown) => (v === null || v === undefined ? undefined : String(v));

async function rows(db: Db, sql: string): Promise<Record<string, unknown>[]> {
  return (await db.query<Record<string, unknown>>(sql)).rows;
}

// dbmate, golang-migrate and Rails keep theirs in public; a schema_migrations elsewhere belongs to
// someone else (Supabase's auth and realtime services keep their own in their schemas).
const isSchemaMigrations = (t: FoundTable) => t.table === 'schema_migrations' && t.schema === 'public';
const byVersion = (records: Record<string, unknown>[]): ForeignRecord[] =>
  records.map((r) => ({ version: text(r.version)!, label: text(r.version)! }));

export const TOOL_READERS: ToolReader[] = [
  {
    tool: 'golang-migrate', label: 'golang-migrate',
    owns: (t) => isSchemaMigrations(t) && t.columns.has('dirty'),
    async read(db, table) {
      const [row] = await rows(db, `SELECT version, dirty FROM ${table} LIMIT 1`);
      if (!row) return { records: [] };
      return { records: [], upTo: text(row.version), dirty: row.dirty === true };
    },
  },
  {
    tool: 'rails', label: 'Rails',
    owns: (t, all) => isSchemaMigrations(t) && !t.columns.has('dirty') && all.some((o) => o.schema === t.schema && o.table === 'ar_internal_metadata'),
    read: async (db, table) => ({ records: byVersion(await rows(db, `SELECT version FROM ${table} ORDER BY version`)) }),
  },
  {
    tool: 'dbmate', label: 'dbmate',
    owns: (t, all) => isSchemaMigrations(t) && !t.columns.has('dirty') && !all.some((o) => o.schema === t.schema && o.table === 'ar_internal_metadata'),
    read: async (db, table) => ({ records: byVersion(await rows(db, `SELECT version FROM ${table} ORDER BY version`)) }),
  },
  {
    tool: 'supabase', label: 'Supabase',
    owns: (t) => t.schema === 'supabase_migrations' && t.table === 'schema_migrations',
    async read(db, table, t) {
      // `name` came with later versions of the Supabase CLI.
      const found = await rows(db, `SELECT version${t.columns.has('name') ? ', name' : ''} FROM ${table} ORDER BY version`);
      return { records: found.map((r) => ({ version: text(r.version)!, name: text(r.name), label: text(r.version)! })) };
    },
  },
  {
    tool: 'flyway', label: 'Flyway',
    owns: (t) => t.table === 'flyway_schema_history',
    async read(db, table) {
      const found = await rows(db, `SELECT version, script, checksum FROM ${table} WHERE success AND version IS NOT NULL ORDER BY installed_rank`);
      return { records: found.map((r) => ({ version: text(r.version)!, checksum: text(r.checksum), label: text(r.script) ?? text(r.version)! })) };
    },
  },
  {
    tool: 'prisma', label: 'Prisma',
    owns: (t) => t.table === '_prisma_migrations',
    async read(db, table) {
      const found = await rows(db, `SELECT migration_name, checksum FROM ${table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`);
      return { records: found.map((r) => ({ name: text(r.migration_name)!, checksum: text(r.checksum), label: text(r.migration_name)! })) };
    },
  },
  {
    tool: 'goose', label: 'goose',
    owns: (t) => t.table === 'goose_db_version',
    async read(db, table) {
      // goose appends a row per run; a version's latest row says whether it is applied.
      const found = await rows(db, `SELECT DISTINCT ON (version_id) version_id, is_applied FROM ${table} WHERE version_id <> 0 ORDER BY version_id, id DESC`);
      return { records: found.filter((r) => r.is_applied === true).map((r) => ({ version: text(r.version_id)!, label: text(r.version_id)! })) };
    },
  },
  {
    tool: 'drizzle', label: 'drizzle',
    owns: (t) => t.table === '__drizzle_migrations',
    async read(db, table) {
      const found = await rows(db, `SELECT hash, created_at FROM ${table} ORDER BY created_at`);
      return { records: found.map((r) => ({ checksum: text(r.hash), createdAt: Number(r.created_at), label: `created_at ${text(r.created_at)}` })) };
    },
  },
  {
    tool: 'sqitch', label: 'sqitch',
    owns: (t) => t.schema === 'sqitch' && t.table === 'changes',
    async read(db, table) {
      const found = await rows(db, `SELECT change, script_hash, project FROM ${table} ORDER BY committed_at`);
      return { records: found.map((r) => ({ name: text(r.change)!, checksum: text(r.script_hash), label: `${text(r.project)}:${text(r.change)}` })) };
    },
  },
  {
    tool: 'node-pg-migrate', label: 'node-pg-migrate',
    owns: (t) => t.table === 'pgmigrations',
    async read(db, table) {
      const found = await rows(db, `SELECT name FROM ${table} ORDER BY run_on, id`);
      return { records: found.map((r) => ({ name: text(r.name)!, label: text(r.name)! })) };
    },
  },
];

const TABLE_NAMES = ['schema_migrations', 'ar_internal_metadata', 'flyway_schema_history', '_prisma_migrations', 'goose_db_version', '__drizzle_migrations', 'changes', 'pgmigrations'];

async function candidateTables(db: Db): Promise<FoundTable[]> {
  const r = await db.query<{ schemaname: string; tablename: string; columns: string[] }>(
    `SELECT t.schemaname, t.tablename, array_agg(a.attname::text) AS columns
       FROM pg_catalog.pg_tables t
       JOIN pg_catalog.pg_attribute a ON a.attrelid = format('%I.%I', t.schemaname, t.tablename)::regclass AND a.attnum > 0 AND NOT a.attisdropped
      WHERE t.tablename = ANY($1::text[]) AND (t.tablename <> 'changes' OR t.schemaname = 'sqitch')
      GROUP BY t.schemaname, t.tablename ORDER BY 1, 2`,
    [TABLE_NAMES],
  );
  return r.rows.map((row) => ({ schema: row.schemaname, table: row.tablename, columns: new Set(row.columns) }));
}

/** Every other tool's history in the database, with what it recorded as applied. */
export async function readForeignHistories(db: Db, only?: ForeignToolId): Promise<ForeignHistory[]> {
  const tables = await candidateTables(db);
  const out: ForeignHistory[] = [];
  for (const t of tables) {
    const reader = TOOL_READERS.find((r) => r.owns(t, tables));
    if (!reader || (only && reader.tool !== only)) continue;
    const table = `${t.schema}.${t.table}`;
    out.push({ tool: reader.tool, label: reader.label, table, ...(await reader.read(db, quoteQualified(table), t)) });
  }
  return out;
}

export const FOREIGN_TOOLS: readonly ForeignToolId[] = TOOL_READERS.map((r) => r.tool);
