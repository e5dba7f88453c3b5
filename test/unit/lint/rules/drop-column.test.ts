import { dropColumn } from '../../../../src/core/lint/rules/drop-column';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(dropColumn, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'dropping a column in the DOWN section', sql: '-- UP Migration\nALTER TABLE docs ADD COLUMN a int;\n\n-- DOWN Migration\nALTER TABLE docs DROP COLUMN a;\n' },
    { name: 'dropping a column of a table created in the same migration', sql: 'CREATE TABLE t (a int, b int);\nALTER TABLE t DROP COLUMN b;' },
    { name: 'dropping a column added in the same migration', sql: 'ALTER TABLE docs ADD COLUMN tmp int;\nALTER TABLE docs DROP COLUMN tmp;' },
  ],
  invalid: [
    {
      name: 'dropping a column of an existing table',
      sql: 'BEGIN;\nALTER TABLE docs DROP COLUMN legacy_id;\nCOMMIT;',
      errors: [{ line: 2, column: 18, endColumn: 39, message: 'dropping column docs.legacy_id deletes its data and breaks clients that still use it' }],
      output: null,
    },
    {
      name: 'two columns dropped in one statement',
      sql: 'ALTER TABLE docs DROP COLUMN IF EXISTS a, DROP b CASCADE;',
      errors: [{ line: 1, column: 18, endColumn: 41 }, { line: 1, column: 43, endColumn: 57 }],
    },
  ],
});
