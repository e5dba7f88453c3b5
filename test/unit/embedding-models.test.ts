import * as assert from 'node:assert/strict';
import { parseConfig } from '../../src/core/config/config';
import { describeEmbedding, embeddingFor, unmatchedGlobs } from '../../src/core/config/embedding-models';

const config = (json: unknown) => parseConfig(JSON.stringify(json), 'pgvector-migrator.json');
const TWO = config({
  embeddings: {
    'openai-3-small': { dimensions: 1536, columns: ['*.embedding', '*.openai_embedding'] },
    minilm: { dimensions: 384, distance: 'l2', columns: ['*.local_embedding', 'archive.chunks.embedding'] },
  },
});

describe('which embedding model claims a column', () => {
  const cases: [string, string, string, string | undefined, number | undefined][] = [
    ['a two-part glob, any schema', 'public.file_items', 'local_embedding', 'minilm', 384],
    ['a three-part glob over a wildcard of another model', 'archive.chunks', 'embedding', 'minilm', 384],
    ['the first model for a column no model claims', 'public.images', 'image_embedding', 'openai-3-small', 1536],
    ['a wildcard within the column part', 'public.chunks', 'openai_embedding', 'openai-3-small', 1536],
  ];
  for (const [what, table, column, model, dims] of cases) {
    it(`resolves ${table}.${column} by ${what}`, () => {
      const e = embeddingFor(TWO, table, column);
      assert.equal(e.model?.name, model);
      assert.equal(e.dimensions, dims);
    });
  }

  it('keeps the single embedding form as the model of every column', () => {
    const e = embeddingFor(config({ embedding: { dimensions: 768, distance: 'l2' } }), 'public.t', 'anything');
    assert.deepEqual(e, { dimensions: 768, distance: 'l2' });
  });

  it('checks unclaimed columns against embedding, not the first model, when both are given', () => {
    const both = config({ embedding: { dimensions: 3072 }, embeddings: { minilm: { dimensions: 384, columns: ['*.local_embedding'] } } });
    assert.equal(embeddingFor(both, 'public.t', 'embedding').dimensions, 3072);
    assert.equal(embeddingFor(both, 'public.t', 'local_embedding').dimensions, 384);
  });

  it('describes the model for a hover', () => {
    assert.equal(describeEmbedding(embeddingFor(TWO, 'public.file_items', 'local_embedding')), 'model minilm, 384 dims, l2');
  });

  it('names each glob that matches no column of the schema', () => {
    const columns = [{ table: 'public.chunks', column: 'embedding' }, { table: 'public.file_items', column: 'local_embedding' }];
    assert.deepEqual(unmatchedGlobs(TWO, columns), [
      { model: 'openai-3-small', glob: '*.openai_embedding' },
      { model: 'minilm', glob: 'archive.chunks.embedding' },
    ]);
  });
});
