// Data does not belong in a migration as hundreds of VALUES rows: the file becomes huge, every
// row is parsed as SQL, and the whole load sits in the migration's transaction. COPY (or the
// populate command, which uses it) loads the same rows an order of magnitude faster.
import { as, keywordRange, nameRangeAtLocation, rangeVarName, stmtAs } from '../ast';
import type { Rule } from '../types';

const DEFAULT_THRESHOLD = 100;

export const bulkInsertPreferCopy: Rule = {
  meta: {
    id: 'bulk-insert-prefer-copy',
    checklistItem: 9,
    defaultSeverity: 'info',
    description: 'INSERT ... VALUES with many rows (100 by default, option "threshold").',
    rationale: 'Hundreds of VALUES rows make the migration slow to parse, slow to load and hard to review, and keep the whole load in the migration\'s transaction. Load bulk data with COPY (pgvector-migrator\'s populate command streams it), and keep migrations to schema and small reference data.',
    docs: 'docs/rules/bulk-insert-prefer-copy.md',
    fixable: false,
  },
  check(ctx) {
    const option = Number(ctx.options.threshold);
    const threshold = Number.isFinite(option) && option > 0 ? option : DEFAULT_THRESHOLD;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const insert = stmtAs(stmt, 'InsertStmt');
        const rows = as(insert?.selectStmt, 'SelectStmt')?.valuesLists?.length ?? 0;
        if (!insert?.relation || rows < threshold) continue;
        const values = keywordRange(stmt, 'values');
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: values?.end ?? nameRangeAtLocation(stmt, insert.relation.location).end,
          message: `INSERT of ${rows} rows into ${rangeVarName(insert.relation)} as VALUES (threshold ${threshold}); bulk data loads faster and reviews better through COPY`,
          help: 'load the rows with COPY (e.g. pgvector-migrator populate, or \\copy), and keep the migration to schema changes',
        });
      }
    }
  },
};
