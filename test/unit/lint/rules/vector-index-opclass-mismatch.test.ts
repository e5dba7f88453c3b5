import { vectorIndexOpclassMismatch } from '../../../../src/core/lint/rules/vector-index-opclass-mismatch';
import { parseConfig } from '../../../../src/core/config/config';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

const CHUNKS = 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));\n';

/** Two models of two distances: OpenAI's (cosine) and a local model trained for L2. */
const TWO_MODELS = parseConfig(JSON.stringify({ embeddings: {
  openai: { dimensions: 1536, distance: 'cosine', columns: ['*.openai_embedding'] },
  local: { dimensions: 384, distance: 'l2', columns: ['*.local_embedding'] },
} }), 'pgvector-migrator.json');
const FILE_ITEMS = 'CREATE TABLE file_items (id uuid PRIMARY KEY, openai_embedding vector(1536), local_embedding vector(384));\n';

ruleTester(vectorIndexOpclassMismatch, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    { name: 'a halfvec expression with the cosine class', sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((embedding::halfvec(1536)) halfvec_cosine_ops);` },
    { name: 'binary quantization (re-ranked by cosine afterwards)', sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((binary_quantize(embedding)::bit(1536)) bit_hamming_ops);` },
    { name: 'the default class when the project uses L2', config: { embedding: { dimensions: 1536, distance: 'l2' } }, sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding);` },
    { name: 'inner product', config: { embedding: { dimensions: 1536, distance: 'inner_product' } }, sql: `${CHUNKS}CREATE INDEX ON chunks USING ivfflat (embedding vector_ip_ops) WITH (lists = 100);` },
    { name: 'a schema-qualified class', sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding public.vector_cosine_ops);` },
    { name: 'a btree index', sql: `${CHUNKS}CREATE INDEX ON chunks (id);` },
    { name: 'a sparsevec column with its cosine class', sql: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING hnsw (s sparsevec_cosine_ops);' },
    { name: 'a sparse embedding with its own metric (inner product for SPLADE)', sql: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING hnsw (s sparsevec_ip_ops);' },
    {
      name: 'each column indexed for the distance of its own model',
      config: TWO_MODELS,
      sql: `${FILE_ITEMS}CREATE INDEX ON file_items USING hnsw (openai_embedding vector_cosine_ops);\nCREATE INDEX ON file_items USING hnsw (local_embedding vector_l2_ops);`,
    },
  ],
  invalid: [
    {
      name: 'a cosine class on the column of the L2 model, naming the model',
      config: TWO_MODELS,
      sql: `${FILE_ITEMS}CREATE INDEX ON file_items USING hnsw (local_embedding vector_cosine_ops);`,
      errors: [{ line: 2, column: 56, endColumn: 73, message: 'vector_cosine_ops serves cosine distance (<=>), but the distance of model local (pgvector-migrator.json, "*.local_embedding") is l2' }],
      output: `${FILE_ITEMS}CREATE INDEX ON file_items USING hnsw (local_embedding vector_l2_ops);`,
    },
    {
      name: 'an L2 class in a cosine project, fixed in place',
      sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding vector_l2_ops);`,
      errors: [{
        line: 2, column: 46, endColumn: 59,
        message: "vector_l2_ops serves L2 distance (<->), but the project's distance is cosine (the default; embedding.distance in pgvector-migrator.json sets another)",
      }],
      output: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);`,
    },
    {
      name: 'a cosine class in a project whose config declares L2, naming the config key',
      config: { embedding: { distance: 'l2' } },
      sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops);`,
      errors: [{ line: 2, column: 46, message: "vector_cosine_ops serves cosine distance (<=>), but the project's distance is l2 (embedding.distance in pgvector-migrator.json)" }],
    },
    {
      name: 'a missing class, at the column, fixed by naming one',
      sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding) WITH (m = 16);`,
      errors: [{
        line: 2, column: 36, endColumn: 45,
        message: "no operator class: HNSW uses vector_l2_ops, which serves L2 distance (<->), but the project's distance is cosine (the default; embedding.distance in pgvector-migrator.json sets another)",
      }],
      output: `${CHUNKS}CREATE INDEX ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16);`,
    },
    {
      name: 'a class for another type than the expression',
      sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((embedding::halfvec(1536)) vector_cosine_ops);`,
      errors: [{ line: 2, column: 63, message: 'vector_cosine_ops indexes vector, but (embedding::halfvec(1536)) is halfvec(1536)' }],
      output: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((embedding::halfvec(1536)) halfvec_cosine_ops);`,
    },
    {
      name: 'a bit expression without a class',
      sql: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((binary_quantize(embedding)::bit(1536)));`,
      errors: [{ line: 2, column: 36, message: 'bit has no default operator class for HNSW: name one' }],
      output: `${CHUNKS}CREATE INDEX ON chunks USING hnsw ((binary_quantize(embedding)::bit(1536)) bit_hamming_ops);`,
    },
    {
      name: 'L1 distance with IVFFlat, which has no L1 class',
      config: { embedding: { dimensions: 1536, distance: 'l1' } },
      sql: `${CHUNKS}CREATE INDEX ON chunks USING ivfflat (embedding vector_l2_ops) WITH (lists = 100);`,
      errors: [{ line: 2, column: 49, message: /; IVFFlat has no L1 operator classes: use HNSW$/ }],
      output: null,
    },
    {
      name: 'a sparsevec column without a class, defaulting to L2',
      sql: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING hnsw (s);',
      errors: [{ line: 2, column: 31, endColumn: 32, message: /^no operator class: HNSW uses sparsevec_l2_ops/ }],
      output: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING hnsw (s sparsevec_cosine_ops);',
    },
    {
      name: 'a sparsevec column under IVFFlat',
      sql: 'CREATE TABLE t (s sparsevec(30522));\nCREATE INDEX ON t USING ivfflat (s sparsevec_ip_ops);',
      errors: [{ line: 2, column: 36, message: 'IVFFlat cannot index sparsevec: s is sparsevec(30522)' }],
      output: null,
    },
    {
      name: 'an index on a table the set does not create, assumed to be vector',
      sql: 'CREATE INDEX ON items USING hnsw (embedding vector_ip_ops);',
      errors: [{ line: 1, column: 45, endColumn: 58, message: /^vector_ip_ops serves inner product \(<#>\)/ }],
      output: 'CREATE INDEX ON items USING hnsw (embedding vector_cosine_ops);',
    },
  ],
});
