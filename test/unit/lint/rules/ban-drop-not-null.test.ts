import { banDropNotNull } from '../../../../src/core/lint/rules/ban-drop-not-null';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(banDropNotNull, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'DROP NOT NULL on a table created in the same migration', sql: 'CREATE TABLE t (a int NOT NULL);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;' },
    { name: 'DROP NOT NULL in the DOWN section (undoing a SET NOT NULL)', sql: '-- UP Migration\nALTER TABLE docs ALTER COLUMN a SET NOT NULL;\n\n-- DOWN Migration\nALTER TABLE docs ALTER COLUMN a DROP NOT NULL;\n' },
    {
      name: 'DROP NOT NULL on a column that is nullable already',
      files: { '0001_docs.sql': 'CREATE TABLE docs (title text);\n', '0002_drop.sql': 'ALTER TABLE docs ALTER COLUMN title DROP NOT NULL;\n' },
    },
  ],
  invalid: [
    {
      name: 'DROP NOT NULL on an existing column',
      sql: 'BEGIN;\nALTER TABLE docs ALTER COLUMN title DROP NOT NULL;\nCOMMIT;',
      errors: [{ line: 2, column: 37, endColumn: 50, message: 'dropping NOT NULL on docs.title lets NULLs in that existing readers do not expect' }],
      output: null,
    },
  ],
});
