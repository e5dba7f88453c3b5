// A section that opens a transaction and never ends it. Run as written, its work is neither
// committed nor rolled back by the file itself: it depends on what the session does next.
import { leadingKeywordRange, walkTransactions } from '../transactions';
import type { Rule } from '../types';

export const uncommittedTransaction: Rule = {
  meta: {
    id: 'uncommitted-transaction',
    checklistItem: 8,
    defaultSeverity: 'error',
    description: 'BEGIN with no COMMIT before the end of the section.',
    rationale: 'A section that leaves its transaction open relies on whoever runs it to commit: psql rolls it back on exit, a driver keeps it open and holds its locks. End the transaction the file opens.',
    docs: 'docs/rules/uncommitted-transaction.md',
    fixable: true,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const section of [m.up, m.down]) {
        if (!section) continue;
        const open = walkTransactions(section).openAtEnd;
        if (!open) continue;
        const last = section.statements[section.statements.length - 1];
        const file = section.section.file;
        const text = section.section.fileText;
        const at = last.endWithSemicolon;
        ctx.report({
          file,
          ...leadingKeywordRange(open),
          message: `${open.tokens[0]?.text.toUpperCase()} is never committed: the ${section.section.direction.toUpperCase()} section ends with the transaction open`,
          help: 'add COMMIT; at the end of the section',
          fix: { title: 'Add COMMIT at the end of the section', edits: [{ file, start: at, end: at, newText: `\nCOMMIT;${at === text.length ? '\n' : ''}` }] },
        });
      }
    }
  },
};
