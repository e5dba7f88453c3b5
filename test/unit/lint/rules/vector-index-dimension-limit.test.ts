import { vectorIndexDimensionLimit } from '../../../../src/core/lint/rules/vector-index-dimension-limit';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const LARGE = 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(3072));\n';

ruleTester(vectorIndexDimensionLimit, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'exactly 2,000 dimensions', sql: 'CREATE TABLE t (e vector(2000));\nCREATE INDEX ON t USING hnsw (e vector_cosine_ops);' },
    { name: 'a halfvec expression over 3,072 dimensions', sql: `${LARGE}CREATE INDEX ON chunks USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops);` },
    { name: 'binary quantization over 3,072 dimensions', sql: `${LARGE}CREATE INDEX ON chunks USING hnsw ((binary_quantize(embedding)::bit(3072)) bit_hamming_ops);` },
    { name: 'a btree index over a large vector column', sql: `${LARGE}CREATE INDEX ON chunks (id);` },
    { name: 'a table the set does not create', sql: 'CREATE INDEX ON elsewhere USING hnsw (embedding vector_cosine_ops);' },
    { name: 'a sparsevec index (its limit is on non-zero elements, per row)', sql: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING hnsw (s sparsevec_l2_ops);' },
  ],
  invalid: [
    {
      name: 'an HNSW index over vector(3072), fixed with a halfvec expression',
      sql: `${LARGE}CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops);`,
      errors: [{
        line: 2, column: 57, endColumn: 66,
        message: 'HNSW indexes at most 2,000 dimensions of vector, but embedding is vector(3072)',
      }],
      output: `${LARGE}CREATE INDEX chunks_embedding_idx ON chunks USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops);`,
    },
    {
      name: 'an IVFFlat index without an operator class, fixed for the configured distance',
      config: { embedding: { dimensions: 3072, distance: 'inner_product' } },
      sql: `${LARGE}CREATE INDEX ON chunks USING ivfflat (embedding) WITH (lists = 100);`,
      errors: [{ line: 2, column: 39, endColumn: 48, message: /^IVFFlat indexes at most 2,000 dimensions/ }],
      output: `${LARGE}CREATE INDEX ON chunks USING ivfflat ((embedding::halfvec(3072)) halfvec_ip_ops) WITH (lists = 100);`,
    },
    {
      name: 'a halfvec expression above 4,000 dimensions, pointing at binary quantization',
      sql: 'CREATE TABLE t (e vector(8000));\nCREATE INDEX ON t USING hnsw ((e::halfvec(8000)) halfvec_l2_ops);',
      errors: [{
        line: 2, column: 31, endColumn: 49,
        message: 'HNSW indexes at most 4,000 dimensions of halfvec, but the expression (e::halfvec(8000)) is halfvec(8000)',
      }],
      output: null,
    },
    {
      name: 'a vector column above 4,000 dimensions, with no halfvec fix',
      sql: 'CREATE TABLE t (e vector(4096));\nCREATE INDEX ON t USING hnsw (e vector_l2_ops);',
      errors: [{ line: 2, column: 31, endColumn: 32, message: /but e is vector\(4096\)$/ }],
      output: null,
    },
  ],
});
