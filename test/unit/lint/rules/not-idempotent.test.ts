import { notIdempotent } from '../../../../src/core/lint/rules/not-idempotent';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(notIdempotent, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'CREATE and DROP inside BEGIN ... COMMIT (rolled back on failure)', sql: 'BEGIN;\nCREATE TABLE t (a int);\nCREATE INDEX t_a_idx ON t (a);\nDROP TABLE old;\nCOMMIT;' },
    { name: 'a file without BEGIN, which the runner wraps in one transaction', sql: 'CREATE TABLE t (a int);\nALTER TABLE docs ADD COLUMN b int;' },
    { name: 'statements after COMMIT that say IF [NOT] EXISTS', sql: 'BEGIN;\nCREATE TABLE t (a int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS docs_a_idx ON docs (a);\nDROP INDEX CONCURRENTLY IF EXISTS docs_b_idx;' },
    { name: 'a concurrent index recreated after DROP INDEX IF EXISTS', sql: 'DROP INDEX CONCURRENTLY IF EXISTS docs_a_idx;\nCREATE INDEX CONCURRENTLY docs_a_idx ON docs (a);' },
    { name: 'an unnamed concurrent index (a new name on every run)', sql: 'CREATE INDEX CONCURRENTLY ON docs (a);' },
    { name: 'objects without an IF NOT EXISTS form', sql: "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON docs (a);\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1';\nCREATE TYPE mood AS ENUM ('a');\nCREATE TEMP TABLE tmp (a int) ON COMMIT DROP;" },
  ],
  invalid: [
    {
      name: 'a concurrent index without IF NOT EXISTS',
      sql: 'BEGIN;\nALTER TABLE docs ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY docs_a_idx ON docs (a);\n',
      errors: [{ line: 4, column: 1, endColumn: 26, message: 'CREATE INDEX CONCURRENTLY without IF NOT EXISTS is not undone if the migration fails later, and the rerun fails here' }],
      output: 'BEGIN;\nALTER TABLE docs ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS docs_a_idx ON docs (a);\n',
    },
    {
      name: 'statements of a transaction:false dbmate file',
      sql: '-- migrate:up transaction:false\nCREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int, DROP COLUMN c, DROP CONSTRAINT k;\nDROP MATERIALIZED VIEW mv;\n\n-- migrate:down\nSELECT 1;\n',
      errors: [
        { line: 2, column: 1, endColumn: 13 },
        { line: 3, column: 15, endColumn: 25 },
        { line: 3, column: 33, endColumn: 44 },
        { line: 3, column: 48, endColumn: 63 },
        { line: 4, column: 1, endColumn: 23 },
      ],
      output: '-- migrate:up transaction:false\nCREATE TABLE IF NOT EXISTS t (a int);\nALTER TABLE t ADD COLUMN IF NOT EXISTS b int, DROP COLUMN IF EXISTS c, DROP CONSTRAINT IF EXISTS k;\nDROP MATERIALIZED VIEW IF EXISTS mv;\n\n-- migrate:down\nSELECT 1;\n',
    },
    {
      name: 'every statement when the option inTransaction is on',
      options: { inTransaction: true },
      sql: 'BEGIN;\nCREATE EXTENSION vector;\nCREATE SCHEMA app;\nCREATE SEQUENCE app.s;\nDROP TABLE old, older;\nCOMMIT;',
      errors: [{ line: 2, column: 1 }, { line: 3, column: 1 }, { line: 4, column: 1 }, { line: 5, column: 1, endColumn: 11 }],
      output: 'BEGIN;\nCREATE EXTENSION IF NOT EXISTS vector;\nCREATE SCHEMA IF NOT EXISTS app;\nCREATE SEQUENCE IF NOT EXISTS app.s;\nDROP TABLE IF EXISTS old, older;\nCOMMIT;',
    },
  ],
});
