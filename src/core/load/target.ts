// The table a load writes to, as the database has it (never as the file claims): its columns with
// type, dimensions, NOT NULL and defaults, and which vector columns a cosine index reads.
import type { Db } from '../db/types';
import { ConfigError } from '../errors';

export type ColumnKind = 'vector' | 'halfvec' | 'sparsevec' | 'bit' | 'varbit' | 'int2' | 'int4' | 'int8' | 'json' | 'other';

export interface TargetColumn {
  name: string;
  /** format('%I'): the column in SQL. */
  quoted: string;
  kind: ColumnKind;
  /** As the catalog prints it: "vector(768)", "bigint". */
  type: string;
  /** vector/halfvec/sparsevec dimensions or bit length; undefined when the type has none. */
  size?: number;
  notNull: boolean;
  /** A DEFAULT, identity or generated value: the column may be left out of the file. */
  hasDefault: boolean;
  /** GENERATED ALWAYS (identity or stored): COPY cannot write it. */
  generatedAlways: boolean;
  /** A cosine operator class index reads it: zero vectors cannot be indexed. */
  cosineIndexed: boolean;
}

export interface TargetTable {
  schema: string;
  name: string;
  /** "schema.name" as spelled in the catalog. */
  display: string;
  /** format('%I.%I'). */
  quoted: string;
  columns: TargetColumn[];
}

const KINDS: Record<string, ColumnKind> = {
  vector: 'vector', halfvec: 'halfvec', sparsevec: 'sparsevec', bit: 'bit', varbit: 'varbit',
  int2: 'int2', int4: 'int4', int8: 'int8', json: 'json', jsonb: 'json',
};

export async function readTargetTable(db: Db, name: string): Promise<TargetTable> {
  const t = await db.query<{ oid: string; schema: string; name: string; quoted: string; relkind: string }>(
    `SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, format('%I.%I', n.nspname, c.relname) AS quoted, c.relkind::text AS relkind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = to_regclass($1)`,
    [name],
  );
  const table = t.rows[0];
  if (!table) {
    throw new ConfigError(`table ${name} does not exist in ${db.description}`, { fix: 'apply the migration that creates it (pgvector-migrator up), or name the table as schema.table' });
  }
  if (table.relkind !== 'r' && table.relkind !== 'p') throw new ConfigError(`${table.schema}.${table.name} is not a table (relkind ${table.relkind})`);
  const cols = await db.query<{ name: string; quoted: string; typname: string; type: string; typmod: number; notnull: boolean; hasdef: boolean; identity: string; generated: string; cosine: boolean }>(
    `SELECT a.attname AS name, quote_ident(a.attname) AS quoted, t.typname, format_type(a.atttypid, a.atttypmod) AS type,
            a.atttypmod AS typmod, a.attnotnull AS notnull, a.atthasdef AS hasdef, a.attidentity::text AS identity, a.attgenerated::text AS generated,
            EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                      JOIN LATERAL unnest(i.indkey::int2[], i.indclass::oid[]) AS k(attnum, opclass) ON true
                      JOIN pg_catalog.pg_opclass o ON o.oid = k.opclass
                     WHERE i.indrelid = a.attrelid AND k.attnum = a.attnum AND o.opcname LIKE '%cosine%') AS cosine
       FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [table.oid],
  );
  return {
    schema: table.schema,
    name: table.name,
    display: `${table.schema}.${table.name}`,
    quoted: table.quoted,
    columns: cols.rows.map((c) => {
      const kind = KINDS[c.typname] ?? 'other';
      const typmod = Number(c.typmod);
      return {
        name: c.name,
        quoted: c.quoted,
        kind,
        type: c.type,
        size: typmod > 0 && kind !== 'other' && !kind.startsWith('int') && kind !== 'json' ? typmod : undefined,
        notNull: Boolean(c.notnull),
        hasDefault: Boolean(c.hasdef) || c.identity !== '' || c.generated !== '',
        generatedAlways: c.identity === 'a' || c.generated !== '',
        cosineIndexed: Boolean(c.cosine),
      };
    }),
  };
}

/** User tables to load into, schema-qualified ("public.chunks"), for a picker. */
export async function listTables(db: Db): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
        AND c.relname NOT LIKE 'pgvector\\_migrator\\_%'
      ORDER BY 1`,
  );
  return r.rows.map((row) => row.name);
}
