// BEGIN while a transaction is already open. PostgreSQL only warns ("there is already a
// transaction in progress") and carries on: the first COMMIT then ends the outer transaction,
// and what the author meant as an inner unit is not one.
import { leadingKeywordRange, walkTransactions } from '../transactions';
import type { Rule } from '../types';

export const transactionNesting: Rule = {
  meta: {
    id: 'transaction-nesting',
    checklistItem: 8,
    defaultSeverity: 'error',
    description: 'BEGIN inside a transaction that is already open.',
    rationale: 'PostgreSQL has no nested transactions: a second BEGIN is ignored with a warning, and the next COMMIT ends the outer transaction early. Use SAVEPOINT for an inner unit, or COMMIT before the next BEGIN.',
    docs: 'docs/rules/transaction-nesting.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const section of [m.up, m.down]) {
        if (!section) continue;
        for (const step of walkTransactions(section).steps) {
          if (step.control !== 'begin' || !step.openBegin) continue;
          ctx.report({
            file: section.section.file,
            ...leadingKeywordRange(step.stmt),
            message: `${step.stmt.tokens[0]?.text.toUpperCase()} inside a transaction that is already open; PostgreSQL ignores it and the next COMMIT ends the outer transaction`,
            help: 'use SAVEPOINT name for an inner unit, or COMMIT the open transaction first',
          });
        }
      }
    }
  },
};
