import * as assert from 'node:assert/strict';
import { ensureParser } from '../../src/core/sql/parser';
import { splitStatements } from '../../src/core/sql/split';
import { indexesBuiltBy } from '../../src/core/runner/built-indexes';

describe('the indexes a migration builds', () => {
  before(ensureParser);

  const cases: { sql: string; expected: string[] }[] = [
    { sql: 'CREATE INDEX CONCURRENTLY items_idx ON items (id);', expected: ['items_idx'] },
    { sql: 'CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS Items_Key ON ONLY app.items (label);', expected: ['app.items_key'] },
    { sql: 'CREATE INDEX "My Idx" ON "App"."Items" USING hnsw (embedding vector_l2_ops);', expected: ['"App"."My Idx"'] },
    { sql: 'CREATE INDEX ON items (id); CREATE INDEX CONCURRENTLY ON items (label);', expected: [] },
    { sql: 'CREATE TABLE t (id int); DROP INDEX CONCURRENTLY old_idx; CREATE INDEX a ON t (id); CREATE INDEX a ON t (id);', expected: ['a'] },
  ];
  for (const c of cases) {
    it(`finds ${c.expected.length === 0 ? 'no named index' : c.expected.join(', ')} in ${c.sql}`, () => {
      assert.deepEqual(indexesBuiltBy(splitStatements(c.sql).statements), c.expected);
    });
  }
});
