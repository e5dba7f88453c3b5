// REINDEX locks out writes to the table (and, for the index being rebuilt, reads that would use
// it) for the whole rebuild. Since PostgreSQL 12, REINDEX CONCURRENTLY rebuilds alongside the old
// index and swaps it in; like CREATE INDEX CONCURRENTLY it cannot run in a transaction block.
import { as, keywordRange, rangeVarKey, stmtAs } from '../ast';
import { isExistingTable, newObjectsBefore } from '../existing-objects';
import { moveOutOfTransaction, statementTextWith } from '../transaction-blocks';
import type { Rule } from '../types';

const KIND_WORD: Record<string, string> = {
  REINDEX_OBJECT_INDEX: 'index', REINDEX_OBJECT_TABLE: 'table', REINDEX_OBJECT_SCHEMA: 'schema', REINDEX_OBJECT_DATABASE: 'database',
};

export const reindexWithoutConcurrently: Rule = {
  meta: {
    id: 'reindex-without-concurrently',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'REINDEX without CONCURRENTLY (PostgreSQL 12+).',
    rationale: 'REINDEX blocks writes to the table, and reads that would use the index, until the rebuild ends; for a large vector index that is minutes. REINDEX ... CONCURRENTLY (PostgreSQL 12+) builds a new index next to the old one and swaps them. It cannot run inside BEGIN ... COMMIT, so put it after the COMMIT of the UP section.',
    docs: 'docs/rules/reindex-without-concurrently.md',
    fixable: true,
  },
  check(ctx) {
    if (ctx.config.postgresVersion < 12) return;
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const reindex = stmtAs(stmt, 'ReindexStmt');
        const word = reindex?.kind ? KIND_WORD[reindex.kind] : undefined;
        if (!reindex || !word || (reindex.params ?? []).some((p) => as(p, 'DefElem')?.defname === 'concurrently')) continue;
        if (reindex.kind === 'REINDEX_OBJECT_TABLE' && !isExistingTable(m.up, stmt, rangeVarKey(reindex.relation))) continue;
        if (reindex.kind === 'REINDEX_OBJECT_INDEX' && newObjectsBefore(m.up, stmt).indexes.has(reindex.relation?.relname?.toLowerCase() ?? '')) continue;
        const kindWord = keywordRange(stmt, word);
        if (!kindWord) continue;
        const edits = moveOutOfTransaction(m.up, stmt, statementTextWith(stmt, { at: kindWord.end, text: ' CONCURRENTLY' }));
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: kindWord.end,
          message: `REINDEX ${word.toUpperCase()} without CONCURRENTLY blocks writes (and reads through the index) until the rebuild ends`,
          help: 'use REINDEX ... CONCURRENTLY, placed after the COMMIT of the UP section',
          fix: edits && { title: 'Reindex CONCURRENTLY, outside the transaction', edits },
        });
      }
    }
  },
};
