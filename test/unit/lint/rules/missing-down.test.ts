import { missingDown } from '../../../../src/core/lint/rules/missing-down';
import { ruleTester } from '../rule-tester';

const UP = `-- UP Migration
BEGIN;
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
ALTER TABLE documents ADD COLUMN summary text;
CREATE FUNCTION chunk_count(doc bigint, OUT n int) LANGUAGE sql AS $$ SELECT 1 $$;
COMMIT;
`;

ruleTester(missingDown, {
  valid: [
    { name: 'a DOWN section that undoes the UP', files: { '0001_a.sql': `${UP}\n-- DOWN Migration\nBEGIN;\nDROP TABLE chunks;\nCOMMIT;\n` } },
    { name: 'a golang-migrate pair', files: { '0001_a.up.sql': 'CREATE TABLE a (id int);', '0001_a.down.sql': 'DROP TABLE a;' } },
    { name: 'a plain set (UP only by design)', files: { '0001_a.sql': 'CREATE TABLE a (id int);\n' } },
    { name: 'a template with nothing in UP yet', files: { '0001_a.sql': '-- UP Migration\nBEGIN;\n\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\n\nCOMMIT;\n' } },
  ],
  invalid: [
    {
      name: 'no DOWN section, with a fix that drops what UP creates',
      files: { '0001_a.sql': UP },
      errors: [{ line: 1, column: 1, endColumn: 16, message: 'this migration has no DOWN section' }],
      output: `${UP}\n-- DOWN Migration\nBEGIN;\nDROP FUNCTION IF EXISTS chunk_count(int8);\nALTER TABLE documents DROP COLUMN IF EXISTS summary;\nDROP TABLE IF EXISTS chunks;\nCOMMIT;\n`,
    },
    {
      name: 'a DOWN section with only BEGIN and COMMIT, at its marker',
      files: { '0001_a.sql': '-- UP Migration\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\nUPDATE a SET id = id + 1;\n\n-- DOWN Migration\nBEGIN;\nCOMMIT;\n' },
      errors: [{ line: 5, column: 1, endColumn: 18, message: 'the DOWN section is empty: rolling back does nothing' }],
      output: '-- UP Migration\nCREATE INDEX CONCURRENTLY a_idx ON a (id);\nUPDATE a SET id = id + 1;\n\n-- DOWN Migration\nDROP INDEX CONCURRENTLY IF EXISTS a_idx;\n-- TODO: undo UPDATE a SET id = id + 1\n',
    },
    {
      name: 'a golang-migrate migration without its .down.sql file',
      files: { '0001_a.up.sql': 'CREATE TABLE a (id int);', '0002_b.up.sql': 'CREATE TABLE b (id int);', '0002_b.down.sql': 'DROP TABLE b;' },
      errors: [{ file: '0001_a.up.sql', line: 1, column: 1, message: 'this migration has no .down.sql file' }],
      output: null,
    },
  ],
});
