import { dropTable } from '../../../../src/core/lint/rules/drop-table';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(dropTable, {
  valid: [
    { name: 'a clean project (its DOWN sections drop tables)', files: CLEAN_PROJECT },
    { name: 'dropping a staging table created in the same migration', sql: 'CREATE TABLE staging (a int);\nINSERT INTO docs SELECT * FROM staging;\nDROP TABLE staging;' },
    { name: 'dropping an index', sql: 'DROP INDEX CONCURRENTLY IF EXISTS docs_a_idx;' },
  ],
  invalid: [
    {
      name: 'dropping an existing table',
      sql: 'BEGIN;\nDROP TABLE legacy_docs;\nCOMMIT;',
      errors: [{ line: 2, column: 12, endColumn: 23, message: 'dropping table legacy_docs deletes its rows for good and breaks clients that still use it' }],
      output: null,
    },
    {
      name: 'two tables in one statement, one of them created in the same migration',
      sql: 'CREATE TABLE tmp (a int);\nDROP TABLE IF EXISTS tmp, public."Old Docs" CASCADE;',
      errors: [{ line: 2, column: 27, endColumn: 44, message: /public."Old Docs"/ }],
    },
  ],
});
