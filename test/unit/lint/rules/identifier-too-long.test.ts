import { identifierTooLong } from '../../../../src/core/lint/rules/identifier-too-long';
import { ruleTester } from '../rule-tester';

const n63 = 'a'.repeat(63);
const n64 = 'chunks_embedding_hnsw_cosine_index_for_the_similarity_search_v01';

ruleTester(identifierTooLong, {
  valid: [
    `CREATE TABLE ${n63} (id int);`,
    `CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);`,
    `COMMENT ON TABLE chunks IS '${'long text in a string is fine '.repeat(5)}';`,
    `DO $$ BEGIN PERFORM ${'x'.repeat(80)}; END $$;`,
  ],
  invalid: [
    {
      name: 'a 64-byte index name, at the name',
      sql: `CREATE INDEX ${n64} ON chunks (id);`,
      errors: [{ line: 1, column: 14, endColumn: 78, message: `identifier is 64 bytes long; PostgreSQL truncates it to "${n64.slice(0, 63)}"` }],
    },
    {
      name: 'a quoted name whose multi-byte characters take it past 63 bytes',
      sql: `ALTER TABLE t ADD COLUMN "${'é'.repeat(32)}" text;`,
      errors: [{ line: 1, column: 26, message: /is 64 bytes long; PostgreSQL truncates it to "é{31}"/ }],
    },
  ],
});
