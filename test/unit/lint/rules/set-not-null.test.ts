import { setNotNull } from '../../../../src/core/lint/rules/set-not-null';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(setNotNull, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'SET NOT NULL on a table created in the same migration', sql: 'CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a SET NOT NULL;' },
    {
      name: 'SET NOT NULL after a CHECK (col IS NOT NULL) validated in an earlier migration',
      files: {
        '0001_check.sql': 'ALTER TABLE docs ADD CONSTRAINT docs_lang_nn CHECK (lang IS NOT NULL) NOT VALID;\n',
        '0002_validate.sql': 'ALTER TABLE docs VALIDATE CONSTRAINT docs_lang_nn;\n',
        '0003_set.sql': 'ALTER TABLE docs ALTER COLUMN lang SET NOT NULL;\nALTER TABLE docs DROP CONSTRAINT docs_lang_nn;\n',
      },
    },
    {
      name: 'SET NOT NULL after a validated CHECK in the same migration',
      sql: 'ALTER TABLE docs ADD CONSTRAINT docs_lang_nn CHECK (lang IS NOT NULL) NOT VALID;\nCOMMIT;\nBEGIN;\nALTER TABLE docs VALIDATE CONSTRAINT docs_lang_nn;\nALTER TABLE docs ALTER COLUMN lang SET NOT NULL;\nCOMMIT;',
    },
    {
      name: 'SET NOT NULL on a column that is NOT NULL already',
      files: { '0001_docs.sql': 'CREATE TABLE docs (title text NOT NULL);\n', '0002_set.sql': 'ALTER TABLE docs ALTER COLUMN title SET NOT NULL;\n' },
    },
  ],
  invalid: [
    {
      name: 'SET NOT NULL on an existing table',
      sql: 'BEGIN;\nALTER TABLE docs ALTER COLUMN lang SET NOT NULL;\nCOMMIT;',
      errors: [{ line: 2, column: 36, endColumn: 48, message: /SET NOT NULL on docs.lang scans the whole table under an ACCESS EXCLUSIVE lock/ }],
      output: null,
    },
    {
      name: 'SET NOT NULL after a CHECK that is still NOT VALID',
      sql: 'ALTER TABLE docs ADD CONSTRAINT c CHECK (lang IS NOT NULL) NOT VALID;\nALTER TABLE docs ALTER COLUMN lang SET NOT NULL;',
      errors: [{ line: 2, column: 36 }],
    },
    {
      name: 'SET NOT NULL after a CHECK on another column, as the second action of a statement',
      sql: 'ALTER TABLE docs ADD CONSTRAINT c CHECK (title IS NOT NULL);\nALTER TABLE docs ALTER COLUMN title SET DEFAULT \'\', ALTER COLUMN lang SET NOT NULL;',
      errors: [{ line: 2, column: 71, endColumn: 83 }],
    },
    {
      name: 'SET NOT NULL after a validated CHECK before PostgreSQL 12',
      config: { postgresVersion: 11 },
      sql: 'ALTER TABLE docs ADD CONSTRAINT c CHECK (lang IS NOT NULL);\nALTER TABLE docs ALTER COLUMN lang SET NOT NULL;',
      errors: [{ line: 2, column: 36 }],
    },
  ],
});
