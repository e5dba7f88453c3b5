import { vectorExtensionMissing } from '../../../../src/core/lint/rules/vector-extension-missing';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(vectorExtensionMissing, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE EXTENSION vector;\nCREATE TABLE t (embedding vector(1536));',
    { name: 'the extension created by an earlier migration', files: { '0001_ext.sql': 'CREATE EXTENSION IF NOT EXISTS "vector" WITH SCHEMA extensions;', '0002_t.sql': 'CREATE TABLE t (e halfvec(1536));' } },
    { name: 'pgvectorscale installed with CASCADE', sql: 'CREATE EXTENSION vectorscale CASCADE;\nCREATE TABLE t (embedding vector(1536));' },
    { name: 'trigram and PostGIS distance operators', sql: "SELECT name <-> 'word' FROM t;\nSELECT geom <#> 'POINT(0 0)'::geometry FROM places;" },
    { name: 'a bit column and a btree index', sql: 'CREATE TABLE t (flags bit(8));\nCREATE INDEX ON t (flags);' },
    { name: 'pgvector types in the DOWN section only', sql: '-- UP Migration\nSELECT 1;\n-- DOWN Migration\nCREATE TABLE t (e vector(3));' },
  ],
  invalid: [
    {
      name: 'a vector column with no extension, fixed by creating it first',
      sql: 'CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector(1536)\n);',
      errors: [{ line: 3, column: 13, endColumn: 25, message: 'vector(1536) needs the pgvector extension, but no migration up to here runs CREATE EXTENSION vector' }],
      output: 'CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector(1536)\n);',
    },
    {
      name: 'only the first use of each migration',
      files: {
        '0001_a.sql': 'CREATE TABLE a (e halfvec(1536));\nCREATE TABLE b (e sparsevec(30522));',
        '0002_b.sql': 'CREATE INDEX ON a USING hnsw (e halfvec_cosine_ops);',
      },
      errors: [
        { file: '0001_a.sql', line: 1, column: 19, message: /^halfvec\(1536\) needs/ },
        { file: '0002_b.sql', line: 1, column: 25, endColumn: 29, message: /^the hnsw index method needs/ },
      ],
    },
    {
      name: 'an extension created after the statement that needs it',
      sql: 'CREATE TABLE t (e vector(3));\nCREATE EXTENSION vector;',
      errors: [{ line: 1, column: 19, message: /only runs later in this migration$/ }],
    },
    {
      name: 'pgvector operators and functions',
      files: {
        '0001_a.sql': "SELECT id FROM t ORDER BY e <=> '[1,2,3]' LIMIT 5;",
        '0002_b.sql': "SELECT e <-> '[1,2,3]' FROM t;",
        '0003_c.sql': 'SELECT binary_quantize(e) FROM t;',
      },
      errors: [
        { file: '0001_a.sql', line: 1, column: 29, endColumn: 32, message: /^the <=> operator/ },
        { file: '0002_b.sql', line: 1, column: 10, message: /^the <-> operator/ },
        { file: '0003_c.sql', line: 1, column: 8, endColumn: 23, message: /^binary_quantize\(\)/ },
      ],
    },
  ],
});
