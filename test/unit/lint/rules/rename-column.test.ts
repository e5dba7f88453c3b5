import { renameColumn } from '../../../../src/core/lint/rules/rename-column';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(renameColumn, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a rename on a table created in the same migration', sql: 'CREATE TABLE t (a int);\nALTER TABLE t RENAME COLUMN a TO b;' },
    { name: 'a rename of a column added in the same migration', sql: 'ALTER TABLE docs ADD COLUMN a int;\nALTER TABLE docs RENAME COLUMN a TO b;' },
    { name: 'a rename in the DOWN section', sql: '-- UP Migration\nALTER TABLE docs ADD COLUMN a int;\n\n-- DOWN Migration\nALTER TABLE docs RENAME COLUMN b TO a;\n' },
  ],
  invalid: [
    {
      name: 'a column rename on an existing table',
      sql: 'BEGIN;\nALTER TABLE docs RENAME COLUMN title TO name;\nCOMMIT;',
      errors: [{ line: 2, column: 18, endColumn: 45, message: 'renaming docs.title to name breaks every client still using the old name' }],
      output: null,
    },
    {
      name: 'a rename without the COLUMN keyword, on a qualified name',
      sql: 'ALTER TABLE public.docs RENAME title TO name;',
      errors: [{ line: 1, column: 25 }],
    },
  ],
});
