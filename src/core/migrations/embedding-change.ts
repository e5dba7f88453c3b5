// `new --change-embedding TABLE.COLUMN --to MODEL`: the expand/contract migrations of a model
// change, from the column and its vector index as the migrations build them (the schema model)
// and the target model of pgvector-migrator.json:
//   1 expand    ADD COLUMN <column>_<model> of the new type, nullable (a halfvec when the model's
//               dimensions exceed what an index on vector allows);
//   2 index     the new column's HNSW or IVFFlat index, CONCURRENTLY, with the old index's
//               distance mapped to the new type's operator class, its WITH options and predicate;
//   3 contract  waits (-- Requires:) for the backfill, then swaps the names: the old column stays
//               as <column>_previous, its index renamed, for a rollback;
//   4 drop      drops <column>_previous once no row holds only an old embedding.
// Each has a DOWN that reverses it. Written in the default layout (one file, UP and DOWN sections).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectConfig } from '../config/config';
import type { EmbeddingModel } from '../config/embedding';
import { quoteIdent, quoteLiteral } from '../db/types';
import { MigratorError } from '../errors';
import { parseMigrationSet } from '../lint/parse-set';
import { finalSchema, indexesOn } from '../model';
import { normalizeTableKey } from '../lint/schema-lookup';
import type { ColumnModel, IndexModel, ParsedMigration, TableModel } from '../lint/types';
import { INDEX_DIMENSION_LIMITS, opclassFor, opclassMeaning, VectorFamily, vectorIndexMethod } from '../lint/vector-types';
import { nextVersion, snakeName } from './create';
import type { MigrationSet } from './types';

export interface EmbeddingChangeRequest {
  /** `chunks.embedding` or `app.chunks.embedding`. */
  target: string;
  /** A model name of the config's `embeddings`. */
  model: string;
  author: string;
  now: Date;
}

/** What the scaffold reads and decides, for the files and for messages. */
export interface EmbeddingChangePlan {
  table: string;
  column: string;
  newColumn: string;
  previousColumn: string;
  oldType: string;
  /** The old column is NOT NULL: after the swap the application stops writing it, so the contract drops that. */
  oldNotNull: boolean;
  newType: string;
  /** The vector index over the old column, when there is one. */
  oldIndex?: IndexModel;
  newIndex: { name: string; method: string; opclass: string; options: Record<string, string | number>; predicate?: string };
}

const MAX_IDENTIFIER = 63;

/** Reads the schema the set builds (the parser must be loaded) and writes the migrations; returns their paths. */
export function writeEmbeddingChange(set: MigrationSet, config: ProjectConfig, request: EmbeddingChangeRequest): string[] {
  if (set.layout !== 'default') {
    throw new MigratorError(`new --change-embedding writes the default layout's files, and this set is ${set.layout}`, {
      fix: 'write the four migrations by hand following docs/embedding-model-change.md, or convert the set to the default layout',
    });
  }
  const plan = planEmbeddingChange(set, config, request);
  const files = embeddingChangeFiles(set, plan, request);
  for (const [name] of files) {
    if (fs.existsSync(path.join(set.dir, name))) throw new MigratorError(`${name} already exists`, { location: { file: path.join(set.dir, name) } });
  }
  fs.mkdirSync(set.dir, { recursive: true });
  return files.map(([name, text]) => {
    const file = path.join(set.dir, name);
    fs.writeFileSync(file, text);
    return file;
  });
}

export function planEmbeddingChange(set: MigrationSet, config: ProjectConfig, request: EmbeddingChangeRequest): EmbeddingChangePlan {
  const model = config.embeddings.find((m) => m.name === request.model);
  if (!model) {
    const names = config.embeddings.map((m) => m.name);
    throw new MigratorError(`--to ${request.model}: pgvector-migrator.json declares no such model in "embeddings"`, {
      fix: names.length > 0 ? `use one of: ${names.join(', ')}, or declare it` : 'declare the model, e.g. "embeddings": { "openai-3-large": { "dimensions": 3072, "distance": "cosine" } }',
    });
  }
  if (model.dimensions === undefined) throw new MigratorError(`model ${model.name} has no "dimensions"`, { fix: `set embeddings.${model.name}.dimensions in pgvector-migrator.json` });
  const dot = request.target.lastIndexOf('.');
  if (dot <= 0) throw new MigratorError(`--change-embedding ${request.target}: expected TABLE.COLUMN`, { fix: 'e.g. --change-embedding chunks.embedding' });
  const tableKey = normalizeTableKey(request.target.slice(0, dot).toLowerCase());
  const column = request.target.slice(dot + 1).toLowerCase();
  const parsed = parseMigrationSet(set).migrations;
  const schema = finalSchema(parsed);
  const table = schema.tables.get(tableKey);
  const old = table?.columns.get(column);
  if (!table || !old) {
    throw new MigratorError(`--change-embedding ${request.target}: the migrations create no such column`, { fix: 'name a vector column as TABLE.COLUMN (schema-qualified when it is not in public)' });
  }
  if (!['vector', 'halfvec', 'sparsevec', 'bit'].includes(old.type)) {
    throw new MigratorError(`--change-embedding ${request.target}: the column is ${old.type}, not a vector column`);
  }
  const family = newFamily(model);
  const oldIndex = indexesOn(schema, tableKey).find((i) => vectorIndexMethod(i.method) && i.columns.some((c) => c.column === column || c.expression?.includes(column)));
  const newColumn = identifier(`${column}_${snakeName(model.name)}`);
  return {
    table: tableName(table),
    column,
    newColumn,
    previousColumn: identifier(`${column}_previous`),
    oldType: typeText(old),
    oldNotNull: old.notNull,
    newType: `${family}(${model.dimensions})`,
    oldIndex,
    newIndex: newIndexOf(table, newColumn, family, model, oldIndex, parsed),
  };
}

/** A vector model too wide for an index on vector is stored as halfvec (up to 4,000 indexable dimensions). */
function newFamily(model: EmbeddingModel): VectorFamily {
  if (model.type === 'vector' && model.dimensions! > INDEX_DIMENSION_LIMITS.hnsw.vector!) return 'halfvec';
  return model.type;
}

function newIndexOf(table: TableModel, newColumn: string, family: VectorFamily, model: EmbeddingModel, old: IndexModel | undefined, parsed: readonly ParsedMigration[]): EmbeddingChangePlan['newIndex'] {
  const method = old?.method.toLowerCase() === 'ivfflat' ? 'ivfflat' : 'hnsw';
  // The old index's distance is what the queries order by: keep it; without an index, the model's.
  const oldOpclass = old?.columns.find((c) => c.opclass)?.opclass;
  const distance = old ? (oldOpclass ? opclassMeaning(oldOpclass)?.distance ?? model.distance : 'l2') : model.distance;
  const opclass = opclassFor(family, distance, method) ?? opclassFor(family, model.distance, method) ?? `${family}_l2_ops`;
  return {
    name: identifier(`${table.name}_${newColumn}_idx`),
    method,
    opclass,
    options: old?.options ?? {},
    predicate: old?.partial ? renameColumn(predicateOf(old, parsed), columnOf(old), newColumn) : undefined,
  };
}

/** The WHERE clause of the old index's CREATE INDEX, as written. */
function predicateOf(index: IndexModel, parsed: readonly ParsedMigration[]): string | undefined {
  const at = index.definedAt;
  const stmt = parsed[at.migrationIndex]?.up.statements.find((st) => st.start <= at.start && at.start < st.end);
  const where = stmt && /\bWHERE\b([\s\S]*?);?\s*$/i.exec(stmt.text);
  return where ? where[1].trim() : undefined;
}

function columnOf(index: IndexModel): string {
  return index.columns.find((c) => c.column)?.column ?? '';
}

/**
 * A predicate names columns, and PostgreSQL keeps them by position, not by name: the new index's
 * predicate must read the new column where the old one read the old column.
 */
function renameColumn(predicate: string | undefined, from: string, to: string): string | undefined {
  if (!predicate || !from) return predicate;
  return predicate.replace(new RegExp(`(?<![\\w$"])"?${from}"?(?![\\w$])`, 'gi'), quoteIdent(to));
}

function typeText(c: ColumnModel): string {
  return c.dimensions !== undefined ? `${c.type}(${c.dimensions})` : c.type;
}

function tableName(t: TableModel): string {
  return t.schema === 'public' ? quoteIdent(t.name) : `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

function identifier(name: string): string {
  return name.slice(0, MAX_IDENTIFIER);
}

/** The index name in the table's schema, for ALTER INDEX / DROP INDEX. */
function indexRef(plan: EmbeddingChangePlan, name: string): string {
  const dot = plan.table.indexOf('.');
  return dot > 0 ? `${plan.table.slice(0, dot)}.${quoteIdent(name)}` : quoteIdent(name);
}

function withOptions(options: Record<string, string | number>): string {
  const entries = Object.entries(options);
  return entries.length === 0 ? '' : ` WITH (${entries.map(([k, v]) => `${k} = ${v}`).join(', ')})`;
}

function versions(set: MigrationSet, now: Date, count: number): string[] {
  const first = nextVersion(set, now);
  return Array.from({ length: count }, (_, i) => (BigInt(first) + BigInt(i)).toString().padStart(first.length, '0'));
}

export function embeddingChangeFiles(set: MigrationSet, plan: EmbeddingChangePlan, request: EmbeddingChangeRequest): [string, string][] {
  const [v1, v2, v3, v4] = versions(set, request.now, 4);
  const slug = snakeName(`${plan.table.replace(/"/g, '')}_${plan.column}`);
  const model = snakeName(request.model);
  const names = [`${v1}_expand_${slug}_to_${model}.sql`, `${v2}_index_${slug}_${model}.sql`, `${v3}_contract_${slug}_to_${model}.sql`, `${v4}_drop_${slug}_previous.sql`];
  const previous = set.migrations[set.migrations.length - 1];
  const deps = [previous ? path.basename(previous.files[0]) : 'none', ...names];
  const date = request.now.toISOString().slice(0, 10);
  const head = (i: number, description: string, extra: string[] = []) => [
    `-- Migration: ${names[i]}`,
    `-- Description: ${description}`,
    `-- Dependencies: ${deps[i]}`,
    `-- Author: ${request.author}`,
    `-- Date: ${date}`,
    ...extra,
    '',
  ].join('\n');
  const t = plan.table;
  const col = quoteIdent(plan.column);
  const neu = quoteIdent(plan.newColumn);
  const prev = quoteIdent(plan.previousColumn);
  const ni = plan.newIndex;
  const where = ni.predicate ? ` WHERE ${ni.predicate}` : '';
  const oldIndexName = plan.oldIndex?.name;
  const previousIndexName = oldIndexName && identifier(`${oldIndexName}_previous`);
  const finalIndexName = oldIndexName ?? ni.name;
  const oldIndexDef = plan.oldIndex && oldIndexSql(plan, previousIndexName!, prev);
  const lock = `SET LOCAL lock_timeout = ${quoteLiteral('5s')};`;
  const requires = `SELECT count(${neu}) AS done, count(*) FILTER (WHERE ${col} IS NOT NULL OR ${neu} IS NOT NULL) AS total FROM ${t}`;

  const expand = `${head(0, `expand: a column for ${request.model} beside ${plan.column} (${plan.oldType} -> ${plan.newType}); the application dual-writes and backfills it`)}
-- UP Migration
BEGIN;
${lock}
ALTER TABLE ${t} ADD COLUMN ${neu} ${plan.newType};
COMMIT;

-- DOWN Migration
BEGIN;
${lock}
ALTER TABLE ${t} DROP COLUMN ${neu};
COMMIT;
`;
  const index = `${head(1, `the ${ni.method.toUpperCase()} index of ${plan.newColumn}, built concurrently (${ni.opclass}${plan.oldIndex ? `, as ${plan.oldIndex.name}` : ''})`)}
-- UP Migration
CREATE INDEX CONCURRENTLY IF NOT EXISTS ${quoteIdent(ni.name)} ON ${t} USING ${ni.method} (${neu} ${ni.opclass})${withOptions(ni.options)}${where};

-- DOWN Migration
DROP INDEX CONCURRENTLY IF EXISTS ${indexRef(plan, ni.name)};
`;
  // The renames are the point of the contract: readers moved to the new model behind the old name.
  const intended = '-- pgvector-migrator-disable-next-line rename-column';
  const renames = [
    intended,
    `ALTER TABLE ${t} RENAME COLUMN ${col} TO ${prev};`,
    intended,
    `ALTER TABLE ${t} RENAME COLUMN ${neu} TO ${col};`,
    ...(plan.oldNotNull ? [`ALTER TABLE ${t} ALTER COLUMN ${prev} DROP NOT NULL;`] : []),
    ...(oldIndexName ? [`ALTER INDEX ${indexRef(plan, oldIndexName)} RENAME TO ${quoteIdent(previousIndexName!)};`] : []),
    `ALTER INDEX ${indexRef(plan, ni.name)} RENAME TO ${quoteIdent(finalIndexName)};`,
  ];
  const unrenames = [
    ...(plan.oldNotNull ? [`-- fails while rows written after the contract lack the old embedding: fill or delete them first`, `ALTER TABLE ${t} ALTER COLUMN ${prev} SET NOT NULL;`] : []),
    `ALTER INDEX ${indexRef(plan, finalIndexName)} RENAME TO ${quoteIdent(ni.name)};`,
    ...(oldIndexName ? [`ALTER INDEX ${indexRef(plan, previousIndexName!)} RENAME TO ${quoteIdent(oldIndexName)};`] : []),
    intended,
    `ALTER TABLE ${t} RENAME COLUMN ${col} TO ${neu};`,
    intended,
    `ALTER TABLE ${t} RENAME COLUMN ${prev} TO ${col};`,
  ];
  const contract = `${head(2, `contract: ${plan.column} becomes the ${request.model} column; the old one stays as ${plan.previousColumn} for a rollback`, [
    `-- Requires: ${requires}`,
  ])}
-- UP Migration
BEGIN;
${lock}
${renames.join('\n')}
COMMIT;

-- DOWN Migration
BEGIN;
${lock}
${unrenames.join('\n')}
COMMIT;
`;
  const drop = `${head(3, `drops ${plan.previousColumn} once every row has its ${request.model} embedding (apply after the application stopped reading it)`, [
    `-- Requires: SELECT NOT EXISTS (SELECT 1 FROM ${t} WHERE ${col} IS NULL AND ${prev} IS NOT NULL) AS every_row_re_embedded`,
  ])}
-- UP Migration
BEGIN;
${lock}
-- pgvector-migrator-disable-next-line drop-column
ALTER TABLE ${t} DROP COLUMN ${prev};
COMMIT;

-- DOWN Migration
-- Restores the column and its index, not the old embeddings.
BEGIN;
${lock}
ALTER TABLE ${t} ADD COLUMN ${prev} ${plan.oldType};
${oldIndexDef ?? ''}COMMIT;
`;
  return [[names[0], expand], [names[1], index], [names[2], contract], [names[3], drop]];
}

/** The old index recreated over <column>_previous (the drop migration's DOWN). */
function oldIndexSql(plan: EmbeddingChangePlan, name: string, prev: string): string {
  const old = plan.oldIndex!;
  const opclass = old.columns.find((c) => c.opclass)?.opclass;
  const predicate = plan.newIndex.predicate ? ` WHERE ${renameColumn(plan.newIndex.predicate, plan.newColumn, plan.previousColumn)}` : '';
  return `CREATE INDEX ${quoteIdent(name)} ON ${plan.table} USING ${old.method.toLowerCase()} (${prev}${opclass ? ` ${opclass}` : ''})${withOptions(old.options)}${predicate};\n`;
}
