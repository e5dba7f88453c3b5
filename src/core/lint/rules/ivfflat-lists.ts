// IVFFlat splits the table into `lists` clusters and searches a few of them (ivfflat.probes): too
// few lists and every probe scans a large share of the table; too many and most lists are nearly
// empty, so recall collapses. pgvector's guidance: rows / 1000 up to 1M rows, sqrt(rows) above.
import { rangeVarKey, stmtAs } from '../ast';
import { indexOptions } from '../index-options';
import { displayTable } from '../schema-lookup';
import { phraseRange } from '../statement-text';
import { rowsWrittenBefore } from '../table-rows';
import type { ParsedMigration, ParsedStatement, Rule, RuleContext } from '../types';

/** pgvector's IVFFLAT_MIN_LISTS / IVFFLAT_MAX_LISTS / IVFFLAT_DEFAULT_LISTS. */
export const LISTS = { min: 1, max: 32768, default: 100 };
/** How far from the recommendation lists may be before it is "far": a factor, either way. */
const TOLERANCE = 4;

export const ivfflatLists: Rule = {
  meta: {
    id: 'ivfflat-lists',
    checklistItem: 5,
    defaultSeverity: 'warning',
    description: 'An IVFFlat index without lists, with lists outside 1..32768, or far from rows / 1000 when the migrations show the row count.',
    rationale: 'IVFFlat searches only the clusters nearest to the query. The number of clusters (lists, default 100) must fit the table: about rows / 1000 up to 1M rows and sqrt(rows) above, or recall and speed suffer. Set WITH (lists = ...) explicitly.',
    docs: 'docs/rules/ivfflat-lists.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) checkIndex(ctx, m, stmt);
    }
  },
};

/** pgvector's recommendation for a table of `rows` rows. */
export function recommendedLists(rows: number): number {
  return Math.max(1, Math.round(rows <= 1_000_000 ? rows / 1000 : Math.sqrt(rows)));
}

function checkIndex(ctx: RuleContext, migration: ParsedMigration, stmt: ParsedStatement): void {
  const index = stmtAs(stmt, 'IndexStmt');
  const table = rangeVarKey(index?.relation);
  if (!index || !table || index.accessMethod?.toLowerCase() !== 'ivfflat') return;
  const file = migration.up.section.file;
  const rows = rowsWrittenBefore(ctx, table, stmt);
  const knownRows = rows.any && !rows.uncounted ? rows.counted : undefined;
  const advice = knownRows === undefined
    ? 'set WITH (lists = rows / 1000) for the rows the table will hold (sqrt(rows) above 1M rows)'
    : `set WITH (lists = ${recommendedLists(knownRows)}) for the ${knownRows} rows the migrations load`;
  const lists = indexOptions(stmt, index).get('lists');
  if (!lists) {
    const at = phraseRange(stmt, ['using', 'ivfflat']) ?? { start: stmt.start, end: stmt.end };
    ctx.report({ file, ...at, message: `IVFFlat index without lists: pgvector uses ${LISTS.default} lists whatever the size of ${displayTable(table)}`, help: advice });
    return;
  }
  const value = lists.value;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < LISTS.min || value > LISTS.max) {
    ctx.report({
      file, ...lists.range,
      message: `lists = ${typeof value === 'number' ? value : JSON.stringify(value ?? '')} is not an integer from ${LISTS.min} to ${LISTS.max}: the index build fails`,
      help: advice,
    });
    return;
  }
  if (knownRows === undefined) return;
  const recommended = recommendedLists(knownRows);
  if (value <= recommended * TOLERANCE && value * TOLERANCE >= recommended) return;
  ctx.report({
    file, ...lists.range,
    message: `lists = ${value} is far from the ${recommended} recommended for the ${knownRows} rows the migrations load into ${displayTable(table)}`,
    help: `${advice}; ${value > recommended ? 'with too many lists most of them are nearly empty and recall drops' : 'with too few lists every probe scans a large part of the table'}`,
  });
}
