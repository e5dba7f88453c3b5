// A migration runs against a database; dropping one (its own or another) is never a schema change.
import { stmtAs } from '../ast';
import { statementsOf } from '../parse-set';
import { phraseRange } from '../statement-text';
import type { Rule } from '../types';

export const banDropDatabase: Rule = {
  meta: {
    id: 'ban-drop-database',
    checklistItem: 9,
    defaultSeverity: 'error',
    description: 'DROP DATABASE in a migration (UP or DOWN).',
    rationale: 'Dropping a database destroys every table in it and cannot be rolled back; it has no place in a migration, whose job is to change one database\'s schema. Do it by hand, deliberately, with a backup.',
    docs: 'docs/rules/ban-drop-database.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        const drop = stmtAs(stmt, 'DropdbStmt');
        if (!drop) continue;
        const at = phraseRange(stmt, ['drop', 'database']) ?? { start: stmt.start, end: stmt.end };
        ctx.report({
          file: section.section.file,
          ...at,
          message: `DROP DATABASE ${drop.dbname ?? ''} destroys a whole database and cannot be undone`.replace('  ', ' '),
          help: 'remove it from the migration; drop databases by hand, with a backup',
        });
      }
    }
  },
};
