// Renaming a table breaks, at COMMIT, every query of the application version still running.
import { rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { isExistingTable } from '../existing-objects';
import { phraseRange } from '../statement-text';
import type { Rule } from '../types';

export const renameTable: Rule = {
  meta: {
    id: 'rename-table',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'ALTER TABLE ... RENAME TO on an existing table.',
    rationale: 'The rename takes effect at COMMIT, while the application version that uses the old name is still running: its queries fail until the new version is deployed. Create the new table (or rename and leave a view with the old name behind), move readers and writers, then drop the old name in a later migration.',
    docs: 'docs/rules/rename-table.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const rename = stmtAs(stmt, 'RenameStmt');
        if (rename?.renameType !== 'OBJECT_TABLE' || !rename.relation) continue;
        if (!isExistingTable(m.up, stmt, rangeVarKey(rename.relation))) continue;
        const at = phraseRange(stmt, ['rename', 'to']);
        ctx.report({
          file: m.up.section.file,
          start: at?.start ?? stmt.start,
          end: stmt.end,
          message: `renaming table ${rangeVarName(rename.relation)} to ${rename.newname} breaks every client still using the old name`,
          help: 'rename in steps: keep a view with the old name (or a new table fed by both), move clients over, drop the old name later',
        });
      }
    }
  },
};
