// A table without a primary key cannot have its rows told apart: duplicates creep in, UPDATE and
// DELETE by row need ctid tricks, logical replication refuses UPDATE/DELETE on it, and foreign keys
// cannot point at it. Embedding tables in particular need a key to re-embed rows in place.
import { as, nameRangeAtLocation, rangeVarKey, stmtAs } from '../ast';
import { displayTable, finalSchema, schemaAt } from '../schema-lookup';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext, TableKey } from '../types';

export const missingPrimaryKey: Rule = {
  meta: {
    id: 'missing-primary-key',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'CREATE TABLE without a primary key, here or later in the migration set.',
    rationale: 'Without a primary key rows cannot be identified: duplicates go unnoticed, logical replication rejects UPDATE and DELETE, foreign keys cannot reference the table, and re-embedding a row in place needs a key. Add one, e.g. id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY.',
    docs: 'docs/rules/missing-primary-key.md',
    fixable: false,
  },
  check(ctx) {
    const end = finalSchema(ctx);
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const create = stmtAs(stmt, 'CreateStmt');
        const key = rangeVarKey(create?.relation);
        if (!create?.relation || !key) continue;
        // Temporary tables vanish with the session; partitions take their key from the parent;
        // LIKE and OF copy a definition this statement does not show.
        if (create.relation.relpersistence === 't' || create.partbound || create.ofTypename) continue;
        if ((create.tableElts ?? []).some((e) => as(e, 'TableLikeClause'))) continue;
        if (ctx.schemaAfter(m).tables.get(key)?.primaryKey || end?.tables.get(key)?.primaryKey) continue;
        if (hadPrimaryKeyBeforeDrop(ctx, m, stmt, key)) continue;
        const at = nameRangeAtLocation(stmt, create.relation.location);
        ctx.report({
          file: m.up.section.file,
          ...at,
          message: `table ${displayTable(key)} has no primary key: its rows cannot be told apart, updated by key or replicated`,
          help: 'add a primary key, e.g. id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, or PRIMARY KEY (...) on the natural key',
        });
      }
    }
  },
};

/** A table the migration creates with a key and drops again (a scratch table) had its key. */
function hadPrimaryKeyBeforeDrop(ctx: RuleContext, m: ParsedMigration, create: ParsedStatement, key: TableKey): boolean {
  const statements = m.up.statements;
  for (let i = statements.indexOf(create) + 1; i < statements.length; i++) {
    const table = schemaAt(ctx, m, statements[i]).tables.get(key);
    if (!table) return false;
    if (table.primaryKey) return true;
  }
  return false;
}
