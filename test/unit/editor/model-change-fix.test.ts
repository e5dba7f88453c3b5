import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureParser, LintSessions } from '../../../src/core/editor/lint-session';
import { applyEdits } from '../../../src/core/format/migration-format';
import { migrationFile, tempProject } from '../../support/projects';

const CHUNKS = migrationFile(
  'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));\nCREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);',
  'DROP TABLE chunks;', '0001_chunks.sql',
);
const IN_PLACE = (statement: string) => migrationFile(`BEGIN;\n${statement}\nCOMMIT;`, 'SELECT 1;', '0002_bigger_model.sql');
const MODELS = { small: { dimensions: 1536, columns: ['*.embedding'] }, large: { dimensions: 3072 }, 'large-half': { dimensions: 3072, type: 'halfvec' }, mini: { dimensions: 384 } };

function inPlaceFinding(statement: string) {
  const p = tempProject({ '0001_chunks.sql': CHUNKS, '0002_bigger_model.sql': IN_PLACE(statement) }, { embeddings: MODELS });
  const file = path.join(p.migrationsDir, '0002_bigger_model.sql');
  const session = new LintSessions(() => []).sessionFor(file)!;
  const found = session.lint(new Map()).byFile.get(file)!.find((f) => f.finding.rule === 'vector-type-change-in-place');
  return { p, file, session, found };
}

describe('the quick fix of an embedding model changed in place', () => {
  before(ensureParser);

  const offers: [string, string, string[]][] = [
    ['a halfvec of 3072 fits both 3072 models (a wide vector model is written as halfvec)', 'halfvec(3072)', ['large', 'large-half']],
    ['a vector of 384 fits the 384 model', 'vector(384)', ['mini']],
    ['a size no model has gets no fix', 'vector(768)', []],
  ];
  for (const [what, type, models] of offers) {
    it(`offers the scaffold for each model the new type fits: ${what}`, () => {
      const { p, found } = inPlaceFinding(`ALTER TABLE chunks ALTER COLUMN embedding TYPE ${type};`);
      try {
        assert.ok(found, 'the rule reports the statement');
        assert.deepEqual((found.modelChanges ?? []).map((c) => c.offer.title), models.map((m) => `Write the expand/contract migrations for model ${m} instead`));
      } finally {
        p.cleanup();
      }
    });
  }

  it('writes the migrations planned from the column as it was, and deletes the in-place statement', () => {
    const { p, file, session, found } = inPlaceFinding('ALTER TABLE chunks ALTER COLUMN embedding TYPE halfvec(3072);');
    try {
      const [change] = found!.modelChanges!;
      const files = session.writeModelChange(change, new Map(), 'tester', new Date('2026-01-05T12:00:00Z'));
      assert.deepEqual(files.map((f) => path.basename(f)), ['0003_expand_chunks_embedding_to_large.sql', '0004_index_chunks_embedding_large.sql', '0005_contract_chunks_embedding_to_large.sql', '0006_drop_chunks_embedding_previous.sql']);
      const expand = fs.readFileSync(files[0], 'utf8');
      assert.match(expand, /^ALTER TABLE chunks ADD COLUMN embedding_large halfvec\(3072\);$/m);
      assert.match(expand, /\(vector\(1536\) -> halfvec\(3072\)\)/);
      assert.match(fs.readFileSync(files[1], 'utf8'), /USING hnsw \(embedding_large halfvec_cosine_ops\)/);
      const edited = applyEdits(fs.readFileSync(file, 'utf8'), change.removal!.edits);
      assert.doesNotMatch(edited, /ALTER COLUMN/);
      assert.match(edited, /^BEGIN;\nCOMMIT;$/m);
    } finally {
      p.cleanup();
    }
  });

  it('leaves a statement that does something else besides to the user', () => {
    const { p, found } = inPlaceFinding('ALTER TABLE chunks ALTER COLUMN embedding TYPE vector(384), ADD COLUMN title text;');
    try {
      assert.deepEqual(found!.modelChanges!.map((c) => [c.offer.model, c.removal]), [['mini', undefined]]);
    } finally {
      p.cleanup();
    }
  });
});
