// DELETE without WHERE empties the table row by row in one transaction: it is slow, locks every
// row, leaves the space to vacuum, and is as often a forgotten WHERE as a deliberate purge.
import { nameRangeAtLocation, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { isExistingTable } from '../existing-objects';
import { statementsOf } from '../parse-set';
import type { Rule } from '../types';

export const deleteWithoutWhere: Rule = {
  meta: {
    id: 'delete-without-where',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'DELETE without a WHERE clause on an existing table (UP or DOWN).',
    rationale: 'A DELETE without WHERE removes every row of the table in one transaction, row-locking them all and leaving dead rows for vacuum; a forgotten WHERE loses data that no DOWN section can bring back. Add the WHERE clause; to empty a table on purpose, say so with TRUNCATE (which is also far faster). A table created in the same migration is not reported.',
    docs: 'docs/rules/delete-without-where.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        const del = stmtAs(stmt, 'DeleteStmt');
        if (!del?.relation || del.whereClause) continue;
        if (!isExistingTable(section, stmt, rangeVarKey(del.relation))) continue;
        ctx.report({
          file: section.section.file,
          start: stmt.start,
          end: nameRangeAtLocation(stmt, del.relation.location).end,
          message: `DELETE without WHERE removes every row of ${rangeVarName(del.relation)}`,
          help: 'add the WHERE clause; to empty the table on purpose, use TRUNCATE',
        });
      }
    }
  },
};
