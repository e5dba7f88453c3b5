// TRUNCATE ... CASCADE also empties every table with a foreign key to the named ones, and every
// table referencing those, recursively: tables the statement never names, in a schema that keeps
// growing after the migration was written.
import { keywordRange, stmtAs } from '../ast';
import { statementsOf } from '../parse-set';
import type { Rule } from '../types';

export const banTruncateCascade: Rule = {
  meta: {
    id: 'ban-truncate-cascade',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'TRUNCATE ... CASCADE (UP or DOWN).',
    rationale: 'CASCADE empties every table that references the truncated ones through a foreign key, recursively — tables the migration never names, including ones added after it was written. Name every table to empty in the TRUNCATE, without CASCADE, so that a new reference makes the statement fail instead of silently deleting data.',
    docs: 'docs/rules/ban-truncate-cascade.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        const truncate = stmtAs(stmt, 'TruncateStmt');
        if (truncate?.behavior !== 'DROP_CASCADE') continue;
        const cascade = [...stmt.tokens].reverse().find((t) => t.text.toLowerCase() === 'cascade') ?? keywordRange(stmt, 'truncate');
        ctx.report({
          file: section.section.file,
          start: cascade?.start ?? stmt.start,
          end: cascade?.end ?? stmt.end,
          message: 'TRUNCATE ... CASCADE also empties every table that references these through a foreign key, recursively',
          help: 'list every table to empty explicitly and drop CASCADE',
        });
      }
    }
  },
};
