// Making a column nullable is instant for PostgreSQL, but every reader written against the old
// schema assumes a value is there; the first NULL written breaks them.
import { rangeVarName } from '../ast';
import { upAlterCommands } from '../alter-table-commands';
import { isExistingColumn } from '../existing-objects';
import { phraseRange } from '../statement-text';
import type { Rule } from '../types';

export const banDropNotNull: Rule = {
  meta: {
    id: 'ban-drop-not-null',
    checklistItem: 6,
    defaultSeverity: 'warning',
    description: 'ALTER COLUMN ... DROP NOT NULL on an existing column.',
    rationale: 'Clients (and queries, reports, other services) written against the NOT NULL column assume it always has a value; once a NULL is written they break, possibly far from this migration. Make sure every reader handles NULL before relaxing the constraint, or keep it and use a default.',
    docs: 'docs/rules/ban-drop-not-null.md',
    fixable: false,
  },
  check(ctx) {
    for (const { migration: m, stmt, alter, table, cmd, range } of upAlterCommands(ctx)) {
      if (cmd.subtype !== 'AT_DropNotNull' || !isExistingColumn(m.up, stmt, table, cmd.name)) continue;
      // A column the model knows to be nullable already: nothing changes for its readers.
      if (ctx.schemaBefore(m).tables.get(table)?.columns.get(cmd.name ?? '')?.notNull === false) continue;
      ctx.report({
        file: m.up.section.file,
        ...(phraseRange(stmt, ['drop', 'not', 'null'], range) ?? range),
        message: `dropping NOT NULL on ${rangeVarName(alter.relation)}.${cmd.name} lets NULLs in that existing readers do not expect`,
        help: 'check that every reader of the column handles NULL before relaxing it, or keep NOT NULL and give the column a default',
      });
    }
  },
};
