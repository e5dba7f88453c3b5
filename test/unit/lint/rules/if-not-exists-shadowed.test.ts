import { ifNotExistsShadowed } from '../../../../src/core/lint/rules/if-not-exists-shadowed';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const CHUNKS = 'CREATE TABLE chunks (id bigint PRIMARY KEY, body text, embedding vector(3));\nCREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops);\n';

ruleTester(ifNotExistsShadowed, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'the same index again (an idempotent re-run)', sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops);' },
    { name: 'the same table again', sql: 'CREATE TABLE t (id bigint PRIMARY KEY, n int);\nCREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, n integer);' },
    { name: 'an index of that name dropped first', sql: CHUNKS + 'DROP INDEX chunks_embedding_idx;\nCREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);' },
    { name: 'a name nothing has yet', sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_body_idx ON chunks (body);' },
  ],
  invalid: [
    {
      name: 'an index of that name with another operator class, in a later migration',
      files: { '0001_chunks.sql': CHUNKS, '0002_cosine.sql': 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);' },
      errors: [{
        file: '0002_cosine.sql', line: 1, column: 28, endColumn: 48,
        message: 'index chunks_embedding_idx already exists (0001_chunks.sql:2) with another definition, so IF NOT EXISTS skips this statement: it indexes (embedding vector_l2_ops), this one (embedding vector_cosine_ops)',
      }],
    },
    {
      name: 'an index of that name on another column and with other options',
      sql: CHUNKS + 'CREATE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks USING hnsw (embedding vector_l2_ops) WITH (m = 32);\nCREATE UNIQUE INDEX IF NOT EXISTS chunks_embedding_idx ON chunks (body);',
      errors: [
        { line: 3, column: 28, message: /its options differ \(none vs m = 32\)$/ },
        { line: 4, column: 35, message: /it uses hnsw, this one btree; it indexes \(embedding vector_l2_ops\), this one \(body\); this one is unique, it is not$/ },
      ],
    },
    {
      name: 'a table of that name with other columns',
      sql: 'CREATE TABLE docs (id bigint PRIMARY KEY, title varchar(100));\nCREATE TABLE IF NOT EXISTS docs (id bigint PRIMARY KEY, title text, embedding vector(3));',
      errors: [{ line: 2, column: 28, endColumn: 32, message: /^table docs already exists \(0001_test\.sql:1\) with another definition, so IF NOT EXISTS skips this statement: the existing table has no column embedding; title is varchar\(100\) there, text here$/ }],
    },
  ],
});
