// A COMMIT, END or ROLLBACK with no BEGIN before it in the section. Without an explicit BEGIN the
// runner wraps the section in its own transaction, so a stray COMMIT ends that transaction half
// way: what follows runs in autocommit and a later failure can no longer roll back the start.
import { leadingKeywordRange, walkTransactions } from '../transactions';
import type { Rule } from '../types';

export const transactionUnbalanced: Rule = {
  meta: {
    id: 'transaction-unbalanced',
    checklistItem: 8,
    defaultSeverity: 'error',
    description: 'COMMIT, END, ROLLBACK or ROLLBACK TO SAVEPOINT with no open transaction.',
    rationale: 'A transaction end with no BEGIN before it either fails (ROLLBACK TO SAVEPOINT) or ends the transaction the runner opened around the section, so the rest of the section runs without one and cannot be rolled back as a unit. Add the missing BEGIN or remove the stray statement.',
    docs: 'docs/rules/transaction-unbalanced.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const section of [m.up, m.down]) {
        if (!section) continue;
        for (const step of walkTransactions(section).steps) {
          if (step.openBegin) continue;
          const isEnd = step.control === 'commit' || step.control === 'rollback';
          // Only transaction control needs its first word: other statements are never scanned here.
          if (!isEnd && step.control !== 'savepoint') continue;
          const word = step.stmt.tokens[0]?.text.toUpperCase() ?? '';
          const isSavepointRollback = step.control === 'savepoint' && /^(ROLLBACK|RELEASE)$/.test(word);
          if (!isEnd && !isSavepointRollback) continue;
          const range = leadingKeywordRange(step.stmt);
          ctx.report({
            file: section.section.file,
            ...range,
            message: isEnd
              ? `${word} with no BEGIN before it in the ${section.section.direction.toUpperCase()} section`
              : `${word} ... SAVEPOINT outside a transaction block fails`,
            help: 'add BEGIN where the transaction should start, or remove this statement',
            fix: isEnd ? { title: `Remove the stray ${word}`, edits: [{ file: section.section.file, start: step.stmt.start, end: step.stmt.endWithSemicolon, newText: '' }] } : undefined,
          });
        }
      }
    }
  },
};
