// Decides which row-level checks each table needs, from the catalog and the config, and answers
// the ones the schema already settles (a typed vector column, a NOT NULL column) without a scan.
import type { Distance } from '../config/config';
import { embeddingFor, EmbeddingConfig } from '../config/embedding-models';
import type { CheckId, CheckResult } from './types';
import type { Catalog, Column, Table } from './catalog';
import { tableByOid } from './catalog';
import { distanceOfOpclass } from './catalog-checks';
import type { ColumnSetRef, ValidateSettings } from './settings';
import { finding, RowProbe } from './probe';
import { dimensionsProbe, notNormalizedProbe, zeroNormProbe } from './probes/vector-values';
import { declaredRelationshipProbe, notNullColumnOf, notValidCheckProbe, notValidForeignKeyProbe, requiredColumnProbe } from './probes/constraints';
import { duplicatesProbe } from './probes/duplicates';
import { sequenceProbe } from './probes/sequences';

export interface ProbePlan {
  probes: Map<Table, RowProbe[]>;
  /** Results known without reading rows. */
  settled: CheckResult[];
}

export function planProbes(catalog: Catalog, settings: ValidateSettings, models: EmbeddingConfig, enabled: (id: CheckId) => boolean): ProbePlan {
  const plan: ProbePlan = { probes: new Map(), settled: [] };
  const add = (table: Table, probe: RowProbe) => {
    if (!probe.covers.some((c) => enabled(c.id))) return;
    plan.probes.set(table, [...(plan.probes.get(table) ?? []), probe]);
  };
  const settle = (r: Omit<CheckResult, 'sample'>) => { if (enabled(r.id)) plan.settled.push({ ...r, sample: [] }); };
  for (const table of catalog.tables) {
    for (const column of table.columns.filter((c) => c.vectorType)) planVectorColumn(catalog, table, column, settings, models, enabled, add, settle);
  }
  planConstraints(catalog, add);
  planSequences(catalog, add);
  planRequired(catalog, settings.required, add, settle);
  planUnique(catalog, settings.unique, add, settle);
  planRelationships(catalog, settings, add, settle);
  return plan;
}

type Add = (table: Table, probe: RowProbe) => void;
type Settle = (r: Omit<CheckResult, 'sample'>) => void;

function planVectorColumn(catalog: Catalog, table: Table, column: Column, settings: ValidateSettings, models: EmbeddingConfig, enabled: (id: CheckId) => boolean, add: Add, settle: Settle): void {
  // The column's own model (embeddings' globs), else the project's default.
  const declared = embeddingFor(models, `${table.schema}.${table.name}`, column.name);
  if (column.dimensions !== undefined) {
    settle(finding('vector-dimensions', table, column.name, { status: 'pass', rows: 0, message: `${column.vectorType}(${column.dimensions}): the column type admits no other size`, remediation: null }));
  } else if (enabled('vector-dimensions')) {
    add(table, dimensionsProbe(table, column, declared.dimensions));
  }
  const indexes = catalog.annIndexes.filter((i) => i.tableOid === table.oid && i.attnums.includes(column.attnum));
  const reason = (distance: Distance): string | undefined => {
    const index = indexes.find((i) => distanceOfOpclass(i.opclass) === distance);
    if (index) return `indexed with ${index.opclass} by ${index.name}`;
    return declared.distance === distance ? `${declared.model ? `embeddings.${declared.model.name}` : 'embedding'}.distance is ${distance}` : undefined;
  };
  const cosine = reason('cosine');
  if (cosine && enabled('vector-zero-norm')) add(table, zeroNormProbe(table, column, cosine));
  const innerProduct = reason('inner_product');
  if (innerProduct && enabled('vector-not-normalized')) add(table, notNormalizedProbe(table, column, settings.normTolerance, innerProduct));
}

function planConstraints(catalog: Catalog, add: Add): void {
  for (const con of catalog.constraints.filter((c) => !c.validated)) {
    const table = tableByOid(catalog, con.tableOid);
    if (!table) continue;
    if (con.type === 'f') {
      const refTable = tableByOid(catalog, con.refTableOid);
      const columns = con.attnums.map((n) => table.columns.find((c) => c.attnum === n));
      const refColumns = con.refAttnums.map((n) => refTable?.columns.find((c) => c.attnum === n));
      if (!refTable || columns.some((c) => !c) || refColumns.some((c) => !c)) continue;
      add(table, notValidForeignKeyProbe(table, con, { columns: columns as Column[], refTable, refColumns: refColumns as Column[], matchFull: con.matchFull }));
    } else if (con.type === 'c' || (con.type === 'n' && notNullColumnOf(table, con))) {
      add(table, notValidCheckProbe(table, con));
    }
  }
}

function planSequences(catalog: Catalog, add: Add): void {
  for (const seq of catalog.sequences) {
    const table = tableByOid(catalog, seq.tableOid);
    const column = table?.columns.find((c) => c.attnum === seq.attnum);
    if (table && column) add(table, sequenceProbe(table, column, seq));
  }
}

/** The config names tables as people write them: exact names, schema optional (search_path order). */
export function resolveTable(catalog: Catalog, ref: { schema?: string; table: string }): Table | undefined {
  const candidates = catalog.tables.filter((t) => t.name === ref.table && (ref.schema === undefined || t.schema === ref.schema));
  if (ref.schema !== undefined || candidates.length <= 1) return candidates[0];
  for (const schema of catalog.searchPath) {
    const found = candidates.find((t) => t.schema === schema);
    if (found) return found;
  }
  return undefined;
}

type Resolved = { table: Table; columns: Column[] } | { error: string };

function resolveColumns(catalog: Catalog, ref: ColumnSetRef): Resolved {
  const table = resolveTable(catalog, ref);
  if (!table) return { error: `no table ${ref.schema ? `${ref.schema}.` : ''}${ref.table} in the database` };
  const columns: Column[] = [];
  for (const name of ref.columns) {
    const column = table.columns.find((c) => c.name === name);
    if (!column) return { error: `${table.display} has no column ${name}` };
    columns.push(column);
  }
  return { table, columns };
}

function configError(id: CheckId, key: string, ref: { text: string }, error: string): Omit<CheckResult, 'sample'> {
  return { id, table: null, column: null, status: 'error', rows: null, message: `"${key}" in pgvector-migrator.json names ${ref.text}, but ${error}`, remediation: null };
}

function planRequired(catalog: Catalog, required: ColumnSetRef[], add: Add, settle: Settle): void {
  for (const ref of required) {
    const r = resolveColumns(catalog, ref);
    if ('error' in r) { settle(configError('null-violations', 'required', ref, r.error)); continue; }
    for (const column of r.columns) {
      if (column.notNull) {
        settle(finding('null-violations', r.table, column.name, { status: 'pass', rows: 0, message: `${column.name} is NOT NULL (required in the config)`, remediation: null }));
      } else if (!catalog.constraints.some((c) => !c.validated && c.tableOid === r.table.oid && notNullColumnOf(r.table, c) === column)) {
        add(r.table, requiredColumnProbe(r.table, column));
      }
    }
  }
}

function sameColumns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n) => b.includes(n));
}

function planUnique(catalog: Catalog, unique: ColumnSetRef[], add: Add, settle: Settle): void {
  for (const ref of unique) {
    const r = resolveColumns(catalog, ref);
    if ('error' in r) { settle(configError('duplicate-values', 'unique', ref, r.error)); continue; }
    const attnums = r.columns.map((c) => c.attnum);
    if (catalog.uniqueKeys.some((k) => k.tableOid === r.table.oid && sameColumns(k.attnums, attnums))) {
      settle(finding('duplicate-values', r.table, r.columns.map((c) => c.name).join(', '), { status: 'pass', rows: 0, message: 'a unique index enforces it (declared unique in the config)', remediation: null }));
    } else {
      add(r.table, duplicatesProbe(r.table, r.columns));
    }
  }
}

function planRelationships(catalog: Catalog, settings: ValidateSettings, add: Add, settle: Settle): void {
  for (const rel of settings.relationships) {
    const from = resolveColumns(catalog, rel.from);
    const to = resolveColumns(catalog, rel.to);
    const failed = 'error' in from ? from : 'error' in to ? to : undefined;
    if (failed && 'error' in failed) { settle(configError('orphaned-rows', 'relationships', rel, failed.error)); continue; }
    if ('error' in from || 'error' in to) continue;
    const attnums = from.columns.map((c) => c.attnum);
    const fk = catalog.constraints.find((c) => c.type === 'f' && c.tableOid === from.table.oid && c.refTableOid === to.table.oid && sameColumns(c.attnums, attnums));
    if (fk?.validated) {
      settle({ ...finding('orphaned-rows', from.table, from.columns.map((c) => c.name).join(', '), { status: 'pass', rows: 0, message: `foreign key ${fk.name} enforces it (relationship ${rel.text} in the config)`, remediation: null }), object: fk.name });
    } else if (!fk) {
      add(from.table, declaredRelationshipProbe(from.table, { columns: from.columns, refTable: to.table, refColumns: to.columns, matchFull: false }, rel.text));
    }
    // a NOT VALID foreign key on the same columns is checked as such
  }
}
