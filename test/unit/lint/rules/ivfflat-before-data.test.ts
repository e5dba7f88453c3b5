import { ivfflatBeforeData } from '../../../../src/core/lint/rules/ivfflat-before-data';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const TABLE = 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(3));\n';
const IVFFLAT = 'CREATE INDEX ON chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = 1);';

ruleTester(ivfflatBeforeData, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a table created by an earlier migration', files: { '0001_t.sql': TABLE, '0002_i.sql': IVFFLAT } },
    { name: 'data loaded before the index', sql: `${TABLE}COPY chunks FROM '/data/chunks.csv';\n${IVFFLAT}` },
    { name: 'rows inserted before the index', sql: `${TABLE}INSERT INTO chunks VALUES (1, '[1,2,3]');\n${IVFFLAT}` },
    { name: 'an HNSW index on a new table', sql: `${TABLE}CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);` },
  ],
  invalid: [
    {
      name: 'an IVFFlat index right after CREATE TABLE',
      sql: `BEGIN;\n${TABLE}${IVFFLAT}\nCOMMIT;`,
      errors: [{ line: 3, column: 24, endColumn: 37, message: 'IVFFlat index on chunks, which this migration has just created empty: its lists are trained on no rows' }],
    },
    {
      name: 'an IVFFlat index before the data that follows it',
      sql: `${TABLE}${IVFFLAT}\nINSERT INTO chunks VALUES (1, '[1,2,3]');`,
      errors: [{ line: 2, column: 24 }],
    },
    {
      name: 'data loaded into another table only',
      sql: `${TABLE}COPY documents FROM '/data/documents.csv';\n${IVFFLAT}`,
      errors: [{ line: 3, column: 24 }],
    },
  ],
});
