// DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: reads and writes wait, and, while
// it waits for the lock, so does everything queued behind it. DROP INDEX CONCURRENTLY waits for
// running queries instead of blocking new ones; like CREATE, it cannot run in a transaction block.
import { as, keywordRange, names, stmtAs } from '../ast';
import { newObjectsBefore } from '../existing-objects';
import { dropNames, textOf } from '../statement-text';
import { moveOutOfTransaction, statementTextWith } from '../transaction-blocks';
import type { Rule } from '../types';

export const dropIndexWithoutConcurrently: Rule = {
  meta: {
    id: 'drop-index-without-concurrently',
    checklistItem: 9,
    defaultSeverity: 'warning',
    description: 'DROP INDEX without CONCURRENTLY of an index that already exists.',
    rationale: 'DROP INDEX takes an ACCESS EXCLUSIVE lock on the table the index belongs to, blocking reads and writes; if a long query holds the table, the DROP waits and everything queues behind it. DROP INDEX CONCURRENTLY avoids that lock. It cannot run inside BEGIN ... COMMIT, so put it after the COMMIT of the UP section. An index created earlier in the same migration is not reported.',
    docs: 'docs/rules/drop-index-without-concurrently.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const stmt of m.up.statements) {
        const drop = stmtAs(stmt, 'DropStmt');
        if (drop?.removeType !== 'OBJECT_INDEX' || drop.concurrent) continue;
        const created = newObjectsBefore(m.up, stmt).indexes;
        const dropped = (drop.objects ?? []).map((o) => (names(as(o, 'List')?.items).pop() ?? '').toLowerCase());
        if (dropped.every((name) => created.has(name))) continue;
        const found = dropNames(stmt, drop.removeType, false, drop.missing_ok === true);
        const indexWord = keywordRange(stmt, 'index');
        if (!found || !indexWord) continue;
        // CONCURRENTLY drops one index at a time and refuses CASCADE.
        const canFix = dropped.length === 1 && drop.behavior !== 'DROP_CASCADE';
        const inserts = [{ at: indexWord.end, text: ' CONCURRENTLY' }];
        if (!drop.missing_ok) inserts.push({ at: found.namesStart, text: 'IF EXISTS ' });
        const edits = canFix ? moveOutOfTransaction(m.up, stmt, statementTextWith(stmt, ...inserts)) : undefined;
        ctx.report({
          file: m.up.section.file,
          start: stmt.start,
          end: indexWord.end,
          message: `DROP INDEX ${found.names.map((n) => textOf(stmt, n)).join(', ')} without CONCURRENTLY blocks reads and writes on its table`,
          help: 'use DROP INDEX CONCURRENTLY (one index per statement, no CASCADE), placed after the COMMIT of the UP section',
          fix: edits && { title: 'Drop the index CONCURRENTLY, outside the transaction', edits },
        });
      }
    }
  },
};
