// `ALTER COLUMN embedding TYPE vector(3072)` on a column that holds 1536-dimensional embeddings
// cannot work: the cast fails on the first row ("expected 3072 dimensions, not 1536"), and with
// `USING` it rewrites the table under an ACCESS EXCLUSIVE lock while the application still writes
// the old model's vectors. A model change is expand/contract: a new column, a backfill by the
// application, an index built concurrently, reads switched, the old column dropped.
import { embeddingFor } from '../../config/embedding-models';
import { stmtAs } from '../ast';
import { displayTable, schemaAt } from '../schema-lookup';
import { ColumnDefinition, columnDefinitions } from '../column-definitions';
import { isExistingColumn } from '../existing-objects';
import type { ModelChangeOffer, Rule, RuleContext } from '../types';
import { indexableFamily, vectorFamily } from '../vector-types';

export const vectorTypeChangeInPlace: Rule = {
  meta: {
    id: 'vector-type-change-in-place',
    checklistItem: 9,
    defaultSeverity: 'error',
    description: 'ALTER COLUMN ... TYPE vector(n) or halfvec(n) on an existing embedding column of another size: a model change done in place.',
    rationale: 'An embedding column of one size cannot be cast to another: every existing row fails the cast, and with USING the table is rewritten under an ACCESS EXCLUSIVE lock while the application still writes vectors of the old model. Change models with expand/contract instead: add a column for the new model, let the application backfill it, build its index CONCURRENTLY, switch reads, then drop the old column (pgvector-migrator new --change-embedding TABLE.COLUMN --to MODEL writes these migrations).',
    docs: 'docs/rules/vector-type-change-in-place.md',
    fixable: true,
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
        modelChanges: modelChangeOffers(ctx, def, target),
      });
    }
  },
};

/**
 * The scaffold for each model whose column the scaffold would make of the statement's type (a
 * vector model too wide for an index is written as halfvec), the model the config assigns the
 * column first. The statement is offered for removal only when it is a single-action ALTER TABLE:
 * taking out a statement that also does something else would lose that.
 */
function modelChangeOffers(ctx: RuleContext, def: ColumnDefinition, target: string): ModelChangeOffer[] | undefined {
  const dims = def.type.dimensions!;
  const assigned = embeddingFor(ctx.config, def.table, def.name).model;
  const fitting = ctx.config.embeddings.filter((m) => m.dimensions === dims && indexableFamily(m.type, dims) === def.type.name);
  if (assigned?.dimensions === dims && !fitting.includes(assigned)) fitting.unshift(assigned);
  else if (assigned && fitting.includes(assigned)) fitting.sort((a, b) => Number(b === assigned) - Number(a === assigned));
  if (fitting.length === 0) return undefined;
  const single = (stmtAs(def.stmt, 'AlterTableStmt')?.cmds?.length ?? 0) === 1;
  const remove = single ? { file: def.file, start: def.stmt.start, end: def.stmt.endWithSemicolon } : undefined;
  return fitting.map((m) => ({ title: `Write the expand/contract migrations for model ${m.name} instead`, target, model: m.name, remove }));
}

