import * as assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config/config';
import { ensureParser } from '../../src/core/sql/parser';
import { loadMigrationSet } from '../../src/core/migrations/discover';
import { embeddingChangeFiles, planEmbeddingChange } from '../../src/core/migrations/embedding-change';
import { migrationFile, tempProject } from '../support/projects';

const CONFIG = parseConfig(JSON.stringify({ embeddings: { small: { dimensions: 1536, columns: ['*.embedding'] }, large: { dimensions: 3072, distance: 'cosine' }, mini: { dimensions: 384, type: 'vector' } } }), 'c.json');
const CHUNKS = migrationFile([
  'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536) NOT NULL);',
  'CREATE INDEX chunks_ip_idx ON chunks USING ivfflat (embedding vector_ip_ops) WITH (lists = 100) WHERE embedding IS NOT NULL;',
].join('\n'), 'DROP TABLE chunks;', '0001_chunks.sql');

describe('the migrations of an embedding model change', () => {
  before(ensureParser);
  const request = (model: string) => ({ target: 'chunks.embedding', model, author: 't', now: new Date('2026-01-05T12:00:00Z') });

  const cases: [string, string, string, string][] = [
    ['a model wider than an index on vector holds becomes halfvec', 'large', 'halfvec(3072)', 'halfvec_ip_ops'],
    ['a model that fits stays vector', 'mini', 'vector(384)', 'vector_ip_ops'],
  ];
  for (const [what, model, type, opclass] of cases) {
    it(`keeps the old index's method, distance, options and predicate: ${what}`, () => {
      const p = tempProject({ '0001_chunks.sql': CHUNKS });
      try {
        const plan = planEmbeddingChange(loadMigrationSet(p.migrationsDir, 'auto'), CONFIG, request(model));
        assert.deepEqual([plan.newType, plan.newIndex.method, plan.newIndex.opclass, plan.newIndex.options, plan.newIndex.predicate],
          [type, 'ivfflat', opclass, { lists: 100 }, `embedding_${model} IS NOT NULL`]);
      } finally {
        p.cleanup();
      }
    });
  }

  it('drops NOT NULL from the old column in the contract, so the application may stop writing it', () => {
    const p = tempProject({ '0001_chunks.sql': CHUNKS });
    try {
      const set = loadMigrationSet(p.migrationsDir, 'auto');
      const files = embeddingChangeFiles(set, planEmbeddingChange(set, CONFIG, request('large')), request('large'));
      assert.deepEqual(files.map(([n]) => n), ['0002_expand_chunks_embedding_to_large.sql', '0003_index_chunks_embedding_large.sql', '0004_contract_chunks_embedding_to_large.sql', '0005_drop_chunks_embedding_previous.sql']);
      assert.match(files[2][1], /^ALTER TABLE chunks ALTER COLUMN embedding_previous DROP NOT NULL;$/m);
      assert.match(files[2][1], /^-- Requires: SELECT count\(embedding_large\) AS done, count\(\*\) FILTER \(WHERE embedding IS NOT NULL OR embedding_large IS NOT NULL\) AS total FROM chunks$/m);
    } finally {
      p.cleanup();
    }
  });

  const refusals: [string, RegExp][] = [
    ['nowhere', /expected TABLE\.COLUMN/],
    ['chunks.nothing', /the migrations create no such column/],
    ['chunks.id', /the column is int8, not a vector column/],
  ];
  for (const [target, message] of refusals) {
    it(`refuses ${target} with what to do`, () => {
      const p = tempProject({ '0001_chunks.sql': CHUNKS });
      try {
        assert.throws(() => planEmbeddingChange(loadMigrationSet(p.migrationsDir, 'auto'), CONFIG, { ...request('large'), target }), message);
      } finally {
        p.cleanup();
      }
    });
  }

  it('refuses a model the config does not declare, naming the ones it does', () => {
    const p = tempProject({ '0001_chunks.sql': CHUNKS });
    try {
      assert.throws(() => planEmbeddingChange(loadMigrationSet(p.migrationsDir, 'auto'), CONFIG, request('huge')), (e: Error & { fix?: string }) => /declares no such model/.test(e.message) && e.fix === 'use one of: small, large, mini, or declare it');
    } finally {
      p.cleanup();
    }
  });
});
