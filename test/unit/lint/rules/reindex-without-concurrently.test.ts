import { reindexWithoutConcurrently } from '../../../../src/core/lint/rules/reindex-without-concurrently';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(reindexWithoutConcurrently, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'REINDEX CONCURRENTLY', sql: 'REINDEX INDEX CONCURRENTLY chunks_embedding_idx;\nREINDEX (VERBOSE) TABLE CONCURRENTLY chunks;' },
    { name: 'REINDEX of a table created in the same migration', sql: 'CREATE TABLE t (a int);\nREINDEX TABLE t;' },
    { name: 'REINDEX SYSTEM, which has no concurrent form', sql: 'REINDEX SYSTEM;' },
    { name: 'REINDEX before PostgreSQL 12', config: { postgresVersion: 11 }, sql: 'REINDEX TABLE chunks;' },
  ],
  invalid: [
    {
      name: 'REINDEX INDEX inside a transaction, moved after the COMMIT',
      sql: 'BEGIN;\nREINDEX INDEX chunks_embedding_idx;\nCOMMIT;\n',
      errors: [{ line: 2, column: 1, endColumn: 14, message: 'REINDEX INDEX without CONCURRENTLY blocks writes (and reads through the index) until the rebuild ends' }],
      output: 'BEGIN;\nCOMMIT;\nREINDEX INDEX CONCURRENTLY chunks_embedding_idx;\n',
    },
    {
      name: 'REINDEX TABLE with options, fixed in place',
      sql: 'REINDEX (VERBOSE) TABLE chunks;',
      errors: [{ line: 1, column: 1, endColumn: 24 }],
      output: 'REINDEX (VERBOSE) TABLE CONCURRENTLY chunks;',
    },
  ],
});
