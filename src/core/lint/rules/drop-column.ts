// Dropping a column is instant for PostgreSQL (the data stays until rewritten) and immediate
// breakage for the application version still running that reads or writes it. In a DOWN section
// dropping what the UP added is the point, so only UP sections are checked.
import { rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { alterCommands } from '../alter-table-commands';
import { isExistingColumn } from '../existing-objects';
import type { Rule } from '../types';

export const dropColumn: Rule = {
  meta: {
    id: 'drop-column',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'DROP COLUMN of an existing column in an UP section.',
    rationale: 'Clients that still select or insert the column fail from the COMMIT on, and the data is gone for good: a DOWN section can re-add the column, not its values. Stop using the column in the application first, deploy, then drop it in a later migration (and keep a backup if the data may be needed).',
    docs: 'docs/rules/drop-column.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const alter = stmtAs(stmt, 'AlterTableStmt');
        const key = rangeVarKey(alter?.relation);
        if (!alter?.relation) continue;
        for (const { cmd, range } of alterCommands(stmt)) {
          if (cmd.subtype !== 'AT_DropColumn' || !isExistingColumn(m.up, stmt, key, cmd.name)) continue;
          ctx.report({
            file: m.up.section.file,
            ...range,
            message: `dropping column ${rangeVarName(alter.relation)}.${cmd.name} deletes its data and breaks clients that still use it`,
            help: 'remove every use of the column from the application and deploy that first; then drop it in a later migration',
          });
        }
      }
    }
  },
};
