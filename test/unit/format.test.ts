import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatMigrationEdits, formatMigrationText, sqlRegions } from '../../src/core/format/migration-format';
import { ensureParser } from '../../src/core/sql/parser';
import { splitStatements } from '../../src/core/sql/split';

const HEADER = [
  '-- Migration: 0004_add_notes.sql',
  '-- Description: notes,   written   as  the author likes',
  '-- Dependencies: 0003_create_chunks.sql',
  '-- Author: someone',
  '-- Date: 2026-01-05',
  '',
].join('\n');

/** Token texts of every statement of every SQL region: what a formatted file must still hold. */
function statementTokens(text: string): string[][] {
  return sqlRegions(text).flatMap((r) => splitStatements(text, r.start, r.end).statements.map((s) => s.tokens.map((t) => t.keyword ?? t.text)));
}

describe('formatting a migration file', () => {
  before(ensureParser);

  const cases: { what: string; input: string; output: string; options?: Parameters<typeof formatMigrationText>[1] }[] = [
    {
      what: 'lays out a CREATE TABLE one column a line and keeps vector(n) together',
      input: `${HEADER}\n-- UP Migration\nBEGIN;\nCREATE TABLE notes (id bigint PRIMARY KEY,   body text, embedding vector(1536));\nCOMMIT;\n`,
      output: `${HEADER}\n-- UP Migration\nBEGIN;\nCREATE TABLE notes (\n  id bigint PRIMARY KEY,\n  body text,\n  embedding vector(1536)\n);\nCOMMIT;\n`,
    },
    {
      what: 'keeps the header, the markers and the comments between statements byte for byte',
      input: `${HEADER}\n--   UP Migration   (keep me)\n-- why: notes need search\nSELECT   1;\n\n\n-- DOWN Migration\n/* nothing to undo */\nSELECT   2;\n`,
      output: `${HEADER}\n--   UP Migration   (keep me)\n-- why: notes need search\nSELECT\n  1;\n\n\n-- DOWN Migration\n/* nothing to undo */\nSELECT\n  2;\n`,
    },
    {
      what: "keeps dbmate's markers and their options",
      input: '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY notes_idx ON notes USING hnsw (embedding vector_cosine_ops);\n-- migrate:down\nDROP INDEX CONCURRENTLY notes_idx;\n',
      output: '-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY notes_idx ON notes USING hnsw (embedding vector_cosine_ops);\n-- migrate:down\nDROP INDEX CONCURRENTLY notes_idx;\n',
    },
    {
      what: 'formats a file without markers after its header',
      input: `${HEADER}\nalter table notes add column   title text;\n`,
      output: `${HEADER}\nalter table notes\nadd column title text;\n`,
    },
    {
      what: 'keeps a statement sql-formatter cannot format (it throws on the unclosed parenthesis) as written',
      input: '-- UP Migration\nSELECT   1;\nSELECT   (1;\n',
      output: '-- UP Migration\nSELECT\n  1;\nSELECT   (1;\n',
    },
    {
      what: 'keeps a statement as written when formatting would change its tokens (=== is one operator)',
      input: '-- UP Migration\nCREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = f);\n',
      output: '-- UP Migration\nCREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = f);\n',
    },
    {
      what: 'keeps psql meta commands as written',
      input: '-- UP Migration\n\\set ON_ERROR_STOP on\nSELECT   1;\n',
      output: '-- UP Migration\n\\set ON_ERROR_STOP on\nSELECT\n  1;\n',
    },
    {
      what: 'leaves dollar-quoted bodies alone',
      input: '-- UP Migration\nCREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND $$;\n',
      output: '-- UP Migration\nCREATE FUNCTION touch () RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND $$;\n',
    },
    {
      what: 'keeps comments inside a statement',
      input: '-- UP Migration\nCREATE TABLE notes (\n  id bigint, -- the key\n  body text\n);\n',
      output: '-- UP Migration\nCREATE TABLE notes (\n  id bigint, -- the key\n  body text\n);\n',
    },
    {
      what: "spells pgvector's operators, casts and functions as written",
      input: "-- UP Migration\nSELECT id, embedding <=> '[1,2,3]'::vector(3) AS d, vector_dims(embedding) FROM notes ORDER BY d LIMIT 5;\n",
      output: "-- UP Migration\nSELECT\n  id,\n  embedding <=> '[1,2,3]'::vector(3) AS d,\n  vector_dims(embedding)\nFROM\n  notes\nORDER BY\n  d\nLIMIT\n  5;\n",
    },
    {
      what: 'keeps the indentation of an indented statement on its continuation lines',
      input: '-- UP Migration\nBEGIN;\n    ALTER TABLE notes ADD COLUMN title text;\nCOMMIT;\n',
      output: '-- UP Migration\nBEGIN;\n    ALTER TABLE notes\n    ADD COLUMN title text;\nCOMMIT;\n',
    },
    {
      what: 'keeps CRLF line endings',
      input: '-- Migration: 0004_add_notes.sql\r\n\r\n-- UP Migration\r\nALTER TABLE notes ADD COLUMN title text;\r\n',
      output: '-- Migration: 0004_add_notes.sql\r\n\r\n-- UP Migration\r\nALTER TABLE notes\r\nADD COLUMN title text;\r\n',
    },
    {
      what: 'uses the editor indentation and keyword case it is given',
      input: '-- UP Migration\ncreate table notes (id bigint primary key, body text not null, embedding vector(1536));\n',
      output: '-- UP Migration\nCREATE TABLE notes (\n    id bigint PRIMARY KEY,\n    body text NOT NULL,\n    embedding vector(1536)\n);\n',
      options: { tabWidth: 4, keywordCase: 'upper' },
    },
    {
      what: 'keeps a section whose string is never closed as written',
      input: "-- UP Migration\nSELECT   1;\nSELECT 'unterminated;\n",
      output: "-- UP Migration\nSELECT   1;\nSELECT 'unterminated;\n",
    },
  ];

  for (const c of cases) {
    it(c.what, () => {
      assert.equal(formatMigrationText(c.input, c.options), c.output);
    });
  }

  for (const c of cases) {
    it(`is idempotent: ${c.what}`, () => {
      const once = formatMigrationText(c.input, c.options);
      assert.equal(formatMigrationText(once, c.options), once);
    });
  }

  for (const c of cases) {
    it(`still splits into the same statements: ${c.what}`, () => {
      assert.deepEqual(statementTokens(formatMigrationText(c.input, c.options)).map((s) => s.map((t) => t.toLowerCase())),
        statementTokens(c.input).map((s) => s.map((t) => t.toLowerCase())));
    });
  }

  it('formats the example migrations idempotently, keeping their headers and statements', () => {
    const dir = path.resolve(__dirname, '../../../examples/quickstart/db/migrations');
    for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.sql'))) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const once = formatMigrationText(text);
      assert.equal(formatMigrationText(once), once, `${name} formats to a fixed point`);
      assert.ok(once.startsWith(text.slice(0, text.indexOf('-- UP Migration'))), `${name} keeps its header`);
      assert.deepEqual(statementTokens(once), statementTokens(text), `${name} keeps its statements`);
    }
  });

  it('edits only the statements that change, never the header or the markers', () => {
    const text = `${HEADER}\n-- UP Migration\nBEGIN;\nSELECT   1;\nCOMMIT;\n\n-- DOWN Migration\nSELECT 2;\n`;
    const edits = formatMigrationEdits(text);
    assert.deepEqual(edits.map((e) => text.slice(e.start, e.end)), ['SELECT   1;', 'SELECT 2;']);
  });
});
