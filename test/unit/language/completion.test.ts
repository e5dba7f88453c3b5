import * as assert from 'node:assert/strict';
import { completionsAt } from '../../../src/core/language';
import { ensureParser } from '../../../src/core/lint/engine';
import { atCursor } from './cursor-fixture';

const CREATE = `-- UP Migration
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE chunks (
  id bigint PRIMARY KEY,
  document_id bigint NOT NULL,
  body text,
  embedding vector(1536),
  CONSTRAINT chunks_document_fk FOREIGN KEY (document_id) REFERENCES documents (id)
);
CREATE INDEX chunks_body_idx ON chunks (body);
-- DOWN Migration
DROP TABLE chunks;
DROP TABLE documents;
`;

const DROP_BODY = `-- UP Migration
ALTER TABLE chunks DROP COLUMN body;
-- DOWN Migration
ALTER TABLE chunks ADD COLUMN body text;
`;

interface Case {
  name: string;
  /** The migration after 0001 (and 0002 when given), with the cursor marker `|`. */
  sql: string;
  second?: string;
  labels: string[];
}

const up = (s: string) => `-- UP Migration\n${s}\n-- DOWN Migration\nSELECT 1;\n`;

const CASES: Case[] = [
  { name: 'offers the columns of the table after ALTER TABLE ... ALTER COLUMN', sql: up('ALTER TABLE chunks ALTER COLUMN |'), labels: ['id', 'document_id', 'body', 'embedding'] },
  { name: 'offers the columns after DROP COLUMN IF EXISTS', sql: up('ALTER TABLE chunks DROP COLUMN IF EXISTS |'), labels: ['id', 'document_id', 'body', 'embedding'] },
  { name: 'does not offer a column an earlier migration dropped', second: DROP_BODY, sql: up('ALTER TABLE chunks ALTER COLUMN |'), labels: ['id', 'document_id', 'embedding'] },
  { name: 'does not offer a column the same file adds after the cursor', sql: up('ALTER TABLE chunks DROP COLUMN |;\nALTER TABLE chunks ADD COLUMN later text;'), labels: ['id', 'document_id', 'body', 'embedding'] },
  { name: 'offers a column the same file added before the cursor', sql: up('ALTER TABLE chunks ADD COLUMN earlier text;\nALTER TABLE chunks RENAME COLUMN |'), labels: ['id', 'document_id', 'body', 'embedding', 'earlier'] },
  { name: 'offers the tables after ALTER TABLE', sql: up('ALTER TABLE |'), labels: ['documents', 'chunks'] },
  { name: 'offers the tables after CREATE INDEX ... ON', sql: up('CREATE INDEX x ON |'), labels: ['documents', 'chunks'] },
  { name: 'offers the columns inside CREATE INDEX ... ON t (', sql: up('CREATE INDEX ON chunks USING hnsw (|'), labels: ['id', 'document_id', 'body', 'embedding'] },
  { name: 'offers the columns inside REFERENCES t (', sql: up('ALTER TABLE chunks ADD COLUMN parent bigint REFERENCES documents (|'), labels: ['id', 'title'] },
  { name: 'offers the columns of the FROM table in a SELECT list', sql: up('SELECT | FROM documents'), labels: ['id', 'title'] },
  { name: 'offers the columns of the FROM table in WHERE', sql: up('DELETE FROM documents WHERE |'), labels: ['id', 'title'] },
  { name: 'offers index names after DROP INDEX', sql: up('DROP INDEX CONCURRENTLY IF EXISTS |'), labels: ['chunks_body_idx'] },
  { name: 'offers constraint names after DROP CONSTRAINT', sql: up('ALTER TABLE chunks DROP CONSTRAINT |'), labels: ['chunks_document_fk'] },
  { name: 'offers pgvector classes for the column type, the project distance first', sql: up('CREATE INDEX ON chunks USING hnsw (embedding |'), labels: ['vector_cosine_ops', 'vector_l2_ops', 'vector_ip_ops', 'vector_l1_ops'] },
  { name: 'offers only the classes IVFFlat has', sql: up('CREATE INDEX ON chunks USING ivfflat (embedding |'), labels: ['vector_cosine_ops', 'vector_l2_ops', 'vector_ip_ops'] },
  { name: 'offers no vector class for a text column', sql: up('CREATE INDEX ON chunks USING hnsw (body |'), labels: [] },
  { name: 'offers the HNSW parameters inside WITH (', sql: up('CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops) WITH (|'), labels: ['m', 'ef_construction'] },
  { name: 'offers the IVFFlat parameter after a comma in WITH', sql: up('CREATE INDEX ON chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100, |'), labels: ['lists'] },
];

describe('completion at the cursor, from the schema the history builds up to it', () => {
  before(ensureParser);

  for (const c of CASES) {
    it(c.name, () => {
      const files: Record<string, string> = { '0001_create_chunks.sql': CREATE };
      if (c.second) files['0002_drop_body.sql'] = c.second;
      files[c.second ? '0003_next.sql' : '0002_next.sql'] = c.sql;
      const labels = atCursor(files, ({ model, file, offset }) => completionsAt(model, file, offset).map((e) => e.label));
      assert.deepEqual(labels, c.labels);
    });
  }

  it('offers the index methods after USING, pgvector first', () => {
    const labels = atCursor({ '0001_create_chunks.sql': CREATE, '0002_next.sql': up('CREATE INDEX ON chunks USING |') },
      ({ model, file, offset }) => completionsAt(model, file, offset).map((e) => e.label));
    assert.deepEqual(labels.slice(0, 3), ['hnsw', 'ivfflat', 'btree']);
  });

  it('offers the project dimensions first among the types of a new column', () => {
    const labels = atCursor({ '0001_create_chunks.sql': CREATE, '0002_next.sql': up('ALTER TABLE chunks ADD COLUMN small |') },
      ({ model, file, offset }) => completionsAt(model, file, offset).map((e) => e.label));
    assert.deepEqual(labels.slice(0, 3), ['vector(1536)', 'halfvec(1536)', 'bigint']);
  });

  it('says in each column item where the column was defined', () => {
    const details = atCursor({ '0001_create_chunks.sql': CREATE, '0002_next.sql': up('ALTER TABLE chunks ALTER COLUMN |') },
      ({ model, file, offset }) => completionsAt(model, file, offset).map((e) => e.detail));
    assert.equal(details[3], 'chunks.embedding vector(1536) — 0001_create_chunks.sql:8');
  });

  it('states the HNSW limits in the parameter items', () => {
    const details = atCursor({ '0001_create_chunks.sql': CREATE, '0002_next.sql': up('CREATE INDEX ON chunks USING hnsw (embedding) WITH (|') },
      ({ model, file, offset }) => completionsAt(model, file, offset).map((e) => e.detail));
    assert.match(details[0], /2\.\.100, default 16/);
    assert.match(details[1], /4\.\.1000/);
  });
});
