import { extensionMissing } from '../../../../src/core/lint/rules/extension-missing';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

ruleTester(extensionMissing, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'citext after CREATE EXTENSION citext', sql: 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE users (email citext PRIMARY KEY);' },
    { name: 'pg_trgm created by an earlier migration, in its own schema', files: { '0001_ext.sql': 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;', '0002_idx.sql': 'CREATE INDEX docs_title_trgm ON docs USING gin (title gin_trgm_ops);' } },
    { name: 'a function of an extension created with a quoted name', sql: 'CREATE EXTENSION IF NOT EXISTS "pg_trgm";\nSELECT similarity(\'a\', \'b\');' },
    { name: 'uuid-ossp and pgcrypto functions, which platforms install before the migrations', sql: 'CREATE TABLE t (id uuid DEFAULT uuid_generate_v4() PRIMARY KEY, secret text DEFAULT crypt(\'x\', gen_salt(\'bf\')));' },
    { name: 'built-in types, methods and gen_random_uuid()', sql: "CREATE TABLE t (id uuid DEFAULT gen_random_uuid() PRIMARY KEY, doc jsonb, tags text[]);\nCREATE INDEX ON t USING gin (doc jsonb_path_ops);\nCREATE INDEX ON t USING brin (id);" },
    { name: 'pgvector, which vector-extension-missing checks', sql: 'CREATE TABLE t (e vector(3));\nCREATE INDEX ON t USING hnsw (e vector_cosine_ops);' },
  ],
  invalid: [
    {
      name: 'a citext column with no extension, fixed by creating it first',
      sql: 'CREATE TABLE users (\n  email citext PRIMARY KEY\n);',
      errors: [{ line: 2, column: 9, endColumn: 15, message: 'type citext needs the citext extension, but no migration up to here creates it' }],
      output: 'CREATE EXTENSION IF NOT EXISTS citext;\nCREATE TABLE users (\n  email citext PRIMARY KEY\n);',
    },
    {
      name: "ParadeDB's bm25 index method and pg_trgm's operator class",
      sql: "CREATE INDEX docs_search ON docs USING bm25 (id, body) WITH (key_field = 'id');\nCREATE INDEX docs_trgm ON docs USING gin (title gin_trgm_ops);",
      errors: [
        { line: 1, column: 40, endColumn: 44, message: 'the bm25 index method needs the pg_search extension, but no migration up to here creates it' },
        { line: 2, column: 49, endColumn: 61, message: 'the gin_trgm_ops operator class needs the pg_trgm extension, but no migration up to here creates it' },
      ],
    },
    {
      name: 'an extension created after the statement that needs it, reported once per migration',
      sql: "CREATE VIEW close_names AS SELECT a FROM t WHERE similarity(a, 'x') > 0.3 OR word_similarity(a, 'y') > 0.3;\nCREATE EXTENSION pg_trgm;",
      errors: [{ line: 1, column: 50, endColumn: 60, message: 'similarity() needs the pg_trgm extension, but CREATE EXTENSION pg_trgm only runs later in this migration' }],
      output: "CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE VIEW close_names AS SELECT a FROM t WHERE similarity(a, 'x') > 0.3 OR word_similarity(a, 'y') > 0.3;\nCREATE EXTENSION pg_trgm;",
    },
  ],
});
