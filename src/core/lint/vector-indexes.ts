// Every HNSW and IVFFlat index the UP sections create, with each element's span and the vector
// type it indexes: what the index rules (dimension limits, operator classes, parameters) share.
import type { IndexStmt } from '@pgsql/types';
import { rangeVarKey, stmtAs } from './ast';
import { indexedVector, IndexedVector, indexElements, IndexElementSpan } from './index-elements';
import { schemaAt } from './schema-lookup';
import type { ParsedMigration, ParsedStatement, RuleContext, TableKey, TableModel } from './types';
import { vectorIndexMethod, VectorIndexMethod } from './vector-types';

export interface VectorIndexElement extends IndexElementSpan {
  /** Undefined when the type is unknown (a table created outside the set, an unrecognised expression). */
  vector?: IndexedVector;
}

export interface VectorIndex {
  migration: ParsedMigration;
  stmt: ParsedStatement;
  file: string;
  index: IndexStmt;
  method: VectorIndexMethod;
  tableKey: TableKey;
  table?: TableModel;
  elements: VectorIndexElement[];
}

export function* vectorIndexes(ctx: RuleContext): Generator<VectorIndex> {
  for (const m of ctx.migrations) {
    for (const stmt of m.up.statements) {
      const index = stmtAs(stmt, 'IndexStmt');
      const method = vectorIndexMethod(index?.accessMethod);
      const tableKey = rangeVarKey(index?.relation);
      if (!index || !method || !tableKey) continue;
      const table = schemaAt(ctx, m, stmt).tables.get(tableKey);
      const elements = indexElements(stmt, index).map((span) => ({ ...span, vector: indexedVector(span.elem, table) }));
      yield { migration: m, stmt, file: m.up.section.file, index, method, tableKey, table, elements };
    }
  }
}
