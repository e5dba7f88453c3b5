import { addUniqueConstraintWithoutIndex } from '../../../../src/core/lint/rules/add-unique-constraint-without-index';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(addUniqueConstraintWithoutIndex, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a UNIQUE constraint USING a concurrently built index', sql: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS docs_slug_key ON docs (slug);\nALTER TABLE docs ADD CONSTRAINT docs_slug_key UNIQUE USING INDEX docs_slug_key;' },
    { name: 'a UNIQUE constraint on a table created in the same migration', sql: 'CREATE TABLE t (slug text);\nALTER TABLE t ADD CONSTRAINT t_slug_key UNIQUE (slug);' },
  ],
  invalid: [
    {
      name: 'a UNIQUE constraint added to an existing table',
      sql: 'BEGIN;\nALTER TABLE docs ADD CONSTRAINT docs_slug_key UNIQUE (slug);\nCOMMIT;',
      errors: [{ line: 2, column: 18, endColumn: 60, message: /adding a UNIQUE constraint to existing table docs builds its index under an ACCESS EXCLUSIVE lock/ }],
      output: null,
    },
    {
      name: 'a new column declared UNIQUE',
      sql: 'ALTER TABLE docs ADD COLUMN slug text UNIQUE;',
      errors: [{ line: 1, column: 39, endColumn: 45 }],
    },
  ],
});
