// What the plan reads from the live database, read-only: the server's settings that govern index
// builds, and for each table the plan touches its rows (pg_class.reltuples), sizes and indexes.
// One read-only transaction with a bounded statement_timeout: planning never changes anything,
// and a busy catalog makes it give up instead of hanging.
import type { Db } from '../db/types';
import type { TableKey } from '../lint/types';
import { inReadOnlyTransaction } from '../validate/read-only';

export interface TableFacts {
  key: TableKey;
  /** pg_class.reltuples, or a guess from the size when the table was never analyzed. */
  rows: number;
  /** True when `rows` comes from statistics (ANALYZE or autovacuum), false when from the size. */
  rowsFromStatistics: boolean;
  /** The main fork, what a scan reads (pg_relation_size). */
  heapBytes: number;
  /** Heap and TOAST (pg_table_size): what a rewrite copies besides the indexes. */
  tableBytes: number;
  heapPages: number;
  partitioned: boolean;
  indexes: { name: string; method: string; bytes: number }[];
  /** Dimensions of its vector and halfvec columns (atttypmod), by column name. */
  vectorColumns: Record<string, number>;
}

export type TableVisibility =
  | { visible: true; facts: TableFacts }
  | { visible: false; key: TableKey; reason: 'missing' | 'no privilege' };

export interface DatabaseFacts {
  kind: Db['kind'];
  description: string;
  serverVersion: string;
  /** server_version_num / 10000. */
  serverMajor: number;
  pgvectorVersion: string | null;
  maintenanceWorkMemBytes: number;
  maxParallelMaintenanceWorkers: number;
  minParallelTableScanSizeBytes: number;
  tables: Map<TableKey, TableVisibility>;
}

export interface ReadFactsOptions {
  statementTimeout?: string;
}

const SETTINGS = `SELECT current_setting('server_version') AS version,
  current_setting('server_version_num')::int AS version_num,
  pg_size_bytes(current_setting('maintenance_work_mem')) AS mwm,
  current_setting('max_parallel_maintenance_workers')::int AS workers,
  pg_size_bytes(current_setting('min_parallel_table_scan_size')) AS min_scan,
  (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pgvector`;

/**
 * Tables by schema and name (no regclass casts: a missing table or schema is a row with nulls, not
 * an error). A partitioned table's rows and sizes are its partitions'.
 */
const TABLES = `SELECT w.key, c.oid IS NOT NULL AS found, c.relkind,
  (c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) OR has_table_privilege(c.oid, 'SELECT')) AS privileged,
  coalesce(CASE WHEN c.relkind = 'p' THEN (SELECT sum(greatest(p.reltuples, 0)) FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid WHERE t.isleaf) ELSE c.reltuples END, -1)::float8 AS reltuples,
  CASE WHEN c.relkind = 'p' THEN (SELECT sum(pg_relation_size(t.relid)) FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_relation_size(c.oid) END::float8 AS heap_bytes,
  CASE WHEN c.relkind = 'p' THEN (SELECT sum(pg_table_size(t.relid)) FROM pg_partition_tree(c.oid) t WHERE t.isleaf) ELSE pg_table_size(c.oid) END::float8 AS table_bytes,
  CASE WHEN c.relkind = 'p' THEN (SELECT sum(p.relpages) FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid WHERE t.isleaf) ELSE c.relpages END::float8 AS pages,
  (SELECT coalesce(json_agg(json_build_object('name', i.relname, 'method', am.amname, 'bytes', pg_relation_size(i.oid)) ORDER BY i.relname), '[]')
     FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_am am ON am.oid = i.relam WHERE x.indrelid = c.oid) AS indexes,
  (SELECT coalesce(json_object_agg(a.attname, a.atttypmod), '{}') FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND ty.typname IN ('vector', 'halfvec') AND a.atttypmod > 0) AS vector_columns
FROM unnest($1::text[], $2::text[], $3::text[]) AS w(key, schema, name)
LEFT JOIN pg_namespace n ON n.nspname = w.schema
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = w.name AND c.relkind IN ('r', 'p', 'm', 'f')`;

interface TableRow {
  key: string;
  found: boolean;
  relkind: string | null;
  privileged: boolean | null;
  reltuples: number;
  heap_bytes: number | null;
  table_bytes: number | null;
  pages: number | null;
  indexes: { name: string; method: string; bytes: number }[] | string;
  vector_columns: Record<string, number> | string | null;
}

export async function readDatabaseFacts(db: Db, tables: readonly TableKey[], options: ReadFactsOptions = {}): Promise<DatabaseFacts> {
  return inReadOnlyTransaction(db, { statementTimeout: options.statementTimeout ?? '10s', lockTimeout: '1s' }, async () => {
    const s = (await db.query<Record<string, unknown>>(SETTINGS)).rows[0];
    const unique = [...new Set(tables)];
    const parts = unique.map(splitKey);
    const rows = unique.length === 0 ? [] : (await db.query<TableRow>(TABLES, [unique, parts.map((p) => p.schema), parts.map((p) => p.name)])).rows;
    return {
      kind: db.kind,
      description: db.description,
      serverVersion: String(s.version),
      serverMajor: Math.floor(Number(s.version_num) / 10000),
      pgvectorVersion: (s.pgvector as string | null) ?? null,
      maintenanceWorkMemBytes: Number(s.mwm),
      maxParallelMaintenanceWorkers: Number(s.workers),
      minParallelTableScanSizeBytes: Number(s.min_scan),
      tables: new Map(rows.map((r) => [r.key, visibility(r)])),
    };
  });
}

function splitKey(key: TableKey): { schema: string; name: string } {
  const dot = key.indexOf('.');
  return { schema: key.slice(0, dot), name: key.slice(dot + 1) };
}

/** Bytes of an average row when the statistics say nothing: a heap page holds ~8 KB. */
const PAGE_BYTES = 8192;

function visibility(r: TableRow): TableVisibility {
  if (!r.found) return { visible: false, key: r.key, reason: 'missing' };
  if (!r.privileged) return { visible: false, key: r.key, reason: 'no privilege' };
  const pages = Number(r.pages ?? 0);
  const heapBytes = Number(r.heap_bytes ?? 0);
  const analyzed = Number(r.reltuples) >= 0;
  // Never analyzed (reltuples -1): PostgreSQL's planner then guesses from the pages; so do we,
  // with a rough 100 rows a page, and say it is a guess.
  const rows = analyzed ? Number(r.reltuples) : heapBytes === 0 ? 0 : Math.round((heapBytes / PAGE_BYTES) * 100);
  const indexes = typeof r.indexes === 'string' ? JSON.parse(r.indexes) : r.indexes;
  return {
    visible: true,
    facts: {
      key: r.key,
      rows,
      rowsFromStatistics: analyzed,
      heapBytes,
      tableBytes: Number(r.table_bytes ?? 0),
      heapPages: pages,
      partitioned: r.relkind === 'p',
      indexes: indexes.map((i: { name: string; method: string; bytes: number }) => ({ ...i, bytes: Number(i.bytes) })),
      vectorColumns: (typeof r.vector_columns === 'string' ? JSON.parse(r.vector_columns) : r.vector_columns) ?? {},
    },
  };
}
