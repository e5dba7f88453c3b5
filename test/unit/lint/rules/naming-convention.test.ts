import * as assert from 'node:assert/strict';
import { namingConvention, snakeCase } from '../../../../src/core/lint/rules/naming-convention';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

describe('snakeCase', () => {
  const cases: [string, string][] = [['DocumentChunks', 'document_chunks'], ['chunkID', 'chunk_id'], ['Chunk Text', 'chunk_text'], ['already_snake', 'already_snake']];
  for (const [from, to] of cases) it(`turns ${from} into ${to}`, () => assert.equal(snakeCase(from), to));
});

ruleTester(namingConvention, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE document_chunks (id bigint, chunk_text text, CONSTRAINT document_chunks_pkey PRIMARY KEY (id));',
    { name: 'identifiers written in upper case (folded to snake_case)', sql: 'CREATE TABLE DOCUMENTS (ID BIGINT, TITLE TEXT);' },
    { name: 'a capitalised unquoted name', sql: 'CREATE TABLE Documents (id bigint);' },
    { name: 'references to names created elsewhere', sql: 'CREATE INDEX chunks_doc_idx ON "LegacyChunks" ("DocId");' },
    { name: 'a custom pattern', options: { pattern: '^[a-z][a-zA-Z0-9]*$' }, sql: 'CREATE TABLE "documentChunks" ("chunkText" text);' },
    { name: 'names in the DOWN section', sql: '-- UP Migration\nSELECT 1;\n-- DOWN Migration\nCREATE TABLE "Bad" (x int);' },
  ],
  invalid: [
    {
      name: 'quoted mixed-case table and column names',
      sql: 'CREATE TABLE "DocumentChunks" (\n  id bigint,\n  "chunkText" text\n);',
      errors: [
        { line: 1, column: 14, endColumn: 30, message: 'table "DocumentChunks" does not match the naming convention ^[a-z_][a-z0-9_]*$' },
        { line: 3, column: 3, endColumn: 14, message: /^column "chunkText" does not match/ },
      ],
    },
    {
      name: 'an unquoted camelCase name, folded by PostgreSQL',
      sql: 'CREATE TABLE app.documentChunks (id bigint);',
      errors: [{ line: 1, column: 18, endColumn: 32, message: 'table documentChunks is stored as documentchunks: PostgreSQL folds unquoted names to lower case' }],
    },
    {
      name: 'index, constraint, view, schema and renamed names',
      sql: [
        'CREATE INDEX "ChunksIdx" ON chunks (id);',
        'ALTER TABLE chunks ADD CONSTRAINT "Chunks-FK" FOREIGN KEY (document_id) REFERENCES documents;',
        'CREATE VIEW "Recent Docs" AS SELECT 1;',
        'CREATE SCHEMA "RAG";',
        'ALTER TABLE chunks RENAME COLUMN body TO "Body";',
      ].join('\n'),
      errors: [
        { line: 1, column: 14, endColumn: 25, message: /^index "ChunksIdx"/ },
        { line: 2, column: 35, endColumn: 46, message: /^constraint "Chunks-FK"/ },
        { line: 3, column: 13, endColumn: 26, message: /^view "Recent Docs"/ },
        { line: 4, column: 15, endColumn: 20, message: /^schema "RAG"/ },
        { line: 5, column: 42, endColumn: 48, message: /^column "Body"/ },
      ],
    },
    {
      name: 'a name that breaks a custom pattern',
      options: { pattern: '^[a-z]+(_[a-z]+)*$' },
      sql: 'CREATE TABLE chunks_v2 (id bigint);',
      errors: [{ line: 1, column: 14, message: 'table chunks_v2 does not match the naming convention ^[a-z]+(_[a-z]+)*$' }],
    },
    {
      name: 'a pattern that is not a regular expression, naming the option',
      options: { pattern: '^[a-z' },
      sql: 'CREATE TABLE chunks (id bigint);',
      errors: [{ line: 1, column: 1, message: /rules\.naming-convention: "pattern" is not a valid regular expression/ }],
    },
  ],
});
