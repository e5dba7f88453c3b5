// What validation needs to know about the database, read from the catalog in a few queries.
// Every identifier comes back twice: as the catalog spells it (for messages and matching) and
// quoted by the server itself (quote_ident / format('%I')), which is the only form put into SQL.
import type { Db } from '../db/types';

export interface Column {
  attnum: number;
  name: string;
  quoted: string;
  /** 'vector' or 'halfvec' when the column holds pgvector values this validation reads. */
  vectorType?: 'vector' | 'halfvec';
  /** Declared dimensions (vector(768)), or undefined for an untyped vector column. */
  dimensions?: number;
  notNull: boolean;
}

export interface Table {
  oid: string;
  schema: string;
  name: string;
  /** "schema.name" unquoted, for reports. */
  display: string;
  /** format('%I.%I', schema, name): the table in SQL. */
  quoted: string;
  /** Quoted "schema"."name" as a string literal, for remediation SQL such as setval('...'). */
  literal: string;
  columns: Column[];
  /** Primary key columns in key order (empty: sample rows by ctid). */
  primaryKey: Column[];
}

export interface VectorExtension {
  version: string;
  available: string | null;
  /** The schema the extension's functions live in, quoted: they may be outside search_path. */
  quotedSchema: string;
}

export interface AnnIndex {
  tableOid: string;
  name: string;
  quoted: string;
  method: string;
  opclass: string;
  /** Columns the index reads, directly or in an expression. */
  attnums: number[];
}

export interface InvalidIndex {
  tableOid: string;
  name: string;
  quoted: string;
  definition: string;
}

export interface Constraint {
  tableOid: string;
  name: string;
  quoted: string;
  type: 'f' | 'c' | 'n' | 'u' | 'p';
  validated: boolean;
  attnums: number[];
  refTableOid?: string;
  refAttnums: number[];
  /** MATCH FULL foreign keys treat a partly NULL key as a violation. */
  matchFull: boolean;
  /** The CHECK expression as the server deparses it. */
  expression?: string;
}

export interface SequenceLink {
  tableOid: string;
  attnum: number;
  /** format('%I.%I') of the sequence, and the same as a string literal for setval(). */
  quoted: string;
  literal: string;
  display: string;
  increment: string;
}

export interface UniqueKey {
  tableOid: string;
  attnums: number[];
}

export interface Catalog {
  extension?: VectorExtension;
  tables: Table[];
  annIndexes: AnnIndex[];
  invalidIndexes: InvalidIndex[];
  constraints: Constraint[];
  sequences: SequenceLink[];
  /** Valid unique indexes (primary keys included) without expressions or predicates. */
  uniqueKeys: UniqueKey[];
  /** current_schemas(false), to place config table names without a schema. */
  searchPath: string[];
}

/** User tables: no system schemas, no partitions (their parent scans them), nothing an extension owns. */
const USER_TABLES = `
  SELECT c.oid, n.nspname, c.relname
    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
     AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
     AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

export async function readCatalog(db: Db): Promise<Catalog> {
  const extension = await readExtension(db);
  const tables = await readTables(db);
  return {
    extension,
    tables,
    annIndexes: await readAnnIndexes(db),
    invalidIndexes: await readInvalidIndexes(db),
    constraints: await readConstraints(db),
    sequences: await readSequences(db),
    uniqueKeys: await readUniqueKeys(db),
    searchPath: (await db.query<{ s: string[] | string }>('SELECT to_json(current_schemas(false)) AS s')).rows.map((r) => asJson<string[]>(r.s))[0] ?? [],
  };
}

async function readExtension(db: Db): Promise<VectorExtension | undefined> {
  const r = await db.query<{ version: string; available: string | null; schema: string }>(
    `SELECT e.extversion AS version, quote_ident(n.nspname) AS schema,
            (SELECT a.default_version FROM pg_catalog.pg_available_extensions a WHERE a.name = 'vector') AS available
       FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
      WHERE e.extname = 'vector'`,
  );
  const row = r.rows[0];
  return row ? { version: row.version, available: row.available, quotedSchema: row.schema } : undefined;
}

async function readTables(db: Db): Promise<Table[]> {
  const tables = await db.query<{ oid: string; schema: string; name: string; quoted: string; literal: string; pk: unknown }>(
    `SELECT t.oid::text AS oid, t.nspname AS schema, t.relname AS name,
            format('%I.%I', t.nspname, t.relname) AS quoted, quote_literal(format('%I.%I', t.nspname, t.relname)) AS literal,
            to_json(ARRAY(SELECT k.attnum FROM pg_catalog.pg_index i, unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                           WHERE i.indrelid = t.oid AND i.indisprimary ORDER BY k.ord)) AS pk
       FROM (${USER_TABLES}) t
      ORDER BY t.nspname, t.relname`,
  );
  const columns = await db.query<{ table_oid: string; attnum: number; name: string; quoted: string; vector_type: string | null; typmod: number; not_null: boolean }>(
    `SELECT a.attrelid::text AS table_oid, a.attnum, a.attname AS name, quote_ident(a.attname) AS quoted,
            CASE WHEN ty.typname IN ('vector', 'halfvec') AND ty.typnamespace = e.extnamespace THEN ty.typname END AS vector_type,
            a.atttypmod AS typmod, a.attnotnull AS not_null
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_extension e ON e.extname = 'vector'
      WHERE a.attrelid IN (SELECT oid FROM (${USER_TABLES}) t) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
  );
  const byTable = new Map<string, Column[]>();
  for (const c of columns.rows) {
    const list = byTable.get(c.table_oid) ?? [];
    list.push({
      attnum: Number(c.attnum),
      name: c.name,
      quoted: c.quoted,
      vectorType: c.vector_type === 'vector' || c.vector_type === 'halfvec' ? c.vector_type : undefined,
      dimensions: c.vector_type && Number(c.typmod) > 0 ? Number(c.typmod) : undefined,
      notNull: c.not_null,
    });
    byTable.set(c.table_oid, list);
  }
  return tables.rows.map((t) => {
    const cols = byTable.get(t.oid) ?? [];
    const pk = asJson<number[]>(t.pk).map((n) => cols.find((c) => c.attnum === Number(n))).filter((c): c is Column => c !== undefined);
    return { oid: t.oid, schema: t.schema, name: t.name, display: `${t.schema}.${t.name}`, quoted: t.quoted, literal: t.literal, columns: cols, primaryKey: pk };
  });
}

async function readAnnIndexes(db: Db): Promise<AnnIndex[]> {
  const r = await db.query<{ table_oid: string; name: string; quoted: string; method: string; opclass: string; attnums: unknown }>(
    `SELECT i.indrelid::text AS table_oid, ic.relname AS name, format('%I.%I', n.nspname, ic.relname) AS quoted,
            am.amname AS method, oc.opcname AS opclass,
            to_json(ARRAY(SELECT d.refobjsubid FROM pg_catalog.pg_depend d
                           WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = i.indexrelid
                             AND d.refclassid = 'pg_catalog.pg_class'::regclass AND d.refobjid = i.indrelid AND d.refobjsubid > 0)) AS attnums
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
       JOIN pg_catalog.pg_am am ON am.oid = ic.relam
       JOIN pg_catalog.pg_opclass oc ON oc.oid = i.indclass[0]
      WHERE am.amname IN ('hnsw', 'ivfflat') AND i.indisvalid
        AND i.indrelid IN (SELECT oid FROM (${USER_TABLES}) t)`,
  );
  return r.rows.map((row) => ({ tableOid: row.table_oid, name: row.name, quoted: row.quoted, method: row.method, opclass: row.opclass, attnums: asJson<number[]>(row.attnums).map(Number) }));
}

async function readInvalidIndexes(db: Db): Promise<InvalidIndex[]> {
  // An index that a CREATE INDEX CONCURRENTLY is building right now is invalid too, but not broken.
  const r = await db.query<{ table_oid: string; name: string; quoted: string; definition: string }>(
    `SELECT i.indrelid::text AS table_oid, ic.relname AS name, format('%I.%I', n.nspname, ic.relname) AS quoted,
            pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = ic.relnamespace
      WHERE NOT i.indisvalid AND i.indrelid IN (SELECT oid FROM (${USER_TABLES}) t)
        AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)
      ORDER BY n.nspname, ic.relname`,
  );
  return r.rows.map((row) => ({ tableOid: row.table_oid, name: row.name, quoted: row.quoted, definition: row.definition }));
}

async function readConstraints(db: Db): Promise<Constraint[]> {
  // PostgreSQL 18 lists every NOT NULL as a constraint: only the NOT VALID ones matter here.
  const r = await db.query<{ table_oid: string; name: string; quoted: string; type: Constraint['type']; validated: boolean; ref_oid: string | null; attnums: unknown; ref_attnums: unknown; match: string; expression: string | null }>(
    `SELECT co.conrelid::text AS table_oid, co.conname AS name, quote_ident(co.conname) AS quoted, co.contype AS type,
            co.convalidated AS validated, NULLIF(co.confrelid, 0)::text AS ref_oid,
            to_json(COALESCE(co.conkey, '{}')) AS attnums, to_json(COALESCE(co.confkey, '{}')) AS ref_attnums,
            co.confmatchtype AS match,
            CASE WHEN co.contype = 'c' THEN pg_catalog.pg_get_expr(co.conbin, co.conrelid) END AS expression
       FROM pg_catalog.pg_constraint co
      WHERE co.contype IN ('f', 'c', 'n', 'u', 'p') AND (co.contype <> 'n' OR NOT co.convalidated)
        AND co.conrelid IN (SELECT oid FROM (${USER_TABLES}) t)
      ORDER BY co.conrelid, co.conname`,
  );
  return r.rows.map((row) => ({
    tableOid: row.table_oid,
    name: row.name,
    quoted: row.quoted,
    type: row.type,
    validated: row.validated,
    attnums: asJson<number[]>(row.attnums).map(Number),
    refTableOid: row.ref_oid ?? undefined,
    refAttnums: asJson<number[]>(row.ref_attnums).map(Number),
    matchFull: row.match === 'f',
    expression: row.expression ?? undefined,
  }));
}

async function readSequences(db: Db): Promise<SequenceLink[]> {
  // serial columns own their sequence ('a'), identity columns are bound to it ('i').
  const r = await db.query<{ table_oid: string; attnum: number; quoted: string; literal: string; display: string; increment: string }>(
    `SELECT d.refobjid::text AS table_oid, d.refobjsubid AS attnum,
            format('%I.%I', n.nspname, s.relname) AS quoted, quote_literal(format('%I.%I', n.nspname, s.relname)) AS literal,
            n.nspname || '.' || s.relname AS display, sq.seqincrement::text AS increment
       FROM pg_catalog.pg_depend d
       JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_catalog.pg_namespace n ON n.oid = s.relnamespace
       JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass
        AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
        AND d.refobjid IN (SELECT oid FROM (${USER_TABLES}) t)
      ORDER BY 1, 2`,
  );
  return r.rows.map((row) => ({ tableOid: row.table_oid, attnum: Number(row.attnum), quoted: row.quoted, literal: row.literal, display: row.display, increment: row.increment }));
}

async function readUniqueKeys(db: Db): Promise<UniqueKey[]> {
  const r = await db.query<{ table_oid: string; attnums: unknown }>(
    `SELECT i.indrelid::text AS table_oid, to_json(i.indkey::int2[]) AS attnums
       FROM pg_catalog.pg_index i
      WHERE i.indisunique AND i.indisvalid AND i.indexprs IS NULL AND i.indpred IS NULL
        AND i.indrelid IN (SELECT oid FROM (${USER_TABLES}) t)`,
  );
  return r.rows.map((row) => ({ tableOid: row.table_oid, attnums: asJson<number[]>(row.attnums).map(Number) }));
}

/** node-postgres and PGlite both parse json columns; a driver that hands back text still works. */
function asJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function tableByOid(catalog: Catalog, oid: string | undefined): Table | undefined {
  return oid === undefined ? undefined : catalog.tables.find((t) => t.oid === oid);
}
