// psql backslash commands (\set, \i, \connect) are client commands: the runner and every
// migration tool that is not psql send SQL to the server, where `\set` is a syntax error. The
// linter skips them (the rest of the file is still checked) and says so.
import { statementsOf } from '../parse-set';
import type { Rule } from '../types';

export const psqlMetaCommand: Rule = {
  meta: {
    id: 'psql-meta-command',
    checklistItem: 7,
    defaultSeverity: 'info',
    description: 'A psql meta-command (\\set, \\i, ...) in a migration: the linter skips it, the runner cannot run it.',
    rationale: 'Backslash commands are interpreted by psql, not by PostgreSQL. The linter skips them and checks the rest; the runner, which talks to the server through a driver, stops at them. Write the SQL they stand for instead.',
    docs: 'docs/rules/psql-meta-command.md',
    fixable: false,
  },
  check(ctx) {
    for (const m of ctx.migrations) {
      for (const { stmt, section } of statementsOf(m)) {
        if (stmt.kind !== 'meta') continue;
        const command = /^\\\S*/.exec(stmt.text)?.[0] ?? '\\';
        ctx.report({
          file: section.section.file,
          start: stmt.start,
          end: stmt.start + command.length,
          message: `psql meta-command ${command} is not SQL: the linter skips it, and \`up\` cannot run it through a database driver`,
          help: 'write the SQL it stands for (e.g. inline the file \\i includes), or remove it',
        });
      }
    }
  },
};
