// Renaming a column is instant for PostgreSQL and immediate breakage for every client, view and
// query that still uses the old name: during a deploy the old application version keeps running.
import { rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { isExistingColumn } from '../existing-objects';
import { phraseRange } from '../statement-text';
import type { Rule } from '../types';

export const renameColumn: Rule = {
  meta: {
    id: 'rename-column',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'RENAME COLUMN on an existing table.',
    rationale: 'The rename takes effect at COMMIT, while the application version that uses the old name is still running: its queries fail until the new version is deployed. Add the new column, write to both, backfill, move readers, then drop the old column — or keep the old name and rename only in the application.',
    docs: 'docs/rules/rename-column.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const rename = stmtAs(stmt, 'RenameStmt');
        if (rename?.renameType !== 'OBJECT_COLUMN' || !rename.relation) continue;
        if (!isExistingColumn(m.up, stmt, rangeVarKey(rename.relation), rename.subname)) continue;
        const at = phraseRange(stmt, ['rename']);
        ctx.report({
          file: m.up.section.file,
          start: at?.start ?? stmt.start,
          end: stmt.end,
          message: `renaming ${rangeVarName(rename.relation)}.${rename.subname} to ${rename.newname} breaks every client still using the old name`,
          help: 'add the new column, dual-write and backfill, move readers over, then drop the old column in a later migration',
        });
      }
    }
  },
};
