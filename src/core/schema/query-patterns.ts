// The spec's documented queries, planned by PostgreSQL on the migrated scratch database with
// sequential scans disabled: a table still read without an index has no index that can serve
// the query. Parameters are typed by PostgreSQL itself (PREPARE) and bound to sample values.
import { embeddingFor, EmbeddingConfig } from '../config/embedding-models';
import type { Db } from '../db/types';
import { dbErrorFields, quoteLiteral } from '../db/types';
import type { SqlStatement } from '../sql/split';
import type { CatalogSnapshot, IndexEntry, RelationEntry } from './catalog';
import { displayName } from './catalog';
import { tokenName } from './locate';
import { distanceIn, identifiersIn, operatorOfOpclass, PlanNode, planLines, planRoot, planSummary, sortKeys, UnindexedScan, unindexedScans } from './plan';

export type QueryPatternOutcome =
  | { kind: 'served'; plan: PlanNode }
  | { kind: 'unindexed'; plan: PlanNode; scans: UnindexedScan[]; reasons: string[] }
  /** The query does not run on the migrated schema (a missing column, say). */
  | { kind: 'failed'; message: string; sqlstate?: string; hint?: string; /** offset in the statement text */ position?: number };

const STATEMENT_NAME = 'pgvm_query_pattern';

/** Plans one query; the database is left as it was (the settings are local to a rolled-back transaction). */
export async function planQueryPattern(db: Db, stmt: SqlStatement, snapshot: CatalogSnapshot, models: EmbeddingConfig | number | undefined): Promise<QueryPatternOutcome> {
  const prefix = `PREPARE ${STATEMENT_NAME} AS `;
  let prepared = false;
  await db.execute('BEGIN');
  try {
    await db.execute('SET LOCAL enable_seqscan = off');
    // A generic plan keeps $1 in the plan text, and is what an application's prepared statement gets.
    await db.execute('SET LOCAL plan_cache_mode = force_generic_plan');
    try {
      await db.execute(prefix + stmt.text);
      prepared = true;
    } catch (err) {
      const f = dbErrorFields(err);
      const position = f.position !== undefined && f.position > prefix.length ? f.position - prefix.length - 1 : undefined;
      return { kind: 'failed', message: f.message, ...(f.code ? { sqlstate: f.code } : {}), ...(f.hint ? { hint: f.hint } : {}), ...(position !== undefined ? { position } : {}) };
    }
    const types = await db.query<{ types: string[] | string }>('SELECT parameter_types::text[] AS types FROM pg_prepared_statements WHERE name = $1', [STATEMENT_NAME]);
    const parameterTypes = toArray(types.rows[0]?.types);
    const values = parameterTypes.map((type, i) => sampleValue(type, vectorDimensions(stmt, i + 1, snapshot, models)));
    let explained;
    try {
      explained = await db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) EXECUTE ${STATEMENT_NAME}${values.length ? `(${values.join(', ')})` : ''}`);
    } catch (err) {
      const f = dbErrorFields(err);
      return { kind: 'failed', message: f.message, ...(f.code ? { sqlstate: f.code } : {}), ...(f.hint ? { hint: f.hint } : {}) };
    }
    const plan = planRoot(explained.rows);
    const scans = unindexedScans(plan);
    if (scans.length === 0) return { kind: 'served', plan };
    return { kind: 'unindexed', plan, scans, reasons: scans.map((s) => whyUnindexed(s, plan, snapshot)) };
  } finally {
    await db.execute('ROLLBACK').catch(() => undefined);
    if (prepared) await db.execute(`DEALLOCATE ${STATEMENT_NAME}`).catch(() => undefined);
  }
}

function toArray(value: string[] | string | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (!value || value === '{}') return [];
  return value.replace(/^\{|\}$/g, '').split(',').map((t) => t.replace(/^"|"$/g, ''));
}

/**
 * Dimensions for a vector parameter: a cast in the query ($1::vector(1536)), else the vector
 * column the query names (its type's, else the dimensions of the model that claims it), else the
 * project's embedding dimensions, else any vector column's.
 */
function vectorDimensions(stmt: SqlStatement, parameter: number, snapshot: CatalogSnapshot, models: EmbeddingConfig | number | undefined): number {
  const modelDims = (table: string, column: string) => (typeof models === 'object' ? embeddingFor(models, table, column).dimensions : undefined);
  const fallback = typeof models === 'object' ? models.embedding.dimensions : models;
  const cast = new RegExp(`\\$${parameter}\\s*::\\s*(?:vector|halfvec|sparsevec|bit)\\s*\\(\\s*(\\d+)\\s*\\)`, 'i').exec(stmt.text)
    ?? new RegExp(`CAST\\s*\\(\\s*\\$${parameter}\\s+AS\\s+(?:vector|halfvec|sparsevec|bit)\\s*\\(\\s*(\\d+)\\s*\\)`, 'i').exec(stmt.text);
  if (cast) return Number(cast[1]);
  const words = new Set(stmt.tokens.map(tokenName));
  for (const r of snapshot.relations) {
    if (!words.has(r.name)) continue;
    for (const c of r.columns.filter((col) => words.has(col.name))) {
      const dims = c.dimensions ?? (isVectorType(c.type) ? modelDims(`${r.schema}.${r.name}`, c.name) : undefined);
      if (dims) return dims;
    }
  }
  return fallback ?? snapshot.relations.flatMap((r) => r.columns).find((c) => c.dimensions !== undefined)?.dimensions ?? 3;
}

function isVectorType(type: string | undefined): boolean {
  return !!type && /^(vector|halfvec|sparsevec)\b/i.test(type);
}

/** A literal of the parameter's type that PostgreSQL accepts; NULL of the type when unsure. */
export function sampleValue(type: string, dimensions: number): string {
  const t = type.toLowerCase();
  const typed = (literal: string) => `${quoteLiteral(literal)}::${type}`;
  if (t.endsWith('[]')) return typed('{}');
  if (t === 'vector' || t === 'halfvec') return typed(`[${Array.from({ length: dimensions }, (_, i) => ((i % 10) + 1) / 10).join(',')}]`);
  if (t === 'sparsevec') return typed(`{1:0.5}/${dimensions}`);
  if (t === 'bit' || t === 'bit varying') return typed('1'.repeat(Math.max(1, dimensions)));
  if (/^(smallint|integer|bigint|numeric|real|double precision|oid)$/.test(t)) return `1::${type}`;
  if (/^(text|character varying|character|name|citext)$/.test(t)) return typed('sample');
  if (t === 'boolean') return 'true';
  if (t === 'uuid') return typed('00000000-0000-0000-0000-000000000001');
  if (/^(timestamp|date|time)/.test(t)) return typed('2026-01-01');
  if (t === 'interval') return typed('1 day');
  if (t === 'json' || t === 'jsonb') return typed('{}');
  if (t === 'bytea') return typed('\\x00');
  return `NULL::${type}`;
}

/** Why a table is read without an index, as precisely as the plan and the catalog tell. */
export function whyUnindexed(scan: UnindexedScan, plan: PlanNode, snapshot: CatalogSnapshot): string {
  const relation = snapshot.relations.find((r) => r.name === scan.table);
  const columns = new Set(relation?.columns.map((c) => c.name) ?? []);
  const indexes = snapshot.indexes.filter((i) => i.table === scan.table && (!relation || i.schema === relation.schema));
  const table = relation ? displayName(relation.schema, relation.name) : scan.table;

  const distanceSort = sortKeys(plan).map(distanceIn).find((d) => d && columns.has(d.column));
  if (distanceSort) return whyDistanceNotServed(distanceSort, table, indexes);

  const distanceFilter = scan.filter ? distanceIn(scan.filter) : undefined;
  if (distanceFilter && columns.has(distanceFilter.column)) {
    return `the distance is in WHERE (${scan.filter}), which no index can serve: a vector index serves ORDER BY ${distanceFilter.column} ${distanceFilter.operator} ... LIMIT n; order by the distance and filter the nearest rows`;
  }
  if (scan.filter && relation) return whyFilterNotServed(scan.filter, relation, table, indexes);

  const otherSort = sortKeys(plan).find((k) => identifiersIn(k).some((w) => columns.has(w)));
  if (otherSort) {
    const hasVectorIndex = indexes.some((i) => i.method === 'hnsw' || i.method === 'ivfflat');
    return hasVectorIndex
      ? `the ORDER BY is not on a distance (${otherSort}): the vector index on ${table} serves only ORDER BY <column> <operator> <vector>`
      : `no index on ${table} covers the ORDER BY (${otherSort})`;
  }
  return `the query has no condition or ORDER BY that an index on ${table} could serve: it reads every row`;
}

function whyDistanceNotServed(d: NonNullable<ReturnType<typeof distanceIn>>, table: string, indexes: IndexEntry[]): string {
  const vectorIndexes = indexes.filter((i) => (i.method === 'hnsw' || i.method === 'ivfflat') && i.keys[0]?.expression === d.column);
  if (!d.bare) {
    return `the ORDER BY is not on a distance itself (${d.text}): an index orders by ${d.column} ${d.operator} <vector> ascending, so write ORDER BY ${d.column} ${d.operator} $n`;
  }
  if (d.descending) return `ORDER BY ${d.column} ${d.operator} ... DESC cannot use a vector index, which returns the nearest rows first`;
  if (vectorIndexes.length === 0) {
    return `no HNSW or IVFFlat index on ${table}.${d.column}: ORDER BY ${d.column} ${d.operator} sorts every row`;
  }
  const fitting = vectorIndexes.filter((i) => operatorOfOpclass(i.keys[0].opclass ?? '') === d.operator);
  if (fitting.length === 0) {
    const list = vectorIndexes.map((i) => `${i.name} serves ${operatorOfOpclass(i.keys[0].opclass ?? '') ?? 'another operator'}`).join('; ');
    const opclasses = [...new Set(vectorIndexes.map((i) => i.keys[0].opclass ?? ''))].join(', ');
    return `the operator ${d.operator} does not match the index's ${opclasses} (${list})`;
  }
  const names = fitting.map((i) => i.name).join(', ');
  return `${names} could serve ORDER BY ${d.column} ${d.operator}, but the planner did not use it: a vector index needs ORDER BY ${d.column} ${d.operator} <vector> LIMIT n, with nothing else in the ORDER BY`;
}

function whyFilterNotServed(filter: string, relation: RelationEntry, table: string, indexes: IndexEntry[]): string {
  const columns = identifiersIn(filter).filter((w) => relation.columns.some((c) => c.name === w));
  const leading = new Set(indexes.map((i) => i.keys[0]?.expression));
  const unindexed = columns.filter((c) => !leading.has(c));
  if (unindexed.length === 1) return `the filter column ${unindexed[0]} has no index (${filter})`;
  if (unindexed.length > 1) return `the filter columns ${unindexed.join(', ')} have no index (${filter})`;
  return `no index on ${table} matches the filter (${filter})`;
}

export function planDetail(plan: PlanNode): { summary: string; lines: string[] } {
  return { summary: planSummary(plan), lines: planLines(plan) };
}

