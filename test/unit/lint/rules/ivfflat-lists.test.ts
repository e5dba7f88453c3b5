import * as assert from 'node:assert/strict';
import { ivfflatLists, recommendedLists } from '../../../../src/core/lint/rules/ivfflat-lists';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const IVFFLAT = 'CREATE INDEX ON chunks USING ivfflat (embedding vector_cosine_ops)';
const TABLE = 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(3));\n';

describe('recommendedLists', () => {
  const cases: [number, number][] = [[0, 1], [1500, 2], [100_000, 100], [1_000_000, 1000], [4_000_000, 2000]];
  for (const [rows, lists] of cases) {
    it(`recommends ${lists} lists for ${rows} rows`, () => assert.equal(recommendedLists(rows), lists));
  }
});

ruleTester(ivfflatLists, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    `${IVFFLAT} WITH (lists = 100);`,
    `${IVFFLAT} WITH (lists = 32768);`,
    { name: 'lists near rows / 1000 for rows the migration generates', sql: `${TABLE}INSERT INTO chunks (id, embedding) SELECT g, '[1,2,3]' FROM generate_series(1, 200000) g;\n${IVFFLAT} WITH (lists = 200);` },
    { name: 'rows loaded by COPY (count unknown)', sql: `${TABLE}COPY chunks FROM '/data/chunks.csv';\n${IVFFLAT} WITH (lists = 5000);` },
    { name: 'an HNSW index', sql: 'CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);' },
  ],
  invalid: [
    {
      name: 'an index without lists, at USING ivfflat',
      sql: `${IVFFLAT};`,
      errors: [{ line: 1, column: 24, endColumn: 37, message: 'IVFFlat index without lists: pgvector uses 100 lists whatever the size of chunks' }],
    },
    {
      name: 'lists of 0 and above 32768',
      files: { '0001_a.sql': `${IVFFLAT} WITH (lists = 0);`, '0002_b.sql': `${IVFFLAT} WITH (lists = 50000);` },
      errors: [
        { file: '0001_a.sql', line: 1, column: 74, endColumn: 83, message: 'lists = 0 is not an integer from 1 to 32768: the index build fails' },
        { file: '0002_b.sql', line: 1, column: 74, message: /^lists = 50000 is not an integer/ },
      ],
    },
    {
      name: 'many lists for the few rows the migrations insert',
      sql: `${TABLE}INSERT INTO chunks VALUES (1, '[1,2,3]'), (2, '[3,2,1]');\n${IVFFLAT}\n  WITH (lists = 100);`,
      errors: [{ line: 4, column: 9, endColumn: 20, message: 'lists = 100 is far from the 1 recommended for the 2 rows the migrations load into chunks' }],
    },
    {
      name: 'too few lists for millions of generated rows',
      sql: `${TABLE}INSERT INTO chunks SELECT g, '[1,2,3]' FROM generate_series(1, 4000000) g;\n${IVFFLAT} WITH (lists = 100);`,
      errors: [{ line: 3, column: 74, message: /^lists = 100 is far from the 2000 recommended for the 4000000 rows/ }],
    },
  ],
});
