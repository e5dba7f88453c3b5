// What a database holds, read from PostgreSQL's catalogs in one query: the truth both the spec
// diff and the DOWN round trip compare. Objects that belong to an extension, and the catalogs of
// PostgreSQL itself, are left out; so are NOT NULL constraints (PostgreSQL 18 lists them as
// constraints, 15 does not: both have them as the column's nullability).
import type { Db } from '../db/types';

export interface CatalogSnapshot {
  extensions: ExtensionEntry[];
  schemas: string[];
  relations: RelationEntry[];
  constraints: ConstraintEntry[];
  indexes: IndexEntry[];
  functions: FunctionEntry[];
  types: TypeEntry[];
  triggers: TriggerEntry[];
  policies: PolicyEntry[];
}

export interface ExtensionEntry {
  name: string;
  schema: string;
  version: string;
}

export type RelationKind = 'table' | 'partitioned table' | 'view' | 'materialized view' | 'foreign table' | 'sequence';

export interface RelationEntry {
  schema: string;
  name: string;
  kind: RelationKind;
  columns: ColumnEntry[];
  /** Row-level security enabled. */
  rls: boolean;
  /** Views: the definition as PostgreSQL deparses it. */
  definition?: string;
}

export interface ColumnEntry {
  name: string;
  /** format_type(): 'bigint', 'vector(1536)', 'timestamp with time zone', ... */
  type: string;
  /** The type's own name without modifiers: 'vector', 'int8', 'timestamptz'. */
  baseType: string;
  /** Dimensions of a vector, halfvec or sparsevec column, when declared. */
  dimensions?: number;
  notNull: boolean;
  default?: string;
  /** 'always' | 'by default' for identity columns. */
  identity?: string;
  /** The expression of a generated column. */
  generated?: boolean;
}

export type ConstraintType = 'primary key' | 'foreign key' | 'unique' | 'check' | 'exclusion';

export interface ConstraintEntry {
  schema: string;
  table: string;
  name: string;
  type: ConstraintType;
  columns: string[];
  /** pg_get_constraintdef(): 'FOREIGN KEY (document_id) REFERENCES documents(id) ON DELETE CASCADE'. */
  definition: string;
  refSchema?: string;
  refTable?: string;
  refColumns?: string[];
}

export interface IndexKey {
  /** The column, or the expression as PostgreSQL deparses it. */
  expression: string;
  /** Operator class, e.g. 'vector_cosine_ops', 'int8_ops'. */
  opclass?: string;
  /** The type's default operator class: not worth naming in messages. */
  defaultOpclass: boolean;
  descending: boolean;
  nullsFirst: boolean;
}

export interface IndexEntry {
  schema: string;
  table: string;
  name: string;
  /** Access method: btree, hnsw, ivfflat, gin, ... */
  method: string;
  unique: boolean;
  keys: IndexKey[];
  include: string[];
  /** WITH (...) storage parameters, e.g. { m: '16', ef_construction: '64' }. */
  options: Record<string, string>;
  predicate?: string;
  /** The constraint this index implements (primary key, unique, exclusion), if any. */
  constraint?: string;
  definition: string;
}

export interface FunctionEntry {
  schema: string;
  name: string;
  /** pg_get_function_identity_arguments(). */
  args: string;
  kind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** Result type and an md5 of the body: a changed function shows as changed. */
  signature: string;
}

export interface TypeEntry {
  schema: string;
  name: string;
  kind: 'enum' | 'domain' | 'composite' | 'range';
  /** Labels of an enum, base type and constraints of a domain, attributes of a composite type. */
  definition: string;
}

export interface TriggerEntry {
  schema: string;
  table: string;
  name: string;
  definition: string;
}

export interface PolicyEntry {
  schema: string;
  table: string;
  name: string;
  definition: string;
}

const USER_NAMESPACE = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;
const NOT_EXTENSION_MEMBER = (catalog: string, oid: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '${catalog}'::regclass AND dep.objid = ${oid} AND dep.deptype = 'e')`;

/** One round trip: each part of the snapshot is one json column. */
const SNAPSHOT_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('name', e.extname, 'schema', n.nspname, 'version', e.extversion) ORDER BY e.extname), '[]')
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql') AS extensions,
  (SELECT coalesce(json_agg(n.nspname ORDER BY n.nspname), '[]') FROM pg_namespace n
     WHERE ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_namespace', 'n.oid')}) AS schemas,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', n.nspname, 'name', c.relname, 'kind', c.relkind, 'rls', c.relrowsecurity,
      'definition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END,
      'columns', (SELECT coalesce(json_agg(json_build_object(
          'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'baseType', t.typname,
          'dimensions', CASE WHEN t.typname IN ('vector', 'halfvec', 'sparsevec') AND a.atttypmod > 0 THEN a.atttypmod END,
          'notNull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid),
          'identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END,
          'generated', a.attgenerated <> '') ORDER BY a.attnum), '[]')
        FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind <> 'S')
    ) ORDER BY n.nspname, c.relname), '[]')
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = 'pg_class'::regclass AND dep.objid = c.oid
                                            AND dep.refobjsubid > 0 AND dep.deptype IN ('a', 'i')))) AS relations,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', n.nspname, 'table', c.relname, 'name', con.conname, 'type', con.contype,
      'definition', pg_get_constraintdef(con.oid, true),
      'columns', (SELECT coalesce(json_agg(a.attname ORDER BY k.ord), '[]') FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum),
      'refSchema', rn.nspname, 'refTable', rc.relname,
      'refColumns', (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
    ) ORDER BY n.nspname, c.relname, con.conname), '[]')
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_class rc ON rc.oid = con.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
     WHERE con.contype IN ('p', 'f', 'u', 'c', 'x') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'c.oid')}) AS constraints,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', n.nspname, 'table', c.relname, 'name', ic.relname, 'method', am.amname, 'unique', i.indisunique,
      'keys', (SELECT json_agg(json_build_object(
          'expression', pg_get_indexdef(i.indexrelid, k, true),
          'opclass', (SELECT opc.opcname FROM pg_opclass opc WHERE opc.oid = i.indclass[k - 1]),
          'defaultOpclass', (SELECT opc.opcdefault FROM pg_opclass opc WHERE opc.oid = i.indclass[k - 1]),
          'descending', (i.indoption[k - 1] & 1) <> 0, 'nullsFirst', (i.indoption[k - 1] & 2) <> 0) ORDER BY k)
        FROM generate_series(1, i.indnkeyatts) k),
      'include', (SELECT coalesce(json_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k), '[]')
        FROM generate_series(i.indnkeyatts + 1, i.indnatts) k),
      'options', coalesce(ic.reloptions, '{}'),
      'predicate', pg_get_expr(i.indpred, i.indrelid, true),
      'constraint', (SELECT con.conname FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x') LIMIT 1),
      'definition', pg_get_indexdef(i.indexrelid)
    ) ORDER BY n.nspname, c.relname, ic.relname), '[]')
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
     WHERE ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_class', 'ic.oid')}) AS indexes,
  (SELECT coalesce(json_agg(json_build_object(
      'schema', n.nspname, 'name', p.proname, 'args', pg_get_function_identity_arguments(p.oid), 'kind', p.prokind,
      'signature', coalesce(pg_get_function_result(p.oid), '') || ' ' || p.provolatile::text || ' ' || md5(coalesce(p.prosrc, '')))
    ORDER BY n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), '[]')
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_proc', 'p.oid')}) AS functions,
  (SELECT coalesce(json_agg(json_build_object('schema', n.nspname, 'name', t.typname, 'kind', t.typtype,
      'definition', CASE t.typtype
        WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
        WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                      || coalesce((SELECT ' ' || string_agg(pg_get_constraintdef(dc.oid, true), ' ' ORDER BY dc.conname) FROM pg_constraint dc WHERE dc.contypid = t.oid), '')
        WHEN 'c' THEN (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                       FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped)
        WHEN 'r' THEN (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)
      END) ORDER BY n.nspname, t.typname), '[]')
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd', 'c', 'r') AND ${USER_NAMESPACE} AND ${NOT_EXTENSION_MEMBER('pg_type', 't.oid')}
       AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class tc WHERE tc.oid = t.typrelid AND tc.relkind = 'c'))) AS types,
  (SELECT coalesce(json_agg(json_build_object('schema', n.nspname, 'table', c.relname, 'name', tg.tgname,
      'definition', pg_get_triggerdef(tg.oid, true)) ORDER BY n.nspname, c.relname, tg.tgname), '[]')
     FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT tg.tgisinternal AND ${USER_NAMESPACE}) AS triggers,
  (SELECT coalesce(json_agg(json_build_object('schema', n.nspname, 'table', c.relname, 'name', pol.polname,
      'definition', concat_ws(' ', CASE pol.polpermissive WHEN true THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END, 'FOR', pol.polcmd,
        'USING', pg_get_expr(pol.polqual, pol.polrelid, true), 'WITH CHECK', pg_get_expr(pol.polwithcheck, pol.polrelid, true)))
      ORDER BY n.nspname, c.relname, pol.polname), '[]')
     FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_NAMESPACE}) AS policies
`;

const RELATION_KINDS: Record<string, RelationKind> = {
  r: 'table', p: 'partitioned table', v: 'view', m: 'materialized view', f: 'foreign table', S: 'sequence',
};
const CONSTRAINT_TYPES: Record<string, ConstraintType> = {
  p: 'primary key', f: 'foreign key', u: 'unique', c: 'check', x: 'exclusion',
};
const FUNCTION_KINDS: Record<string, FunctionEntry['kind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };
const TYPE_KINDS: Record<string, TypeEntry['kind']> = { e: 'enum', d: 'domain', c: 'composite', r: 'range' };

type Raw = Record<string, unknown>;

export async function readCatalog(db: Db): Promise<CatalogSnapshot> {
  const result = await db.query<Record<string, unknown>>(SNAPSHOT_SQL);
  const row = result.rows[0];
  const json = (key: string): Raw[] => {
    const v = row[key];
    return (typeof v === 'string' ? JSON.parse(v) : v) as Raw[];
  };
  return {
    extensions: json('extensions') as unknown as ExtensionEntry[],
    schemas: json('schemas') as unknown as string[],
    relations: json('relations').map((r) => ({
      schema: r.schema as string,
      name: r.name as string,
      kind: RELATION_KINDS[r.kind as string],
      rls: Boolean(r.rls),
      ...(r.definition ? { definition: r.definition as string } : {}),
      columns: (r.columns as Raw[]).map(toColumn),
    })),
    constraints: json('constraints').map((c) => ({
      schema: c.schema as string,
      table: c.table as string,
      name: c.name as string,
      type: CONSTRAINT_TYPES[c.type as string],
      columns: c.columns as string[],
      definition: c.definition as string,
      ...(c.refTable ? { refSchema: c.refSchema as string, refTable: c.refTable as string, refColumns: (c.refColumns as string[]) ?? [] } : {}),
    })),
    indexes: json('indexes').map((i) => ({
      schema: i.schema as string,
      table: i.table as string,
      name: i.name as string,
      method: i.method as string,
      unique: Boolean(i.unique),
      keys: ((i.keys as Raw[] | null) ?? []).map((k) => ({
        expression: k.expression as string,
        ...(k.opclass ? { opclass: k.opclass as string } : {}),
        defaultOpclass: Boolean(k.defaultOpclass),
        descending: Boolean(k.descending),
        nullsFirst: Boolean(k.nullsFirst),
      })),
      include: i.include as string[],
      options: parseOptions(i.options as string[]),
      ...(i.predicate ? { predicate: i.predicate as string } : {}),
      ...(i.constraint ? { constraint: i.constraint as string } : {}),
      definition: i.definition as string,
    })),
    functions: json('functions').map((f) => ({
      schema: f.schema as string, name: f.name as string, args: f.args as string,
      kind: FUNCTION_KINDS[f.kind as string] ?? 'function', signature: f.signature as string,
    })),
    types: json('types').map((t) => ({
      schema: t.schema as string, name: t.name as string, kind: TYPE_KINDS[t.kind as string], definition: (t.definition as string | null) ?? '',
    })),
    triggers: json('triggers') as unknown as TriggerEntry[],
    policies: json('policies') as unknown as PolicyEntry[],
  };
}

function toColumn(c: Raw): ColumnEntry {
  const column: ColumnEntry = {
    name: c.name as string,
    type: c.type as string,
    baseType: c.baseType as string,
    notNull: Boolean(c.notNull),
  };
  if (typeof c.dimensions === 'number') column.dimensions = c.dimensions;
  if (typeof c.default === 'string') column.default = c.default;
  if (typeof c.identity === 'string') column.identity = c.identity;
  if (c.generated) column.generated = true;
  return column;
}

/** reloptions {m=16,ef_construction=64} -> { m: '16', ef_construction: '64' }. */
function parseOptions(options: string[] | string | null): Record<string, string> {
  const list = Array.isArray(options) ? options : typeof options === 'string' ? options.replace(/^\{|\}$/g, '').split(',').filter(Boolean) : [];
  const out: Record<string, string> = {};
  for (const o of list) {
    const eq = o.indexOf('=');
    if (eq > 0) out[o.slice(0, eq)] = o.slice(eq + 1);
  }
  return out;
}

/** 'public.chunks' as people write it: the schema only when it is not public. */
export function displayName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}
