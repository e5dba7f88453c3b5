import * as assert from 'node:assert/strict';
import type { Catalog, Column, Table } from '../../src/core/validate/catalog';
import { parseConfig } from '../../src/core/config/config';
import { compareVersions, distanceOfOpclass, extensionVersion, indexCoverage, modelDistances } from '../../src/core/validate/catalog-checks';

function table(columns: Column[]): Table {
  return { oid: '1', schema: 'public', name: 'chunks', display: 'public.chunks', quoted: 'public.chunks', literal: "'public.chunks'", columns, primaryKey: [] };
}

function catalog(over: Partial<Catalog>): Catalog {
  return { tables: [], annIndexes: [], invalidIndexes: [], constraints: [], sequences: [], uniqueKeys: [], searchPath: ['public'], ...over };
}

const embedding: Column = { attnum: 2, name: 'embedding', quoted: 'embedding', vectorType: 'vector', dimensions: 768, notNull: false };
const wide: Column = { attnum: 3, name: 'wide', quoted: 'wide', vectorType: 'vector', dimensions: 3072, notNull: false };

describe('checks the catalog answers alone', () => {
  const opclasses: [string, string | undefined][] = [
    ['vector_cosine_ops', 'cosine'], ['halfvec_ip_ops', 'inner_product'], ['vector_l2_ops', 'l2'],
    ['sparsevec_l1_ops', 'l1'], ['bit_hamming_ops', 'hamming'], ['bit_jaccard_ops', 'jaccard'], ['int4_ops', undefined],
  ];
  for (const [opclass, distance] of opclasses) {
    it(`reads ${opclass} as serving ${distance ?? 'no vector distance'}`, () => assert.equal(distanceOfOpclass(opclass), distance));
  }

  const versions: [string, string, number][] = [['0.8.0', '0.8.0', 0], ['0.7.4', '0.8.0', -1], ['0.10.0', '0.9.1', 1], ['0.8', '0.8.0', 0]];
  for (const [a, b, order] of versions) {
    it(`orders pgvector ${a} ${order < 0 ? 'before' : order > 0 ? 'after' : 'with'} ${b}`, () => assert.equal(compareVersions(a, b), order));
  }

  const extensions: [string, Catalog['extension'], string, string][] = [
    ['older than the project targets', { version: '0.7.0', available: '0.8.0', quotedSchema: 'public' }, 'fail', 'pgvector 0.7.0 is installed, but the project targets 0.8.0 (pgvectorVersion) and the server offers 0.8.0'],
    ['older than the server offers', { version: '0.8.0', available: '0.8.1', quotedSchema: 'public' }, 'fail', 'pgvector 0.8.0 is installed, but the server offers 0.8.1'],
    ['current', { version: '0.8.0', available: '0.8.0', quotedSchema: 'public' }, 'pass', 'pgvector 0.8.0 is installed (the project targets 0.8.0, the server offers 0.8.0)'],
    ['missing', undefined, 'pass', 'pgvector is not installed in this database; nothing to compare'],
  ];
  for (const [what, extension, status, message] of extensions) {
    it(`reports a pgvector that is ${what}`, () => {
      const [r] = extensionVersion(catalog({ extension }), '0.8.0');
      assert.deepEqual([r.status, r.message], [status, message]);
      if (status === 'fail') assert.match(r.remediation!, /^ALTER EXTENSION vector UPDATE;$/m);
    });
  }

  it('says when the server cannot offer the version the project targets', () => {
    const [r] = extensionVersion(catalog({ extension: { version: '0.6.0', available: '0.6.0', quotedSchema: 'public' } }), '0.8.0');
    assert.match(r.remediation!, /the server's packages offer only 0\.6\.0: install pgvector 0\.8\.0 or later/);
  });

  it('finds a vector column without an ANN index and proposes one for the declared distance', () => {
    const [r] = indexCoverage(catalog({ tables: [table([embedding])] }), 'inner_product');
    assert.deepEqual([r.status, r.column, r.remediation], ['fail', 'embedding', 'CREATE INDEX CONCURRENTLY ON public.chunks USING hnsw (embedding vector_ip_ops);']);
  });

  it('proposes a halfvec expression index for a column too wide for HNSW on vector', () => {
    const [r] = indexCoverage(catalog({ tables: [table([wide])] }), undefined);
    assert.match(r.remediation!, /USING hnsw \(\(wide::halfvec\(3072\)\) halfvec_cosine_ops\);$/);
  });

  it('fails an index whose operator class serves another distance than the declared one', () => {
    const annIndexes = [{ tableOid: '1', name: 'chunks_l2_idx', quoted: 'public.chunks_l2_idx', method: 'hnsw', opclass: 'vector_l2_ops', attnums: [2] }];
    const declared = indexCoverage(catalog({ tables: [table([embedding])], annIndexes }), 'cosine');
    assert.deepEqual([declared[0].status, declared[0].message], ['fail', 'embedding.distance is cosine, but chunks_l2_idx (hnsw, vector_l2_ops) serves another distance: a search ordered by <=> cannot use it']);
    const undeclared = indexCoverage(catalog({ tables: [table([embedding])], annIndexes }), undefined);
    assert.deepEqual([undeclared[0].status, undeclared[0].message], ['pass', 'indexed by chunks_l2_idx (hnsw, vector_l2_ops)']);
  });

  it('judges each column by the distance of the model that claims it', () => {
    const annIndexes = [{ tableOid: '1', name: 'chunks_l2_idx', quoted: 'public.chunks_l2_idx', method: 'hnsw', opclass: 'vector_l2_ops', attnums: [2] }];
    const models = (distance: string) => modelDistances(parseConfig(JSON.stringify({ embeddings: { local: { distance, columns: ['chunks.embedding'] } } }), 'c.json'));
    assert.equal(indexCoverage(catalog({ tables: [table([embedding])], annIndexes }), models('l2'))[0].status, 'pass');
    const [r] = indexCoverage(catalog({ tables: [table([embedding])], annIndexes }), models('cosine'));
    assert.match(r.message, /^embeddings\.local\.distance is cosine, but chunks_l2_idx/);
  });
});
