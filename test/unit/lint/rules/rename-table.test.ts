import { renameTable } from '../../../../src/core/lint/rules/rename-table';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(renameTable, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'renaming a table created in the same migration', sql: 'CREATE TABLE t_new (a int);\nALTER TABLE t_new RENAME TO t;' },
    { name: 'renaming a column (another rule)', sql: 'ALTER TABLE docs RENAME COLUMN a TO b;' },
    { name: 'renaming an index', sql: 'ALTER INDEX docs_a_idx RENAME TO docs_b_idx;' },
  ],
  invalid: [
    {
      name: 'renaming an existing table',
      sql: 'BEGIN;\nALTER TABLE documents RENAME TO docs;\nCOMMIT;',
      errors: [{ line: 2, column: 23, endColumn: 37, message: 'renaming table documents to docs breaks every client still using the old name' }],
      output: null,
    },
    {
      name: 'renaming a table created by an earlier migration',
      files: { '0001_a.sql': 'CREATE TABLE a (id int);\n', '0002_b.sql': 'ALTER TABLE IF EXISTS a RENAME TO b;\n' },
      errors: [{ file: '0002_b.sql', line: 1, column: 25 }],
    },
  ],
});
