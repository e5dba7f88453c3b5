// UPDATE without WHERE touches every row of the table in one transaction: it locks every row
// (writers wait), writes a new version of each (the table doubles in size until vacuum), and is
// as often a forgotten WHERE as a deliberate backfill. Both directions run against real data.
import { rangeVarKey, rangeVarName, nameRangeAtLocation, stmtAs } from '../ast';
import { isExistingTable } from '../existing-objects';
import { statementsOf } from '../parse-set';
import type { Rule } from '../types';

export const updateWithoutWhere: Rule = {
  meta: {
    id: 'update-without-where',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'UPDATE without a WHERE clause on an existing table (UP or DOWN).',
    rationale: 'An UPDATE without WHERE rewrites every row in one transaction: it row-locks the whole table (concurrent writers wait), doubles its size until vacuum catches up, and cannot be stopped half way. If it is a backfill, do it in batches (WHERE id BETWEEN ... AND ..., or WHERE col IS NULL with a LIMIT through a subquery); if a WHERE was forgotten, add it. A table created in the same migration is not reported.',
    docs: 'docs/rules/update-without-where.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        const update = stmtAs(stmt, 'UpdateStmt');
        if (!update?.relation || update.whereClause) continue;
        if (!isExistingTable(section, stmt, rangeVarKey(update.relation))) continue;
        ctx.report({
          file: section.section.file,
          start: stmt.start,
          end: nameRangeAtLocation(stmt, update.relation.location).end,
          message: `UPDATE without WHERE rewrites every row of ${rangeVarName(update.relation)} in one transaction, locking them all`,
          help: 'add the WHERE clause, or, for a backfill, update in batches (by key range, or WHERE the column IS NULL)',
        });
      }
    }
  },
};
