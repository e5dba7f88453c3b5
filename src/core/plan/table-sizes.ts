// The size of the table a statement works on, as the estimate needs it: from the live database,
// or — for a table an earlier statement of the plan creates — empty, plus the rows the plan's own
// INSERTs write (counted as the lint engine counts them), at a width the schema model gives.
import type { ParsedStatement, TableKey, TableModel } from '../lint/types';
import { rowsWrittenBy } from '../lint/table-rows';
import { as, rangeVarKey } from '../lint/ast';
import type { DatabaseFacts } from './database-facts';
import type { TableSize } from './estimate';
import { vectorValueBytes } from './index-memory';

export type SizeLookup =
  | { known: true; size: TableSize; source: 'database' | 'plan'; partitioned: boolean; rowsFromStatistics: boolean }
  | { known: false; reason: string };

interface CreatedTable {
  rows: number;
  uncounted: boolean;
}

/** Tables as the plan goes: created by its statements, or read from the database. */
export class PlanTables {
  private readonly created = new Map<TableKey, CreatedTable>();

  constructor(private readonly facts: DatabaseFacts) {}

  isCreatedInPlan(key: TableKey): boolean {
    return this.created.has(key);
  }

  lookup(key: TableKey, model: TableModel | undefined): SizeLookup {
    const created = this.created.get(key);
    if (created) {
      const bytes = created.rows * rowWidth(model);
      return { known: true, source: 'plan', partitioned: false, rowsFromStatistics: false, size: { rows: created.rows, heapBytes: bytes, rewriteBytes: bytes, indexes: [] } };
    }
    const seen = this.facts.tables.get(key);
    if (!seen || !seen.visible) {
      const reason = seen?.visible === false && seen.reason === 'no privilege' ? 'the connected role may not read it' : 'it is not in the database and no earlier statement of the plan creates it';
      return { known: false, reason };
    }
    const f = seen.facts;
    const indexBytes = f.indexes.reduce((sum, i) => sum + i.bytes, 0);
    return {
      known: true,
      source: 'database',
      partitioned: f.partitioned,
      rowsFromStatistics: f.rowsFromStatistics,
      size: { rows: f.rows, heapBytes: f.heapBytes, rewriteBytes: f.tableBytes + indexBytes, indexes: f.indexes, vectorColumns: f.vectorColumns },
    };
  }

  /** Records what `stmt` creates, fills or drops, after it has been planned. */
  after(stmt: ParsedStatement): void {
    const ast = stmt.ast;
    const createdKey = rangeVarKey(as(ast, 'CreateStmt')?.relation) ?? rangeVarKey(as(ast, 'CreateTableAsStmt')?.into?.rel);
    if (createdKey) {
      // CREATE TABLE AS fills the table with rows the plan cannot count.
      this.created.set(createdKey, { rows: 0, uncounted: as(ast, 'CreateTableAsStmt') !== undefined });
      return;
    }
    for (const [key, table] of this.created) {
      const n = rowsWrittenBy(stmt, key);
      if (n === 'unknown') table.uncounted = true;
      else if (n !== undefined) table.rows += n;
    }
  }

  /** True when the plan writes rows it cannot count into a table it created (COPY, INSERT ... SELECT). */
  hasUncountedRows(key: TableKey): boolean {
    return this.created.get(key)?.uncounted ?? false;
  }
}

const TYPE_BYTES: Record<string, number> = {
  bool: 1, int2: 2, int4: 4, int: 4, integer: 4, int8: 8, bigint: 8, float4: 4, float8: 8, real: 4,
  timestamptz: 8, timestamp: 8, date: 4, uuid: 16, text: 32, varchar: 32, jsonb: 64, json: 64, numeric: 16,
};

/** A row's bytes: tuple header plus each column (vectors by their dimensions). */
export function rowWidth(model: TableModel | undefined): number {
  if (!model) return 64;
  let bytes = 24;
  for (const col of model.columns.values()) {
    const dims = col.dimensions;
    if (dims && (col.type === 'vector' || col.type === 'halfvec')) bytes += vectorValueBytes(dims, col.type === 'halfvec' ? 2 : 4);
    else bytes += TYPE_BYTES[col.type] ?? 16;
  }
  return bytes;
}
