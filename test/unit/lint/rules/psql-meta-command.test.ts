import { psqlMetaCommand } from '../../../../src/core/lint/rules/psql-meta-command';
import { ruleTester } from '../rule-tester';

ruleTester(psqlMetaCommand, {
  valid: [
    'SELECT 1;',
    "SELECT E'\\\\set not a command';",
    "DO $$\nBEGIN\n\\set x\nEND $$;",
  ],
  invalid: [
    {
      name: 'a \\set line, at the command',
      sql: '\\set ON_ERROR_STOP on\nSELECT 1;',
      errors: [{ line: 1, column: 1, endColumn: 5, message: /\\set is not SQL/, severity: 'info' }],
    },
    {
      name: 'an indented \\i include between statements',
      sql: 'SELECT 1;\n  \\i other.sql\nSELECT 2;',
      errors: [{ line: 2, column: 3, endColumn: 5, message: /\\i/ }],
    },
  ],
});
