import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { completionsAt, definitionOf, hoverMarkdown, nameRange, ProjectModel, referencesOf, resolveAt } from '../../../src/core/language';
import { ensureParser, parseMigrationSet } from '../../../src/core/lint/engine';
import { withMigrationSet } from '../lint/temp-migrations';
import { CONFIG, lineOf } from './cursor-fixture';

const MIGRATIONS = {
  '0001_create.sql': `-- UP Migration
CREATE TABLE documents (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE chunks (
  id bigint PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  body text,
  embedding vector(1536)
);
-- DOWN Migration
DROP TABLE chunks;
DROP TABLE documents;
`,
  '0002_index.sql': `-- UP Migration
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);
ALTER TABLE chunks DROP COLUMN body;
-- DOWN Migration
DROP INDEX chunks_embedding_idx;
`,
};

/** A spec with a DDL block and a query block; `|` marks the cursor in one of them. */
const spec = (ddl: string, query = 'SELECT id FROM chunks;') => `# Architecture

Prose that mentions chunks outside any block.

\`\`\`sql
${ddl}
\`\`\`

## Query patterns

\`\`\`sql
${query}
\`\`\`
`;

interface InSpec {
  model: ProjectModel;
  file: string;
  offset: number;
}

/** The model of MIGRATIONS with the spec's text given as the editor's, and the cursor in it. */
function inSpec<T>(marked: string, fn: (at: InSpec) => T): T {
  const offset = marked.indexOf('|');
  return withMigrationSet(MIGRATIONS, (set, dir) => {
    const file = path.join(dir, 'docs', 'ARCHITECTURE_V2.md');
    const model = new ProjectModel(parseMigrationSet(set), CONFIG, { file, text: marked.replace('|', '') });
    return fn({ model, file, offset });
  });
}

describe('language features in the SQL blocks of the architecture spec', () => {
  before(ensureParser);

  const COMPLETIONS: { name: string; text: string; labels: string[] }[] = [
    { name: 'offers the tables of the last migration after FROM in a query block', text: spec('SELECT 1;', 'SELECT id FROM |'), labels: ['documents', 'chunks'] },
    { name: 'offers the columns as the whole history leaves them (a dropped column is gone)', text: spec('SELECT 1;', 'SELECT | FROM chunks'), labels: ['id', 'document_id', 'embedding'] },
    { name: 'offers index names after DROP INDEX in a DDL block', text: spec('DROP INDEX |'), labels: ['chunks_embedding_idx'] },
    { name: 'offers the columns of the table in a DDL block of the spec', text: spec('ALTER TABLE chunks ALTER COLUMN |'), labels: ['id', 'document_id', 'embedding'] },
    { name: 'offers nothing in the prose around the blocks', text: spec('SELECT 1;').replace('mentions chunks', 'mentions | chunks'), labels: [] },
  ];
  for (const c of COMPLETIONS) {
    it(c.name, () => inSpec(c.text, (at) => {
      assert.deepEqual(completionsAt(at.model, at.file, at.offset).map((e) => e.label), c.labels);
    }));
  }

  const DEFINITIONS: { name: string; text: string; at: string }[] = [
    { name: 'goes from a table in a query block to its CREATE TABLE', text: spec('SELECT 1;', 'SELECT id FROM chu|nks;'), at: '0001_create.sql:3' },
    { name: 'goes from a column in a query block to the statement that created it', text: spec('SELECT 1;', 'SELECT embe|dding FROM chunks;'), at: '0001_create.sql:7' },
    { name: 'goes from an index in a DDL block to its CREATE INDEX', text: spec('DROP INDEX chunks_embe|dding_idx;'), at: '0002_index.sql:2' },
  ];
  for (const c of DEFINITIONS) {
    it(c.name, () => inSpec(c.text, (at) => {
      const resolved = resolveAt(at.model, at.file, at.offset);
      assert.ok(resolved, 'the name resolves');
      const range = nameRange(at.model, definitionOf(resolved)!, resolved.object.kind === 'index' ? resolved.object.index : undefined);
      assert.equal(`${path.basename(range.file)}:${lineOf(at.model, range.file, range.start)}`, c.at);
    }));
  }

  it('lists the references of a table in the migrations from a spec block', () => inSpec(spec('SELECT 1;', 'SELECT id FROM d|ocuments;'), (at) => {
    const refs = referencesOf(at.model, resolveAt(at.model, at.file, at.offset)!);
    assert.deepEqual(refs.map((r) => `${path.basename(r.file)}:${lineOf(at.model, r.file, r.start)}`), ['0001_create.sql:2', '0001_create.sql:5', '0001_create.sql:11']);
  }));

  it('hovers a table with the columns the last migration leaves', () => inSpec(spec('SELECT 1;', 'SELECT id FROM chu|nks;'), (at) => {
    const md = hoverMarkdown(at.model, resolveAt(at.model, at.file, at.offset)!)!;
    assert.match(md, /\*\*table chunks\*\* — created 0001_create\.sql:3/);
    assert.doesNotMatch(md, /\| body \|/);
  }));

  it('resolves nothing in the prose of the spec', () => inSpec(spec('SELECT 1;').replace('mentions chunks', 'mentions chu|nks'), (at) => {
    assert.equal(resolveAt(at.model, at.file, at.offset), undefined);
  }));
});
