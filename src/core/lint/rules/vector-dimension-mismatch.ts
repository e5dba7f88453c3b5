// An embedding column whose dimensions differ from the model the project embeds with: every
// insert from the application fails ("expected 1536 dimensions, not 768"), and no query can
// compare it with the project's other embeddings. Also: an index expression that casts a column
// to a different dimension count, which fails on the first row.
import type { TypeCast } from '@pgsql/types';
import { dimensionsKey, embeddingFor, embeddingSource, modelsFitting } from '../../config/embedding-models';
import { findAll, rangeVarKey, stmtAs, typeInfo } from '../ast';
import { columnDefinitions, ColumnDefinition } from '../column-definitions';
import { columnRead } from '../index-elements';
import { displayTable, relatedColumns, RelatedColumn, schemaAt } from '../schema-lookup';
import { typeRange } from '../type-range';
import type { ModelDeclaration, ParsedMigration, ParsedStatement, Rule, RuleContext } from '../types';
import { DENSE_EMBEDDING_TYPES, vectorFamily } from '../vector-types';

const SPARSE_TYPES: ReadonlySet<string> = new Set(['sparsevec']);

export const vectorDimensionMismatch: Rule = {
  meta: {
    id: 'vector-dimension-mismatch',
    checklistItem: 4,
    defaultSeverity: 'error',
    description: 'An embedding column or index cast whose dimensions differ from the project\'s embedding model or from the same embedding elsewhere.',
    rationale: 'pgvector rejects a value whose dimension count differs from the column\'s, so every insert from the embedding pipeline fails, and distances between columns of different sizes cannot be computed. Declare the dimensions the configured model produces (embedding.dimensions in pgvector-migrator.json).',
    docs: 'docs/rules/vector-dimension-mismatch.md',
    fixable: true,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (def.type.isArray || def.type.dimensions === undefined) continue;
      if (DENSE_EMBEDDING_TYPES.has(def.type.name)) checkDenseColumn(ctx, def, def.type.dimensions);
      else if (SPARSE_TYPES.has(def.type.name)) checkSparseColumn(ctx, def, def.type.dimensions);
    }
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) checkIndexCasts(ctx, m, stmt);
    }
  },
};

function checkDenseColumn(ctx: RuleContext, def: ColumnDefinition, dims: number): void {
  const model = embeddingFor(ctx.config, def.table, def.name);
  const configured = model.dimensions;
  if (configured === undefined) return checkAgainstEarlier(ctx, def, dims);
  if (dims === configured) return;
  const others = relatedColumns(ctx.schemaAfter(def.migration), def.table, def.name, DENSE_EMBEDDING_TYPES)
    .filter((r) => r.column.dimensions !== dims && embeddingFor(ctx.config, r.table, r.column.name).model === model.model);
  const evidence = others.length > 0 ? ` and ${describeRelated(others)}` : '';
  const typmod = def.typeRange.typmods[0];
  const declarations = modelDeclarations(ctx, def, dims);
  const declareHelp = declarations.length > 0 ? `, or claim it for another model (${declarations.map((d) => d.title.replace(/^Declare this column as /, '')).join(', ')}) in pgvector-migrator.json` : '';
  ctx.report({
    file: def.file,
    start: def.typeRange.start,
    end: def.typeRange.end,
    message: `${def.name} is ${def.type.name}(${dims}) but ${model.model ? `${embeddingSource(model)} is` : 'the project\'s embeddings are'} ${configured}-dimensional${model.model ? '' : ' (pgvector-migrator.json)'}${evidence}`,
    help: `declare ${def.type.name}(${configured})${declareHelp}, or change ${dimensionsKey(model)} if the project switched models (and re-embed the existing rows)`,
    fix: typmod && {
      title: `Change to ${def.type.name}(${configured})`,
      edits: [{ file: def.file, start: typmod.start, end: typmod.end, newText: String(configured) }],
    },
    declarations,
  });
}

/**
 * "Declare this column as model X" for each model of that size and type; with named models and
 * none that fits, a new model for the column (its dimensions, the project's distance).
 */
function modelDeclarations(ctx: RuleContext, def: ColumnDefinition, dims: number): ModelDeclaration[] {
  const glob = `${displayTable(def.table)}.${def.name}`;
  const fitting = modelsFitting(ctx.config, def.type.name, dims);
  if (fitting.length > 0) return fitting.map((m) => ({ title: `Declare this column as model ${m.name}`, model: m.name, glob }));
  if (ctx.config.embeddings.length === 0) return [];
  const name = `${def.name.replace(/_?embeddings?_?/g, '') || def.name}-${dims}`;
  return [{
    title: `Declare a model "${name}" (${def.type.name}(${dims})) for this column`,
    model: name,
    glob,
    create: { dimensions: dims, distance: ctx.config.embedding.distance, type: def.type.name },
  }];
}

/**
 * No model configured: the column is compared with the same embedding declared earlier in the set
 * (a column of the same name, or across a foreign key), never with a default size.
 */
function checkAgainstEarlier(ctx: RuleContext, def: ColumnDefinition, dims: number): void {
  const earlier = relatedColumns(ctx.schemaAfter(def.migration), def.table, def.name, DENSE_EMBEDDING_TYPES)
    .filter((r) => r.column.dimensions !== dims && isBefore(r, def));
  if (earlier.length === 0) return;
  const theirs = earlier[0].column.dimensions!;
  const typmod = def.typeRange.typmods[0];
  ctx.report({
    file: def.file,
    start: def.typeRange.start,
    end: def.typeRange.end,
    message: `${def.name} is ${def.type.name}(${dims}) but ${describeRelated(earlier)}`,
    help: `declare ${def.type.name}(${theirs}) like the same embedding elsewhere, or set embedding.dimensions in pgvector-migrator.json to the size your model produces`,
    fix: typmod && {
      title: `Change to ${def.type.name}(${theirs})`,
      edits: [{ file: def.file, start: typmod.start, end: typmod.end, newText: String(theirs) }],
    },
  });
}

/**
 * sparsevec dimensions are a vocabulary size (30522 for SPLADE), not the dense model's output, so
 * they are compared only with the same sparse embedding declared earlier in the set.
 */
function checkSparseColumn(ctx: RuleContext, def: ColumnDefinition, dims: number): void {
  const model = embeddingFor(ctx.config, def.table, def.name);
  if (model.glob && model.type === 'sparsevec' && model.dimensions !== undefined) {
    if (model.dimensions === dims) return;
    const typmod = def.typeRange.typmods[0];
    return ctx.report({
      file: def.file,
      start: def.typeRange.start,
      end: def.typeRange.end,
      message: `${def.name} is sparsevec(${dims}) but ${embeddingSource(model)} has a vocabulary of ${model.dimensions}`,
      help: `declare sparsevec(${model.dimensions}), or change ${dimensionsKey(model)}`,
      fix: typmod && { title: `Change to sparsevec(${model.dimensions})`, edits: [{ file: def.file, start: typmod.start, end: typmod.end, newText: String(model.dimensions) }] },
    });
  }
  const earlier = relatedColumns(ctx.schemaAfter(def.migration), def.table, def.name, SPARSE_TYPES)
    .filter((r) => r.column.dimensions !== dims && isBefore(r, def));
  if (earlier.length === 0) return;
  ctx.report({
    file: def.file,
    start: def.typeRange.start,
    end: def.typeRange.end,
    message: `${def.name} is sparsevec(${dims}) but ${describeRelated(earlier)}`,
    help: 'sparse embeddings from the same vocabulary must share one dimension count; declare the same sparsevec(n) everywhere',
  });
}

function isBefore(r: RelatedColumn, def: ColumnDefinition): boolean {
  const at = r.column.definedAt;
  if (at.migrationIndex !== def.migration.index) return at.migrationIndex < def.migration.index;
  return at.file === def.file && at.start < def.typeRange.start;
}

function describeRelated(related: RelatedColumn[]): string {
  const shown = related.slice(0, 3).map((r) => `${displayTable(r.table)}.${r.column.name} is ${r.column.type}(${r.column.dimensions})`);
  const more = related.length > 3 ? ` (and ${related.length - 3} more)` : '';
  return `${shown.join(' and ')}${more}`;
}

/** `(embedding::halfvec(3072))` over a vector(1536) column fails on the first row the index sees. */
function checkIndexCasts(ctx: RuleContext, m: ParsedMigration, stmt: ParsedStatement): void {
  const index = stmtAs(stmt, 'IndexStmt');
  const key = rangeVarKey(index?.relation);
  if (!index || !key) return;
  const casts = findAll(index.indexParams, 'TypeCast') as TypeCast[];
  // Most indexes cast nothing: look the table up (which builds the statement's schema) only when one does.
  const table = casts.length > 0 ? schemaAt(ctx, m, stmt).tables.get(key) : undefined;
  if (!table) return;
  for (const cast of casts) {
    const target = typeInfo(cast.typeName);
    if (!vectorFamily(target?.name) || target?.dimensions === undefined || !cast.typeName) continue;
    const columnName = columnRead(cast.arg);
    const column = columnName ? table.columns.get(columnName) : undefined;
    if (!column || !vectorFamily(column.type) || column.dimensions === undefined || column.dimensions === target.dimensions) continue;
    const range = typeRange(stmt, cast.typeName);
    if (!range) continue;
    const file = m.up.section.file;
    const typmod = range.typmods[0];
    ctx.report({
      file,
      start: range.start,
      end: range.end,
      message: `the index casts ${columnName} to ${target.name}(${target.dimensions}) but ${displayTable(key)}.${columnName} is ${column.type}(${column.dimensions})`,
      help: `cast to ${target.name}(${column.dimensions}): a cast cannot change the number of dimensions, so the index build fails on the first row`,
      fix: typmod && {
        title: `Change to ${target.name}(${column.dimensions})`,
        edits: [{ file, start: typmod.start, end: typmod.end, newText: String(column.dimensions) }],
      },
    });
  }
}
