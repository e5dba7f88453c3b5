// `ALTER COLUMN embedding TYPE vector(3072)` on a column that holds 1536-dimensional embeddings
// cannot work: the cast fails on the first row ("expected 3072 dimensions, not 1536"), and with
// `USING` it rewrites the table under an ACCESS EXCLUSIVE lock while the application still writes
// the old model's vectors. A model change is expand/contract: a new column, a backfill by the
// application, an index built concurrently, reads switched, the old column dropped.
import { displayTable, schemaAt } from '../schema-lookup';
import { columnDefinitions } from '../column-definitions';
import { isExistingColumn } from '../existing-objects';
import type { Rule } from '../types';
import { vectorFamily } from '../vector-types';

export const vectorTypeChangeInPlace: Rule = {
  meta: {
    id: 'vector-type-change-in-place',
    checklistItem: 9,
    defaultSeverity: 'error',
    description: 'ALTER COLUMN ... TYPE vector(n) or halfvec(n) on an existing embedding column of another size: a model change done in place.',
    rationale: 'An embedding column of one size cannot be cast to another: every existing row fails the cast, and with USING the table is rewritten under an ACCESS EXCLUSIVE lock while the application still writes vectors of the old model. Change models with expand/contract instead: add a column for the new model, let the application backfill it, build its index CONCURRENTLY, switch reads, then drop the old column (pgvector-migrator new --change-embedding TABLE.COLUMN --to MODEL writes these migrations).',
    docs: 'docs/rules/vector-type-change-in-place.md',
    fixable: false,
  },
  check(ctx) {
    for (const def of columnDefinitions(ctx)) {
      if (def.kind !== 'alter-type' || !vectorFamily(def.type.name) || def.type.dimensions === undefined) continue;
      if (!isExistingColumn(def.migration.up, def.stmt, def.table, def.name)) continue;
      const from = schemaAt(ctx, def.migration, def.stmt).tables.get(def.table)?.columns.get(def.name);
      if (!from || !vectorFamily(from.type) || from.dimensions === undefined || from.dimensions === def.type.dimensions) continue;
      const target = `${displayTable(def.table)}.${def.name}`;
      ctx.report({
        file: def.file,
        start: def.typeRange.start,
        end: def.typeRange.end,
        message: `${target} holds ${from.type}(${from.dimensions}) embeddings: changing it to ${def.type.name}(${def.type.dimensions}) in place fails on every existing row, or rewrites the table under an ACCESS EXCLUSIVE lock with USING`,
        help: `change the model with expand/contract migrations instead: pgvector-migrator new --change-embedding ${target} --to MODEL (docs/embedding-model-change.md)`,
      });
    }
  },
};
