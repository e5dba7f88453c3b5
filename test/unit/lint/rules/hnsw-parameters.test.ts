import { hnswParameters } from '../../../../src/core/lint/rules/hnsw-parameters';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const HNSW = 'CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops)';

ruleTester(hnswParameters, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    `${HNSW};`,
    `${HNSW} WITH (m = 2, ef_construction = 4);`,
    `${HNSW} WITH (m = 100, ef_construction = 1000);`,
    `${HNSW} WITH (m = 32);`,
    `${HNSW} WITH (m = '24', ef_construction = '200');`,
    { name: 'IVFFlat options', sql: 'CREATE INDEX ON chunks USING ivfflat (embedding vector_cosine_ops) WITH (lists = 1000);' },
    { name: 'a btree index with fillfactor', sql: 'CREATE INDEX ON chunks (id) WITH (fillfactor = 1);' },
  ],
  invalid: [
    {
      name: 'm above 100, on the parameter',
      sql: `${HNSW} WITH (m = 200, ef_construction = 400);`,
      errors: [{ line: 1, column: 71, endColumn: 78, message: "m = 200 is outside pgvector's bounds 2..100: the index build fails" }],
      output: null,
    },
    {
      name: 'ef_construction below 4 and above 1000',
      files: { '0001_a.sql': `${HNSW} WITH (ef_construction = 2);`, '0002_b.sql': `${HNSW} WITH (m = 16, ef_construction = 2000);` },
      errors: [
        { file: '0001_a.sql', line: 1, column: 71, endColumn: 90, message: /^ef_construction = 2 is outside pgvector's bounds 4\.\.1000/ },
        { file: '0002_b.sql', line: 1, column: 79, message: /^ef_construction = 2000 is outside/ },
      ],
    },
    {
      name: 'ef_construction below 2 * m',
      sql: `${HNSW}\n  WITH (m = 32, ef_construction = 40);`,
      errors: [{ line: 2, column: 17, endColumn: 37, message: 'ef_construction = 40 is below 2 * m (64): pgvector refuses to build the index' }],
    },
    {
      name: 'm above 32 with the default ef_construction',
      sql: `${HNSW} WITH (m = 48);`,
      errors: [{ line: 1, column: 71, message: 'm = 48 needs ef_construction of at least 96, but it is left at its default of 64' }],
    },
    {
      name: 'a value that is not an integer',
      sql: `${HNSW} WITH (m = 'sixteen');`,
      errors: [{ line: 1, column: 71, endColumn: 84, message: 'm must be an integer, not "sixteen"' }],
    },
  ],
});
