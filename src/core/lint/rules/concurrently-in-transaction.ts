// CREATE/DROP/REINDEX ... CONCURRENTLY, VACUUM, ALTER SYSTEM and friends cannot run inside a
// transaction block (SQLSTATE 25001). Our runner runs a section holding one as written, outside
// any transaction of its own, so the problem is an explicit BEGIN around it in the file (or
// dbmate, which wraps every file unless its up marker says transaction:false).
import { keywordRange } from '../ast';
import { leadingKeywordRange, nonTransactionalReasonOf, walkTransactions } from '../transactions';
import { moveOutOfTransaction } from '../transaction-blocks';
import type { Rule } from '../types';

export const concurrentlyInTransaction: Rule = {
  meta: {
    id: 'concurrently-in-transaction',
    checklistItem: 8,
    defaultSeverity: 'error',
    description: 'CREATE INDEX CONCURRENTLY (or VACUUM, ALTER SYSTEM, ...) inside a transaction block.',
    rationale: 'PostgreSQL refuses these statements inside a transaction block ("cannot run inside a transaction block"), so the migration fails there. Put them outside BEGIN ... COMMIT, ideally in a migration of their own; the runner then runs that file without a transaction.',
    docs: 'docs/rules/concurrently-in-transaction.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const section of [m.up, m.down]) {
        if (!section) continue;
        const dbmateWraps = m.migration.layout === 'dbmate' && !section.section.noTransaction;
        for (const step of walkTransactions(section).steps) {
          if (!step.stmt.ast) continue;
          const reason = nonTransactionalReasonOf(step.stmt);
          if (!reason || (!step.openBegin && !dbmateWraps)) continue;
          const range = keywordRange(step.stmt, 'concurrently') ?? leadingKeywordRange(step.stmt);
          // The same move index-without-concurrently's fix makes: after the COMMIT, or
          // transaction:false on the dbmate marker.
          const edits = moveOutOfTransaction(section, step.stmt, step.stmt.text);
          ctx.report({
            file: section.section.file,
            ...range,
            message: step.openBegin
              ? `${reason} cannot run inside a transaction block, and this one is inside the BEGIN on line ${lineOf(section.section.fileText, step.openBegin.start)}`
              : `${reason} cannot run inside a transaction block, and dbmate wraps this file in one`,
            help: step.openBegin
              ? 'move it after COMMIT (or into a migration of its own, with no BEGIN/COMMIT)'
              : 'add transaction:false to the -- migrate:up marker line, or move it into a migration of its own',
            fix: edits && { title: step.openBegin ? 'Move it after the COMMIT' : 'Run this file outside a transaction (transaction:false)', edits },
          });
        }
      }
    }
  },
};

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
