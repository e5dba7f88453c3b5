import { concurrentlyInTransaction } from '../../../../src/core/lint/rules/concurrently-in-transaction';
import { ruleTester } from '../rule-tester';

ruleTester(concurrentlyInTransaction, {
  valid: [
    'CREATE INDEX CONCURRENTLY chunks_doc_idx ON chunks (document_id);',
    'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);',
    'BEGIN;\nCREATE INDEX a_id_idx ON a (id);\nCOMMIT;',
    'DROP INDEX CONCURRENTLY IF EXISTS a_id_idx;\nVACUUM ANALYZE a;',
    { name: 'a dbmate file marked transaction:false', sql: '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);\n\n-- migrate:down\nDROP INDEX CONCURRENTLY a_id_idx;\n' },
  ],
  invalid: [
    {
      name: 'CREATE INDEX CONCURRENTLY inside BEGIN ... COMMIT, at CONCURRENTLY',
      sql: 'BEGIN;\nCREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);\nCOMMIT;',
      errors: [{ line: 3, column: 14, endColumn: 26, message: 'CREATE ... CONCURRENTLY cannot run inside a transaction block, and this one is inside the BEGIN on line 1' }],
      output: 'BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);',
    },
    {
      name: 'VACUUM and REINDEX CONCURRENTLY in the DOWN section\'s transaction',
      sql: '-- UP Migration\nSELECT 1;\n-- DOWN Migration\nBEGIN;\nVACUUM a;\nREINDEX INDEX CONCURRENTLY a_id_idx;\nCOMMIT;',
      errors: [{ line: 5, column: 1, endColumn: 7, message: /^VACUUM cannot run/ }, { line: 6, column: 15, message: /^REINDEX ... CONCURRENTLY/ }],
    },
    {
      name: 'a dbmate file that dbmate wraps in a transaction',
      sql: '-- migrate:up\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);\n\n-- migrate:down\nDROP INDEX a_id_idx;\n',
      errors: [{ line: 2, column: 14, message: /dbmate wraps this file/ }],
      output: '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY a_id_idx ON a (id);\n\n-- migrate:down\nDROP INDEX a_id_idx;\n',
    },
  ],
});
