// A statement PostgreSQL's parser rejects, reported at the token PostgreSQL points at. The
// engine parses statement by statement, so the other statements are still checked.
import { statementsOf } from '../parse-set';
import type { Rule } from '../types';

export const syntaxError: Rule = {
  meta: {
    id: 'syntax-error',
    checklistItem: 7,
    defaultSeverity: 'error',
    description: 'A statement does not parse as PostgreSQL SQL.',
    rationale: 'PostgreSQL rejects the statement, so the migration fails at this point when it runs. The message is the parser\'s own.',
    docs: 'docs/rules/syntax-error.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        if (!stmt.syntaxError) continue;
        const at = stmt.syntaxError.offset;
        // "at end of input" points past the last token: underline that token instead.
        const token = stmt.tokens.find((t) => t.start <= at && at < t.end)
          ?? (at >= stmt.end ? stmt.tokens[stmt.tokens.length - 1] : stmt.tokens.find((t) => t.start >= at));
        // No tokens when the scanner itself failed (an unterminated quote): the rest of its line.
        const text = section.section.fileText;
        const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
        ctx.report({
          file: section.section.file,
          start: token?.start ?? at,
          end: token?.end ?? Math.max(at + 1, Math.min(stmt.end, lineEnd)),
          message: stmt.syntaxError.message,
          help: 'fix the SQL so PostgreSQL can parse it; the other statements of the file were still checked',
        });
      }
    }
  },
};
