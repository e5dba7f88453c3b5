import * as assert from 'node:assert/strict';
import { ensureParser, parseMigrationSet } from '../../../src/core/lint/engine';
import { schemaSnapshots } from '../../../src/core/model';
import type { SchemaModel } from '../../../src/core/lint/types';
import { withMigrationSet } from '../lint/temp-migrations';

const CHUNKS = `-- UP Migration
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE documents (id bigserial PRIMARY KEY, title text NOT NULL);
CREATE TABLE app.chunks (
  id bigint GENERATED ALWAYS AS IDENTITY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  embedding vector(1536),
  PRIMARY KEY (id)
);
CREATE INDEX chunks_embedding_idx ON app.chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
-- DOWN Migration
DROP TABLE app.chunks;
DROP TABLE documents;
`;

const ALTER = `-- UP Migration
ALTER TABLE app.chunks ADD COLUMN small halfvec(768) NOT NULL DEFAULT '[0]';
ALTER TABLE app.chunks ALTER COLUMN embedding TYPE vector(3072);
ALTER TABLE documents RENAME COLUMN title TO name;
ALTER INDEX app.chunks_embedding_idx RENAME TO chunks_vec_idx;
CREATE UNIQUE INDEX ON documents (lower(name)) WHERE name IS NOT NULL;
DROP TABLE IF EXISTS unrelated;
-- DOWN Migration
SELECT 1;
`;

function schemas(files: Record<string, string>): { before: SchemaModel; after: SchemaModel }[] {
  return withMigrationSet(files, (set) => {
    const parsed = parseMigrationSet(set);
    const snaps = schemaSnapshots(parsed.migrations);
    return parsed.migrations.map((m) => ({ before: snaps.before(m), after: snaps.after(m) }));
  });
}

describe('schema model', () => {
  before(() => ensureParser());

  it('records tables, columns with types and dimensions, keys, foreign keys, indexes and extensions', () => {
    const [first] = schemas({ '0001_chunks.sql': CHUNKS });
    assert.equal(first.before.tables.size, 0);
    const s = first.after;
    assert.deepEqual([...s.tables.keys()], ['public.documents', 'app.chunks']);
    assert.deepEqual([...s.extensions], ['vector']);
    const chunks = s.tables.get('app.chunks')!;
    const cols = [...chunks.columns.values()].map((c) => [c.name, c.type, c.dimensions, c.notNull, c.hasDefault, c.identity]);
    assert.deepEqual(cols, [
      ['id', 'int8', undefined, true, false, true],
      ['document_id', 'int8', undefined, true, false, false],
      ['embedding', 'vector', 1536, false, false, false],
    ]);
    assert.deepEqual(chunks.primaryKey, ['id']);
    assert.deepEqual(chunks.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]), [[['document_id'], 'public.documents', ['id']]]);
    const documents = s.tables.get('public.documents')!;
    assert.deepEqual([documents.columns.get('id')!.type, documents.columns.get('id')!.hasDefault], ['int8', true]);
    const idx = s.indexes.get('chunks_embedding_idx')!;
    assert.deepEqual(
      { table: idx.table, method: idx.method, columns: idx.columns, options: idx.options, unique: idx.unique, partial: idx.partial },
      { table: 'app.chunks', method: 'hnsw', columns: [{ column: 'embedding', expression: undefined, opclass: 'vector_cosine_ops' }], options: { m: 16, ef_construction: 64 }, unique: false, partial: false },
    );
  });

  it('applies later migrations in version order and keeps each snapshot as it was', () => {
    const [first, second] = schemas({ '0002_alter.sql': ALTER, '0001_chunks.sql': CHUNKS });
    assert.equal(second.before.tables.get('app.chunks')!.columns.get('embedding')!.dimensions, 1536);
    assert.equal(first.after.tables.get('app.chunks')!.columns.has('small'), false, 'the earlier snapshot is unchanged');
    const after = second.after;
    const chunks = after.tables.get('app.chunks')!;
    assert.equal(chunks.columns.get('embedding')!.dimensions, 3072);
    assert.deepEqual([chunks.columns.get('small')!.type, chunks.columns.get('small')!.dimensions, chunks.columns.get('small')!.notNull], ['halfvec', 768, true]);
    assert.deepEqual([...after.tables.get('public.documents')!.columns.keys()], ['id', 'name']);
    assert.deepEqual([...after.indexes.keys()].sort(), ['chunks_vec_idx', 'documents_expr_idx']);
    const expr = after.indexes.get('documents_expr_idx')!;
    assert.deepEqual([expr.unique, expr.partial, expr.columns[0].expression], [true, true, 'lower(name)']);
  });

  it('leaves earlier snapshots untouched by every kind of later change', () => {
    const later = `-- UP Migration
ALTER TABLE documents RENAME COLUMN title TO name;
ALTER TABLE app.chunks ALTER COLUMN embedding TYPE vector(768), ALTER COLUMN embedding DROP NOT NULL;
ALTER TABLE app.chunks ADD CONSTRAINT chunks_doc_fk FOREIGN KEY (document_id) REFERENCES documents (id) NOT VALID;
ALTER TABLE app.chunks VALIDATE CONSTRAINT chunks_doc_fk;
ALTER INDEX app.chunks_embedding_idx RENAME TO chunks_vec_idx;
ALTER TABLE documents RENAME TO docs;
ALTER TABLE app.chunks SET SCHEMA public;
`;
    const plain = (s: SchemaModel) => JSON.stringify({ tables: [...s.tables].map(([k, t]) => [k, { ...t, columns: [...t.columns] }]), indexes: [...s.indexes], extensions: [...s.extensions] }, (k, v) => (k === 'file' ? undefined : v));
    const [alone] = schemas({ '0001_chunks.sql': CHUNKS });
    const [first, second] = schemas({ '0001_chunks.sql': CHUNKS, '0002_later.sql': later });
    assert.equal(plain(first.after), plain(alone.after));
    assert.deepEqual([...second.after.tables.keys()].sort(), ['public.chunks', 'public.docs']);
    assert.equal(second.after.indexes.get('chunks_vec_idx')!.table, 'public.chunks');
    assert.deepEqual(second.after.tables.get('public.chunks')!.foreignKeys.map((f) => [f.refTable, f.notValid]), [['public.docs', false], ['public.docs', false]]);
  });

  it('forgets dropped tables and their indexes', () => {
    const drop = '-- UP Migration\nDROP INDEX app.chunks_embedding_idx;\nDROP TABLE app.chunks;\nDROP EXTENSION vector;\n';
    const [, second] = schemas({ '0001_chunks.sql': CHUNKS, '0002_drop.sql': drop });
    assert.deepEqual([...second.after.tables.keys()], ['public.documents']);
    assert.equal(second.after.indexes.size, 0);
    assert.equal(second.after.extensions.size, 0);
  });
  const GUARDED_TABLE = 'CREATE TABLE t (id bigint PRIMARY KEY, n int);\nALTER TABLE t ADD CONSTRAINT t_n_check CHECK (n > 0);\n';
  const guardedCases: { name: string; sql: string; constraints: string[]; checkText: string }[] = [
    {
      name: 'adds a constraint a DO block with a duplicate_object handler adds when the table lacks it',
      sql: 'DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_n_max CHECK (n < 9); EXCEPTION WHEN duplicate_object THEN NULL; END $$;',
      constraints: ['t_pkey', 't_n_check', 't_n_max'], checkText: 'CHECK (n > 0)',
    },
    {
      name: 'adds a constraint behind IF NOT EXISTS over pg_constraint when the table lacks it',
      sql: "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 't_n_max') THEN ALTER TABLE t ADD CONSTRAINT t_n_max CHECK (n < 9); END IF; END $$;",
      constraints: ['t_pkey', 't_n_check', 't_n_max'], checkText: 'CHECK (n > 0)',
    },
    {
      name: 'keeps the old definition when the guarded name exists',
      sql: 'DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_n_check CHECK (n >= 0); EXCEPTION WHEN duplicate_object THEN NULL; END $$;',
      constraints: ['t_pkey', 't_n_check'], checkText: 'CHECK (n > 0)',
    },
    {
      name: 'adds nothing of an exception-guarded block in which one name exists (the block rolls back)',
      sql: 'DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_n_max CHECK (n < 9); ALTER TABLE t ADD CONSTRAINT t_n_check CHECK (n >= 0); EXCEPTION WHEN others THEN NULL; END $$;',
      constraints: ['t_pkey', 't_n_check'], checkText: 'CHECK (n > 0)',
    },
  ];
  for (const c of guardedCases) {
    it(c.name, () => {
      const [first] = schemas({ '0001_t.sql': `-- UP Migration\n${GUARDED_TABLE}${c.sql}\n` });
      const t = first.after.tables.get('public.t')!;
      assert.deepEqual(t.constraints, c.constraints);
      assert.equal(t.constraintDefinitions?.get('t_n_check')?.text, c.checkText);
    });
  }
});
