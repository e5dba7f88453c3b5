import * as assert from 'node:assert/strict';
import { distanceIn, operatorOfOpclass, PlanNode, planLines, planSummary, unindexedScans } from '../../src/core/schema/plan';
import { sampleValue } from '../../src/core/schema/query-patterns';

const seqScanSorted: PlanNode = {
  'Node Type': 'Limit',
  Plans: [{
    'Node Type': 'Sort', 'Sort Key': ['((embedding <-> $1))'],
    Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'chunks', Alias: 'chunks' }],
  }],
};
const hnswScan: PlanNode = {
  'Node Type': 'Limit',
  Plans: [{ 'Node Type': 'Index Scan', 'Index Name': 'chunks_embedding_idx', 'Relation Name': 'chunks', Alias: 'c', 'Order By': '(embedding <=> $1)' }],
};
const fullIndexWalk: PlanNode = {
  'Node Type': 'Index Scan', 'Index Name': 'documents_pkey', 'Relation Name': 'documents', Alias: 'documents', Filter: "(title = 'x'::text)",
};
const join: PlanNode = {
  'Node Type': 'Nested Loop', 'Join Type': 'Inner',
  Plans: [
    { 'Node Type': 'Index Scan', 'Index Name': 'documents_pkey', 'Relation Name': 'documents', Alias: 'd', 'Index Cond': '(id = $1)' },
    { 'Node Type': 'Bitmap Heap Scan', 'Relation Name': 'chunks', Alias: 'c', 'Recheck Cond': '(document_id = $1)', Plans: [
      { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'chunks_document_id_idx', 'Index Cond': '(document_id = $1)' },
    ] },
  ],
};

describe('reading a query plan', () => {
  const summaries: { what: string; plan: PlanNode; summary: string; unindexed: string[] }[] = [
    { what: 'a sort over a sequential scan', plan: seqScanSorted, summary: 'Limit → Sort (Sort Key: embedding <-> $1) → Seq Scan on chunks', unindexed: ['chunks'] },
    { what: 'an HNSW index scan ordered by distance', plan: hnswScan, summary: 'Limit → Index Scan using chunks_embedding_idx on chunks (Order By: embedding <=> $1)', unindexed: [] },
    { what: 'an index walked end to end only to filter rows', plan: fullIndexWalk, summary: "Index Scan using documents_pkey on documents (Filter: title = 'x'::text)", unindexed: ['documents'] },
    {
      what: 'a join whose both sides use an index', plan: join, unindexed: [],
      summary: 'Nested Loop → Index Scan using documents_pkey on documents (Index Cond: id = $1) → Bitmap Heap Scan on chunks → Bitmap Index Scan on chunks_document_id_idx (Index Cond: document_id = $1)',
    },
  ];
  for (const c of summaries) {
    it(`summarises ${c.what} and names the tables read without an index`, () => {
      assert.equal(planSummary(c.plan), c.summary);
      assert.deepEqual(unindexedScans(c.plan).map((s) => s.table), c.unindexed);
    });
  }

  it('shows the plan as an indented tree for the hover', () => {
    assert.deepEqual(planLines(seqScanSorted), ['Limit', '  -> Sort (Sort Key: embedding <-> $1)', '    -> Seq Scan on chunks']);
  });

  const distances: { text: string; expected: ReturnType<typeof distanceIn> }[] = [
    { text: '(embedding <-> $1)', expected: { column: 'embedding', operator: '<->', bare: true, descending: false, text: 'embedding <-> $1' } },
    { text: 'c.embedding <=> $1 DESC', expected: { column: 'embedding', operator: '<=>', bare: true, descending: true, text: 'c.embedding <=> $1' } },
    { text: '((1)::double precision - (embedding <=> $1))', expected: { column: 'embedding', operator: '<=>', bare: false, descending: false, text: '(1)::double precision - (embedding <=> $1)' } },
    { text: '((embedding)::halfvec(3) <#> $1)', expected: { column: 'embedding', operator: '<#>', bare: true, descending: false, text: '(embedding)::halfvec(3) <#> $1' } },
    { text: 'created_at DESC', expected: undefined },
  ];
  for (const c of distances) {
    it(`reads the distance in "${c.text}"`, () => assert.deepEqual(distanceIn(c.text), c.expected));
  }

  const opclasses: [string, string | undefined][] = [
    ['vector_l2_ops', '<->'], ['vector_cosine_ops', '<=>'], ['halfvec_ip_ops', '<#>'], ['sparsevec_l1_ops', '<+>'],
    ['bit_hamming_ops', '<~>'], ['bit_jaccard_ops', '<%>'], ['int8_ops', undefined],
  ];
  for (const [opclass, operator] of opclasses) {
    it(`knows that ${opclass} serves ${operator ?? 'no distance operator'}`, () => assert.equal(operatorOfOpclass(opclass), operator));
  }
});

describe('sample values for query parameters', () => {
  const cases: [string, number, string][] = [
    ['vector', 3, "'[0.1,0.2,0.3]'::vector"],
    ['halfvec', 2, "'[0.1,0.2]'::halfvec"],
    ['sparsevec', 5, "'{1:0.5}/5'::sparsevec"],
    ['bigint', 3, '1::bigint'],
    ['text', 3, "'sample'::text"],
    ['timestamp with time zone', 3, "'2026-01-01'::timestamp with time zone"],
    ['text[]', 3, "'{}'::text[]"],
    ['tsquery', 3, 'NULL::tsquery'],
  ];
  for (const [type, dimensions, literal] of cases) {
    it(`binds a ${type} parameter as ${literal}`, () => assert.equal(sampleValue(type, dimensions), literal));
  }
});
