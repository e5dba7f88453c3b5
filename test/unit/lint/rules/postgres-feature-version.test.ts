import { postgresFeatureVersion } from '../../../../src/core/lint/rules/postgres-feature-version';
import { ruleTester } from '../rule-tester';

const pg = (postgresVersion: number) => ({ config: { postgresVersion } });

ruleTester(postgresFeatureVersion, {
  valid: [
    'CREATE TABLE chunks (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, embedding vector(1536));',
    'CREATE INDEX CONCURRENTLY chunks_idx ON chunks (id) INCLUDE (embedding);',
    'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING RETURNING a;',
    { name: 'MERGE on PostgreSQL 15', sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;', ...pg(15) },
    { name: 'gen_random_uuid() with pgcrypto on PostgreSQL 12', sql: 'CREATE EXTENSION IF NOT EXISTS pgcrypto;\nSELECT gen_random_uuid();', ...pg(12) },
    { name: 'a function of the same name that the set creates', sql: "CREATE FUNCTION any_value(anyelement) RETURNS anyelement LANGUAGE sql AS 'SELECT $1';\nSELECT any_value(1);", ...pg(15) },
    { name: 'a schema-qualified function of the same name', sql: 'SELECT app.uuidv7();', ...pg(16) },
    { name: 'JSON_TABLE on PostgreSQL 17', sql: "SELECT * FROM JSON_TABLE('[]', '$[*]' COLUMNS (a int PATH '$.a')) jt;", ...pg(17) },
    { name: 'plain numeric literals', sql: 'SELECT 1000, 1.5, 1e10;', ...pg(15) },
  ],
  invalid: [
    {
      name: 'MERGE on PostgreSQL 14, at MERGE',
      sql: 'MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE;', ...pg(14),
      errors: [{ line: 1, column: 1, endColumn: 6, message: 'MERGE needs PostgreSQL 15; the project targets PostgreSQL 14' }],
    },
    {
      name: 'MERGE ... RETURNING and WHEN NOT MATCHED BY SOURCE on PostgreSQL 16',
      sql: 'MERGE INTO t USING s ON t.id = s.id\nWHEN NOT MATCHED BY SOURCE THEN DELETE\nRETURNING t.id;', ...pg(16),
      errors: [{ line: 2, column: 21, endColumn: 27, message: /^WHEN NOT MATCHED BY SOURCE needs PostgreSQL 17/ }, { line: 3, column: 1, endColumn: 10, message: /^MERGE \.\.\. RETURNING needs PostgreSQL 17/ }],
    },
    {
      name: 'NULLS NOT DISTINCT on PostgreSQL 14, at the phrase',
      sql: 'CREATE TABLE t (a int UNIQUE NULLS NOT DISTINCT);\nCREATE UNIQUE INDEX t_a ON t (a) NULLS NOT DISTINCT;', ...pg(14),
      errors: [{ line: 1, column: 30, endColumn: 48, message: /^NULLS NOT DISTINCT needs PostgreSQL 15/ }, { line: 2, column: 34, endColumn: 52 }],
    },
    {
      name: 'SQL/JSON constructors and IS JSON on PostgreSQL 15',
      sql: "SELECT JSON_OBJECT('a': 1), '{}' IS JSON;", ...pg(15),
      errors: [{ line: 1, column: 8, message: /^JSON_OBJECT\(\) needs PostgreSQL 16/ }, { line: 1, column: 34, endColumn: 41, message: /^IS JSON needs PostgreSQL 16/ }],
    },
    {
      name: 'JSON_TABLE and JSON_VALUE on PostgreSQL 16',
      sql: "SELECT JSON_VALUE(j, '$.a') FROM JSON_TABLE('[]', '$[*]' COLUMNS (a int PATH '$.a')) jt;", ...pg(16),
      errors: [{ line: 1, column: 8, message: /^JSON_VALUE\(\) needs PostgreSQL 17/ }, { line: 1, column: 34, message: /^JSON_TABLE needs PostgreSQL 17/ }],
    },
    {
      name: 'a virtual generated column and NOT ENFORCED on PostgreSQL 17',
      sql: 'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a * 2) VIRTUAL, CHECK (a > 0) NOT ENFORCED);', ...pg(17),
      errors: [{ line: 1, column: 30, endColumn: 39, message: /^virtual generated columns needs PostgreSQL 18/ }, { line: 1, column: 85, endColumn: 93, message: /^NOT ENFORCED constraints/ }],
    },
    {
      name: 'built-in functions newer than the target',
      sql: 'SELECT gen_random_uuid(), uuidv7();', ...pg(12),
      errors: [{ line: 1, column: 8, endColumn: 23, message: 'gen_random_uuid() needs PostgreSQL 13; the project targets PostgreSQL 12' }, { line: 1, column: 27, message: /^uuidv7\(\) needs PostgreSQL 18/ }],
    },
    {
      name: 'numeric literals with underscores on PostgreSQL 15',
      sql: 'SELECT 1_000_000, 0x1F;', ...pg(15),
      errors: [{ line: 1, column: 8, endColumn: 17, message: /^underscores in numeric literals needs PostgreSQL 16/ }, { line: 1, column: 19, endColumn: 23 }],
    },
    {
      name: 'COPY ... ON_ERROR on PostgreSQL 16',
      sql: 'COPY t FROM STDIN WITH (FORMAT csv, ON_ERROR ignore);', ...pg(16),
      errors: [{ line: 1, column: 37, message: /^COPY option ON_ERROR needs PostgreSQL 17/ }],
    },
  ],
});
