// CREATE INDEX on a table that already holds rows takes a SHARE lock for the whole build: reads
// go on, every INSERT, UPDATE and DELETE waits. CONCURRENTLY builds without blocking writes, but
// PostgreSQL refuses it inside a transaction block, so the fix also moves the statement out.
import { keywordRange, rangeVarKey, rangeVarName, stmtAs } from '../ast';
import { isExistingTable } from '../existing-objects';
import { moveOutOfTransaction, statementTextWith } from '../transaction-blocks';
import type { ParsedMigration, Rule, TableKey } from '../types';

export const indexWithoutConcurrently: Rule = {
  meta: {
    id: 'index-without-concurrently',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'CREATE INDEX without CONCURRENTLY on a table that already exists.',
    rationale: 'Building an index without CONCURRENTLY holds a SHARE lock on the table until the build ends, which blocks every write; on a large table (and HNSW or IVFFlat indexes build slowly) that is an outage. CREATE INDEX CONCURRENTLY lets writes continue. It cannot run inside BEGIN ... COMMIT, so put it after the COMMIT of the UP section. A table created in the same migration is empty and is not flagged.',
    docs: 'docs/rules/index-without-concurrently.md',
    fixable: true,
  },
  check(ctx) {
    const partitioned = partitionedTables(ctx.migrations);
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const index = stmtAs(stmt, 'IndexStmt');
        if (!index || index.concurrent || !index.relation) continue;
        if (!isExistingTable(m.up, stmt, rangeVarKey(index.relation))) continue;
        const indexWord = keywordRange(stmt, 'index');
        if (!indexWord) continue;
        if (partitioned.has(rangeVarKey(index.relation) ?? '')) {
          // ON ONLY the parent builds nothing (the parent holds no rows): the first step of the fix.
          if (index.relation.inh !== true) continue;
          // PostgreSQL refuses CONCURRENTLY on a partitioned table: the index is built per partition.
          ctx.report({
            file: m.up.section.file,
            start: stmt.start,
            end: indexWord.end,
            message: `CREATE INDEX on existing partitioned table ${rangeVarName(index.relation)} blocks writes to every partition while the indexes build`,
            help: 'CREATE INDEX ON ONLY the parent, CREATE INDEX CONCURRENTLY on each partition, then ALTER INDEX ... ATTACH PARTITION each one',
          });
          continue;
        }
        // Outside a transaction a failed build is not rolled back: IF NOT EXISTS lets a rerun pass.
        const text = index.idxname && !index.if_not_exists ? ' CONCURRENTLY IF NOT EXISTS' : ' CONCURRENTLY';
        const edits = moveOutOfTransaction(m.up, stmt, statementTextWith(stmt, { at: indexWord.end, text }));
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: indexWord.end,
          message: `CREATE INDEX on existing table ${rangeVarName(index.relation)} without CONCURRENTLY blocks all writes to it while the index builds`,
          help: 'use CREATE INDEX CONCURRENTLY, placed after the COMMIT of the UP section (it cannot run inside a transaction block)',
          fix: edits && { title: 'Create the index CONCURRENTLY, outside the transaction', edits },
        });
      }
    }
  },
};

/** Tables the set creates with PARTITION BY. */
function partitionedTables(migrations: readonly ParsedMigration[]): Set<TableKey> {
  const out = new Set<TableKey>();
  for (const m of migrations) {
    for (const s of m.up.statements) {
      const create = stmtAs(s, 'CreateStmt');
      const key = rangeVarKey(create?.relation);
      if (create?.partspec && key) out.add(key);
    }
  }
  return out;
}
