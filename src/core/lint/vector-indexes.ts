// Every HNSW and IVFFlat index the UP sections create, with each element's span and the vector
// type it indexes: what the index rules (dimension limits, operator classes, parameters) share.
import type { IndexStmt } from '@pgsql/types';
import { rangeVarKey, stmtAs } from './ast';
import { indexedVector, IndexedVector, indexElementsOf, IndexElementSpan } from './index-elements';
import { schemaAt } from './schema-lookup';
import { memoByRun } from './statement-memo';
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

/** The HNSW and IVFFlat indexes of every UP section, in order; found once per lint run. */
export function vectorIndexes(ctx: RuleContext): readonly VectorIndex[] {
  return memoByRun('vectorIndexes', ctx.migrations, (migrations) => {
    const out: VectorIndex[] = [];
    for (const m of migrations) {
      for (const stmt of m.up.statements) {
        const index = stmtAs(stmt, 'IndexStmt');
        const method = vectorIndexMethod(index?.accessMethod);
        const tableKey = rangeVarKey(index?.relation);
        if (!index || !method || !tableKey) continue;
        const table = schemaAt(ctx, m, stmt).tables.get(tableKey);
        // The spans are the statement's own; the indexed types depend on the schema of this run.
        const elements = indexElementsOf(stmt).map((span) => ({ ...span, vector: indexedVector(span.elem, table) }));
        out.push({ migration: m, stmt, file: m.up.section.file, index, method, tableKey, table, elements });
      }
    }
    return out;
  });
}
