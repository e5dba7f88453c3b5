// IVFFlat computes its cluster centres (lists) from the rows present when the index is built.
// Built on a table created a moment earlier, it is trained on nothing: every later row lands in
// arbitrary lists and recall stays poor until the index is rebuilt.
import { rangeVarKey, stmtAs } from '../ast';
import { newObjectsBefore } from '../existing-objects';
import { displayTable } from '../schema-lookup';
import { phraseRange } from '../statement-text';
import { rowsWrittenBy } from '../table-rows';
import type { ParsedSection, ParsedStatement, Rule, RuleContext } from '../types';

export const ivfflatBeforeData: Rule = {
  meta: {
    id: 'ivfflat-before-data',
    checklistItem: 5,
    defaultSeverity: 'warning',
    description: 'An IVFFlat index built on a table that the same migration has just created, before any data is loaded.',
    rationale: 'IVFFlat trains its lists (k-means centres) on the rows present at CREATE INDEX. On an empty table the centres are meaningless and recall stays poor until the index is rebuilt. Build it after loading data, in a later migration, or use HNSW, which needs no training.',
    docs: 'docs/rules/ivfflat-before-data.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) checkIndex(ctx, m.up, stmt);
    }
  },
};

function checkIndex(ctx: RuleContext, section: ParsedSection, stmt: ParsedStatement): void {
  const index = stmtAs(stmt, 'IndexStmt');
  const table = rangeVarKey(index?.relation);
  if (!index || !table || index.accessMethod?.toLowerCase() !== 'ivfflat') return;
  if (!newObjectsBefore(section, stmt).tables.has(table)) return;
  if (hasDataBefore(section, table, stmt)) return;
  const at = phraseRange(stmt, ['using', 'ivfflat']) ?? { start: stmt.start, end: stmt.end };
  ctx.report({
    file: section.section.file,
    ...at,
    message: `IVFFlat index on ${displayTable(table)}, which this migration has just created empty: its lists are trained on no rows`,
    help: 'create the index in a later migration, after the data is loaded (then REINDEX when the data changes a lot), or use HNSW, which needs no training data',
  });
}

/** An INSERT or COPY into the table between its CREATE TABLE and the index. */
function hasDataBefore(section: ParsedSection, table: string, index: ParsedStatement): boolean {
  for (const stmt of section.statements) {
    if (stmt === index) return false;
    if (rowsWrittenBy(stmt, table) !== undefined) return true;
  }
  return false;
}
