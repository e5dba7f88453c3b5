// How many rows the migrations themselves put into a table before a given statement, when the SQL
// says so: INSERT ... VALUES (n rows) and INSERT ... SELECT FROM generate_series(a, b). IVFFlat's
// rules compare its lists with this, and check that an index is not trained on an empty table.
import type { InsertStmt } from '@pgsql/types';
import { as, constInt, names, rangeVarKey } from './ast';
import type { ParsedStatement, RuleContext, TableKey } from './types';

export interface RowsWritten {
  /** Rows written by statements whose count the SQL shows. */
  counted: number;
  /** True when some statement wrote a number of rows the SQL does not show (COPY, INSERT ... SELECT from a table). */
  uncounted: boolean;
  /** Whether any statement wrote to the table at all. */
  any: boolean;
}

/** Rows written to `table` by the UP statements of the set that come before `until`. */
export function rowsWrittenBefore(ctx: RuleContext, table: TableKey, until: ParsedStatement): RowsWritten {
  const out: RowsWritten = { counted: 0, uncounted: false, any: false };
  for (const m of ctx.migrations) {
    for (const stmt of m.up.statements) {
      if (stmt === until) return out;
      const n = rowsWrittenBy(stmt, table);
      if (n === undefined) continue;
      out.any = true;
      if (n === 'unknown') out.uncounted = true;
      else out.counted += n;
    }
  }
  return out;
}

/** Rows one statement writes to `table`: a count, 'unknown', or undefined when it does not write to it. */
export function rowsWrittenBy(stmt: ParsedStatement, table: TableKey): number | 'unknown' | undefined {
  const insert = as(stmt.ast, 'InsertStmt');
  if (insert) return rangeVarKey(insert.relation) === table ? insertRows(insert) : undefined;
  const copy = as(stmt.ast, 'CopyStmt');
  if (copy?.is_from && rangeVarKey(copy.relation) === table) return 'unknown';
  return undefined;
}

function insertRows(insert: InsertStmt): number | 'unknown' {
  const select = as(insert.selectStmt, 'SelectStmt');
  if (!select) return 'unknown';
  if (select.valuesLists) return select.valuesLists.length;
  const from = select.fromClause ?? [];
  if (from.length !== 1 || select.whereClause || select.limitCount) return 'unknown';
  const fn = as(as(as(from[0], 'RangeFunction')?.functions?.[0], 'List')?.items?.[0], 'FuncCall');
  if (!fn || names(fn.funcname).pop() !== 'generate_series') return 'unknown';
  const [a, b, step = 1] = (fn.args ?? []).map((x) => constInt(as(x, 'A_Const')));
  if (a === undefined || b === undefined || !step) return 'unknown';
  return Math.max(0, Math.floor((b - a) / step) + 1);
}
