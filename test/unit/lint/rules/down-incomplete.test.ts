import { downIncomplete } from '../../../../src/core/lint/rules/down-incomplete';
import { ruleTester } from '../rule-tester';

const migration = (up: string, down: string) => `-- UP Migration\nBEGIN;\n${up}\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\n${down}\nCOMMIT;\n`;

ruleTester(downIncomplete, {
  valid: [
    migration('CREATE TABLE chunks (id bigint PRIMARY KEY);\nCREATE INDEX chunks_id_idx ON chunks (id);', 'DROP TABLE chunks;'),
    migration('CREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE t (e vector(3));', 'DROP TABLE IF EXISTS t;'),
    migration('ALTER TABLE documents ADD COLUMN summary text, ADD CONSTRAINT summary_len CHECK (length(summary) < 500);', 'ALTER TABLE documents DROP COLUMN summary;'),
    migration('CREATE TYPE mood AS ENUM (\'a\');\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE VIEW v AS SELECT 1;', 'DROP VIEW v;\nDROP FUNCTION f();\nDROP TYPE mood;'),
    migration('CREATE SCHEMA app;\nCREATE TABLE app.t (id int);\nCREATE SEQUENCE app.s;', 'DROP SCHEMA app CASCADE;'),
    migration('CREATE TABLE tmp (id int);\nDROP TABLE tmp;', 'SELECT 1;'),
    { name: 'no DOWN at all (missing-down reports that)', sql: '-- UP Migration\nCREATE TABLE a (id int);\n' },
    {
      name: 'OR REPLACE of a function an earlier migration created',
      files: {
        '0001_a.sql': migration('CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;', 'DROP FUNCTION f();'),
        '0002_b.sql': migration('CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 2 $$;', 'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;'),
      },
    },
  ],
  invalid: [
    {
      name: 'an index the DOWN forgets, at its name, with a fix',
      sql: migration('CREATE INDEX CONCURRENTLY chunks_doc_idx ON chunks (document_id);\nCREATE TABLE notes (id int);', 'DROP TABLE notes;'),
      errors: [{ line: 3, column: 27, endColumn: 41, message: 'the DOWN section does not drop index chunks_doc_idx, which this migration creates' }],
      output: migration('CREATE INDEX CONCURRENTLY chunks_doc_idx ON chunks (document_id);\nCREATE TABLE notes (id int);', 'DROP INDEX CONCURRENTLY IF EXISTS chunks_doc_idx;\nDROP TABLE notes;'),
    },
    {
      name: 'a table, a column and an extension the DOWN forgets',
      sql: migration('CREATE EXTENSION vector;\nCREATE TABLE app.chunks (id int);\nALTER TABLE documents ADD COLUMN embedding vector(1536);', 'SELECT 1;'),
      errors: [
        { line: 3, column: 18, endColumn: 24, message: /extension vector/ },
        { line: 4, column: 14, endColumn: 24, message: /table app\.chunks/ },
        { line: 5, column: 34, endColumn: 43, message: /column documents\.embedding/ },
      ],
    },
    {
      name: 'a trigger and a policy on a table that stays',
      sql: migration('CREATE TRIGGER t_touch BEFORE UPDATE ON docs FOR EACH ROW EXECUTE FUNCTION touch();\nCREATE POLICY p_read ON docs USING (true);', 'DROP POLICY p_read ON docs;'),
      errors: [{ line: 3, column: 16, endColumn: 23, message: /trigger t_touch/ }],
    },
  ],
});
