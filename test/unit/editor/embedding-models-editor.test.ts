import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadConfigFile } from '../../../src/core/config/config';
import { embeddingFor } from '../../../src/core/config/embedding-models';
import { ensureParser, LintSessions } from '../../../src/core/editor/lint-session';
import { applyEdits } from '../../../src/core/format/migration-format';
import { migrationFile, tempProject } from '../../support/projects';

const FILE_ITEMS = migrationFile(
  'CREATE TABLE file_items (id bigint PRIMARY KEY, openai_embedding vector(1536), local_embedding vector(384));',
  'DROP TABLE file_items;', '0001_create_file_items.sql',
);

describe('several embedding models in the editor', () => {
  before(ensureParser);

  it('offers "Declare this column as model minilm" beside the type fix, and the edited config claims the column', () => {
    const p = tempProject({ '0001_create_file_items.sql': FILE_ITEMS }, { embeddings: { openai: { dimensions: 1536, columns: ['*.openai_embedding'] }, minilm: { dimensions: 384 } } });
    try {
      const file = path.join(p.migrationsDir, '0001_create_file_items.sql');
      const session = new LintSessions(() => [])
        .sessionFor(file)!;
      const [found] = session.lint(new Map()).byFile.get(file)!.filter((f) => f.finding.rule === 'vector-dimension-mismatch');
      assert.equal(found.fix?.title, 'Change to vector(1536)');
      assert.deepEqual(found.declarations?.map((d) => d.title), ['Declare this column as model minilm']);
      const configFile = path.join(p.dir, 'pgvector-migrator.json');
      fs.writeFileSync(configFile, applyEdits(fs.readFileSync(configFile, 'utf8'), found.declarations![0].edits));
      const config = loadConfigFile(configFile).config;
      assert.deepEqual(config.embeddings.find((m) => m.name === 'minilm')?.columns, ['file_items.local_embedding']);
      assert.equal(embeddingFor(config, 'public.file_items', 'local_embedding').model?.name, 'minilm');
      const after = new LintSessions(() => []).sessionFor(file)!.lint(new Map()).byFile.get(file)!;
      assert.deepEqual(after.filter((f) => f.finding.rule === 'vector-dimension-mismatch'), []);
    } finally {
      p.cleanup();
    }
  });

  it('names the model in the hover of a vector column', () => {
    const p = tempProject({ '0001_create_file_items.sql': FILE_ITEMS }, { embeddings: { openai: { dimensions: 1536, columns: ['*.openai_embedding'] }, minilm: { dimensions: 384, columns: ['*.local_embedding'] } } });
    try {
      const file = path.join(p.migrationsDir, '0001_create_file_items.sql');
      const session = new LintSessions(() => []).sessionFor(file)!;
      session.lint(new Map());
      const offset = FILE_ITEMS.indexOf('local_embedding vector') + 3;
      assert.equal(session.embeddingAt(file, offset)?.text, '**local_embedding**: model minilm, 384 dims, cosine (claimed by `*.local_embedding` in pgvector-migrator.json)');
      assert.equal(session.embeddingAt(file, FILE_ITEMS.indexOf('bigint')), undefined);
    } finally {
      p.cleanup();
    }
  });
});
