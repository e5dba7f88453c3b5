import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { definitionOf, documentSymbols, hoverMarkdown, nameRange, planRename, referencesOf, resolveAt, workspaceSymbols } from '../../../src/core/language';
import { ensureParser } from '../../../src/core/lint/engine';
import { atCursor, AtCursor, lineOf } from './cursor-fixture';

const M1 = `-- UP Migration
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE chunks (
  id bigint PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  embedding vector(1536)
);
-- DOWN Migration
DROP TABLE chunks;
`;
const M2 = `-- UP Migration
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
ALTER TABLE chunks RENAME COLUMN embedding TO vec;
-- DOWN Migration
ALTER TABLE chunks RENAME COLUMN vec TO embedding;
DROP INDEX chunks_embedding_idx;
`;
const M3 = `-- UP Migration
ALTER TABLE chunks ALTER COLUMN vec SET NOT NULL;
-- DOWN Migration
ALTER TABLE chunks ALTER COLUMN vec DROP NOT NULL;
`;

/** "file:line" of each range, as a reader of the references list sees them. */
function places(at: AtCursor, ranges: { file: string; start: number }[]): string[] {
  return ranges.map((r) => `${path.basename(r.file)}:${lineOf(at.model, r.file, r.start)}`);
}

function withCursor(file: '1' | '2' | '3', marked: string) {
  const files: Record<string, string> = { '0001_create.sql': M1, '0002_index.sql': M2, '0003_not_null.sql': M3 };
  const key = Object.keys(files).find((k) => k.startsWith(`000${file}`))!;
  files[key] = marked;
  return files;
}

describe('definition, references, hover and symbols from the migration history', () => {
  before(ensureParser);

  const DEFINITIONS: { name: string; files: Record<string, string>; at: string }[] = [
    { name: 'goes from a table name to its CREATE TABLE', files: withCursor('3', M3.replace('ALTER TABLE chunks ALTER', 'ALTER TABLE chu|nks ALTER')), at: '0001_create.sql:3' },
    { name: 'goes from a renamed column to the statement that created it', files: withCursor('3', M3.replace('COLUMN vec SET', 'COLUMN v|ec SET')), at: '0001_create.sql:6' },
    { name: 'goes from a column in an index to its definition', files: withCursor('2', M2.replace('hnsw (embedding', 'hnsw (embe|dding')), at: '0001_create.sql:6' },
    { name: 'goes from DROP INDEX to the CREATE INDEX', files: withCursor('2', M2.replace('DROP INDEX chunks', 'DROP INDEX ch|unks')), at: '0002_index.sql:2' },
  ];
  for (const c of DEFINITIONS) {
    it(c.name, () => atCursor(c.files, (at) => {
      const resolved = resolveAt(at.model, at.file, at.offset);
      assert.ok(resolved, 'the name resolves');
      const range = nameRange(at.model, definitionOf(resolved)!, resolved.object.kind === 'index' ? resolved.object.index : undefined);
      assert.deepEqual(places(at, [range]), [c.at]);
    }));
  }

  it('lists the references of a column across renames in version order', () => atCursor(withCursor('3', M3.replace('COLUMN vec SET', 'COLUMN v|ec SET')), (at) => {
    const resolved = resolveAt(at.model, at.file, at.offset)!;
    assert.deepEqual(places(at, referencesOf(at.model, resolved)), [
      '0001_create.sql:6', '0002_index.sql:2', '0002_index.sql:3', '0002_index.sql:3', '0002_index.sql:5', '0002_index.sql:5', '0003_not_null.sql:2', '0003_not_null.sql:4',
    ]);
  }));

  it('shows a table as it stands at the cursor in the hover', () => atCursor(withCursor('3', M3.replace('ALTER TABLE chunks ALTER', 'ALTER TABLE chu|nks ALTER')), (at) => {
    const text = hoverMarkdown(at.model, resolveAt(at.model, at.file, at.offset)!)!;
    assert.match(text, /\| vec \| vector\(1536\) \| {2}\| 0001_create\.sql:6 \|/);
    assert.match(text, /chunks_embedding_idx: hnsw \(vec vector_cosine_ops\) — 0002_index\.sql:2/);
    assert.doesNotMatch(text, /embedding \|/);
  }));

  it('outlines UP and DOWN with the objects each statement creates or changes', () => atCursor(withCursor('2', M2.replace('-- UP', '|-- UP')), (at) => {
    const outline = documentSymbols(at.model, at.file).map((s) => `${s.name}: ${s.children.map((c) => `${c.kind} ${c.name}[${c.children.map((g) => g.name).join(',')}]`).join('; ')}`);
    assert.deepEqual(outline, [
      'UP: index chunks_embedding_idx[]; column vec[]',
      'DOWN: column embedding[]; index chunks_embedding_idx[]',
    ]);
  }));

  it('finds every table, column and index of the history by name', () => atCursor(withCursor('1', `|${M1}`), (at) => {
    assert.deepEqual(workspaceSymbols(at.model, 'chunks').map((s) => `${s.kind} ${s.container}.${s.name}`), [
      'table 0001_create.sql.chunks', 'column chunks.id', 'column chunks.document_id', 'column chunks.embedding', 'index chunks.chunks_embedding_idx',
    ]);
    assert.deepEqual(workspaceSymbols(at.model, 'documents').map((s) => `${s.kind} ${s.name}`)[0], 'table documents');
  }));

  it('renames a column of a pending migration there and in the later ones', () => atCursor(withCursor('3', M3.replace('COLUMN vec SET', 'COLUMN v|ec SET')), (at) => {
    const plan = planRename(at.model, at.file, at.offset, 'embedding_v2', { isApplied: (v) => v === '0001', author: 'a', now: new Date(0) });
    // 0001 created the column: applied, so the rename is a new migration, never an edit of 0001.
    assert.equal(plan.kind, 'new-migration');
    if (plan.kind !== 'new-migration') return;
    assert.equal(path.basename(plan.files[0].file), '0004_rename_vec_to_embedding_v2.sql');
    assert.match(plan.files[0].text, /BEGIN;\n\nALTER TABLE chunks RENAME COLUMN vec TO embedding_v2;\n[^]*DOWN Migration\nBEGIN;\n\nALTER TABLE chunks RENAME COLUMN embedding_v2 TO vec;/);
  }));

  it('edits every pending use of a column that a pending migration created', () => atCursor(withCursor('3', M3.replace('COLUMN vec SET', 'COLUMN v|ec SET')), (at) => {
    const plan = planRename(at.model, at.file, at.offset, 'embedding_v2', { isApplied: () => false, author: 'a', now: new Date(0) });
    assert.equal(plan.kind, 'edits');
    if (plan.kind !== 'edits') return;
    assert.equal(plan.edits.length, 8);
    assert.ok(plan.edits.every((e) => e.newText === 'embedding_v2'));
  }));
});
