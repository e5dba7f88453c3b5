// Dropping a table in an UP section deletes its rows for good and breaks every client still
// using it. DOWN sections are expected to drop what their UP created, so only UP is checked.
import { as, names, stmtAs, tableKey } from '../ast';
import { isExistingTable } from '../existing-objects';
import { dropNames, textOf } from '../statement-text';
import type { Rule } from '../types';

export const dropTable: Rule = {
  meta: {
    id: 'drop-table',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'DROP TABLE of an existing table in an UP section.',
    rationale: 'The rows are gone for good (a DOWN section can recreate the table, not its data) and every client that still reads or writes the table fails. Stop using the table in the application first, keep a backup or rename it aside for a while, then drop it in a later migration.',
    docs: 'docs/rules/drop-table.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const drop = stmtAs(stmt, 'DropStmt');
        if (drop?.removeType !== 'OBJECT_TABLE') continue;
        const found = dropNames(stmt, drop.removeType, false, drop.missing_ok === true);
        if (!found) continue;
        const objects = drop.objects ?? [];
        found.names.forEach((name, i) => {
          const parts = names(as(objects[i], 'List')?.items);
          const key = parts.length ? tableKey(parts.length > 1 ? parts[parts.length - 2] : undefined, parts[parts.length - 1]) : undefined;
          if (objects.length !== found.names.length || !isExistingTable(m.up, stmt, key)) return;
          const text = textOf(stmt, name);
          ctx.report({
            file: m.up.section.file,
            ...name,
            message: `dropping table ${text} deletes its rows for good and breaks clients that still use it`,
            help: 'stop using the table in the application first; then drop it in a later migration, with a backup if the data may be needed',
          });
        });
      }
    }
  },
};

