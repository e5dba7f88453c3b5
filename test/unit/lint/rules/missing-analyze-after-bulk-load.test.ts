import { missingAnalyzeAfterBulkLoad } from '../../../../src/core/lint/rules/missing-analyze-after-bulk-load';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(missingAnalyzeAfterBulkLoad, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a COPY followed by ANALYZE of the table', sql: "COPY chunks FROM '/data/chunks.csv' WITH (FORMAT csv);\nANALYZE chunks;" },
    { name: 'an INSERT ... SELECT followed by VACUUM ANALYZE', sql: 'INSERT INTO chunks2 SELECT * FROM chunks;\nVACUUM (ANALYZE) public.chunks2;' },
    { name: 'loads followed by a database-wide ANALYZE', sql: "COPY a FROM STDIN;\nINSERT INTO b SELECT * FROM a;\nANALYZE;" },
    { name: 'an INSERT ... SELECT without FROM (one row)', sql: "INSERT INTO settings SELECT 'k', 'v';" },
    { name: 'COPY TO (an export)', sql: "COPY chunks TO '/tmp/out.csv';" },
  ],
  invalid: [
    {
      name: 'a COPY without ANALYZE, fixed by analyzing after it',
      sql: "BEGIN;\nCOPY public.chunks (id, content) FROM '/data/chunks.csv' WITH (FORMAT csv);\nCOMMIT;",
      errors: [{ line: 2, column: 6, endColumn: 19, severity: 'info', message: 'public.chunks is bulk loaded and not analyzed afterwards: until autovacuum runs, the planner works from stale statistics' }],
      output: "BEGIN;\nCOPY public.chunks (id, content) FROM '/data/chunks.csv' WITH (FORMAT csv);\nANALYZE public.chunks;\nCOMMIT;",
    },
    {
      name: 'two loads into one table are reported once, at the last; an ANALYZE before a load does not count',
      sql: 'ANALYZE docs;\nINSERT INTO docs SELECT * FROM old_docs;\nINSERT INTO docs SELECT * FROM older_docs;\nCREATE TABLE docs_copy AS SELECT * FROM docs;',
      errors: [{ line: 3, column: 13, endColumn: 17 }, { line: 4, column: 14, endColumn: 23 }],
    },
  ],
});
