// Dropping a column is instant for PostgreSQL (the data stays until rewritten) and immediate
// breakage for the application version still running that reads or writes it. In a DOWN section
// dropping what the UP added is the point, so only UP sections are checked.
import { rangeVarName } from '../ast';
import { upAlterCommands } from '../alter-table-commands';
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
    for (const { migration: m, stmt, alter, table, cmd, range } of upAlterCommands(ctx)) {
      if (cmd.subtype !== 'AT_DropColumn' || !isExistingColumn(m.up, stmt, table, cmd.name)) continue;
      ctx.report({
        file: m.up.section.file,
        ...range,
        message: `dropping column ${rangeVarName(alter.relation)}.${cmd.name} deletes its data and breaks clients that still use it`,
        help: 'remove every use of the column from the application and deploy that first; then drop it in a later migration',
      });
    }
  },
};
