import { vectorDimensionMismatch } from '../../../../src/core/lint/rules/vector-dimension-mismatch';
import { parseConfig } from '../../../../src/core/config/config';
import { ruleTester } from '../rule-tester';
import { CLEAN_PROJECT } from './clean-project';

/** A project that declares its model's size in pgvector-migrator.json. */
const DECLARED = { embedding: { dimensions: 1536, distance: 'cosine' as const } };

/** chatbot-ui's file_items: an OpenAI embedding beside a local model's. */
const CHATBOT_UI = 'CREATE TABLE file_items (\n  id uuid PRIMARY KEY,\n  openai_embedding vector(1536),\n  local_embedding vector(384)\n);';
const OPENAI = { dimensions: 1536, columns: ['*.openai_embedding'] };
const MINILM = { dimensions: 384, columns: ['*.local_embedding'] };
const models = (embeddings: Record<string, unknown>, rest: Record<string, unknown> = {}) => parseConfig(JSON.stringify({ embeddings, ...rest }), 'pgvector-migrator.json');

ruleTester(vectorDimensionMismatch, {
  valid: [
    { name: 'a clean project', files: CLEAN_PROJECT },
    'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(1536));',
    'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding halfvec(1536));',
    { name: 'a column of the configured size', config: { embedding: { dimensions: 768, distance: 'cosine' } }, sql: 'CREATE TABLE t (embedding vector(768));' },
    { name: 'a binary-quantized bit column', sql: 'CREATE TABLE t (embedding vector(1536), embedding_bits bit(1536), flags bit(8));' },
    { name: 'a sparse embedding of a vocabulary size', sql: 'CREATE TABLE t (sparse_embedding sparsevec(30522));' },
    { name: 'a vector without dimensions (another rule)', sql: 'CREATE TABLE t (embedding vector);' },
    { name: 'an index casting to the same dimensions', sql: 'CREATE TABLE t (embedding vector(1536));\nCREATE INDEX ON t USING hnsw ((embedding::halfvec(1536)) halfvec_cosine_ops);' },
    { name: 'a binary quantization index of the same dimensions', sql: 'CREATE TABLE t (embedding vector(1536));\nCREATE INDEX ON t USING hnsw ((binary_quantize(embedding)::bit(1536)) bit_hamming_ops);' },
    { name: 'queries that cast vectors', sql: "SELECT '[1,2,3]'::vector(3);" },
    { name: 'any size when no model is configured (no default size to compare with)', sql: 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(768));' },
    {
      name: 'two models in two columns of different names when no model is configured',
      sql: 'CREATE TABLE images (id bigint PRIMARY KEY, image_embedding vector(512));\nCREATE TABLE docs (id bigint PRIMARY KEY, embedding vector(1536));',
    },
    { name: 'two models, each claiming its column (chatbot-ui)', config: models({ openai: OPENAI, minilm: MINILM }), sql: CHATBOT_UI },
    { name: 'a column of the old single embedding form', config: parseConfig('{ "embedding": { "dimensions": 384 } }', 'c.json'), sql: 'CREATE TABLE t (local_embedding vector(384));' },
    { name: 'a SPLADE column claimed by a sparsevec model of its vocabulary', config: models({ openai: OPENAI, splade: { type: 'sparsevec', dimensions: 30522, columns: ['*.sparse'] } }), sql: 'CREATE TABLE t (sparse sparsevec(30522));' },
    { name: 'an exact glob that wins over a wildcard', config: models({ openai: { dimensions: 1536, columns: ['*.*embedding'] }, minilm: { dimensions: 384, columns: ['file_items.local_embedding'] } }), sql: CHATBOT_UI },
  ],
  invalid: [
    {
      name: 'the 384 column of chatbot-ui when one model is declared, against the default model',
      config: models({ openai: OPENAI }),
      sql: CHATBOT_UI,
      errors: [{ line: 4, column: 19, endColumn: 30, message: 'local_embedding is vector(384) but model openai, the default model (pgvector-migrator.json; no model claims this column) is 1536-dimensional' }],
      output: CHATBOT_UI.replace('vector(384)', 'vector(1536)'),
    },
    {
      name: 'a column its model claims at another size, naming the model and its glob',
      config: models({ openai: OPENAI, minilm: MINILM }),
      sql: 'CREATE TABLE t (local_embedding vector(768));',
      errors: [{ line: 1, column: 33, endColumn: 44, message: 'local_embedding is vector(768) but model minilm (pgvector-migrator.json, "*.local_embedding") is 384-dimensional' }],
    },
    {
      name: 'a sparse column its sparsevec model claims with another vocabulary',
      config: models({ splade: { type: 'sparsevec', dimensions: 30522, columns: ['*.sparse'] } }),
      sql: 'CREATE TABLE t (sparse sparsevec(250002));',
      errors: [{ line: 1, column: 24, message: /has a vocabulary of 30522$/ }],
      output: 'CREATE TABLE t (sparse sparsevec(30522));',
    },
    {
      name: 'a column smaller than the configured embeddings, with a fix',
      config: DECLARED,
      sql: 'CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector(768)\n);',
      errors: [{ line: 3, column: 13, endLine: 3, endColumn: 24, message: "embedding is vector(768) but the project's embeddings are 1536-dimensional (pgvector-migrator.json)" }],
      output: 'CREATE TABLE chunks (\n  id bigint PRIMARY KEY,\n  embedding vector(1536)\n);',
    },
    {
      name: 'a column that differs from the configured size and the same column in another table',
      config: DECLARED,
      files: {
        '0001_documents.sql': 'CREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(1536));',
        '0002_chunks.sql': 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(768));',
      },
      errors: [{
        file: '0002_chunks.sql', line: 1, column: 55, endColumn: 66,
        message: "embedding is vector(768) but the project's embeddings are 1536-dimensional (pgvector-migrator.json) and documents.embedding is vector(1536)",
      }],
    },
    {
      name: 'a column of a table joined by a foreign key',
      config: DECLARED,
      sql: 'CREATE TABLE documents (id bigint PRIMARY KEY, summary_embedding vector(1536));\nCREATE TABLE chunks (id bigint PRIMARY KEY, document_id bigint REFERENCES documents, chunk_embedding halfvec(3072));',
      errors: [{ line: 2, column: 102, message: /chunk_embedding is halfvec\(3072\) .* and documents\.summary_embedding is vector\(1536\)$/ }],
    },
    {
      name: 'a column after multi-byte text in the same statement, at the right column',
      config: DECLARED,
      sql: "CREATE TABLE chunks (title text DEFAULT 'résumé — 😀', embedding vector(768));",
      errors: [{ line: 1, column: 66, endColumn: 77 }],
    },
    {
      name: 'ALTER TABLE ... ADD COLUMN and ALTER COLUMN ... TYPE',
      config: DECLARED,
      sql: 'ALTER TABLE chunks ADD COLUMN embedding vector(384);\nALTER TABLE chunks ALTER COLUMN embedding TYPE vector(3072);',
      errors: [{ line: 1, column: 41, endColumn: 52 }, { line: 2, column: 48, endColumn: 60 }],
    },
    {
      name: 'the same embedding at two sizes when no model is configured, with the earlier size as the fix',
      files: {
        '0001_documents.sql': 'CREATE TABLE documents (id bigint PRIMARY KEY, embedding vector(1536));',
        '0002_chunks.sql': 'CREATE TABLE chunks (id bigint PRIMARY KEY, embedding vector(768));',
      },
      errors: [{ file: '0002_chunks.sql', line: 1, column: 55, endColumn: 66, message: 'embedding is vector(768) but documents.embedding is vector(1536)' }],
    },
    {
      name: 'a sparse embedding declared with two vocabulary sizes',
      sql: 'CREATE TABLE a (sparse sparsevec(30522));\nCREATE TABLE b (sparse sparsevec(250002));',
      errors: [{ line: 2, column: 24, message: 'sparse is sparsevec(250002) but a.sparse is sparsevec(30522)' }],
    },
    {
      name: 'an index that casts to other dimensions than the column',
      sql: 'CREATE TABLE t (id bigint PRIMARY KEY, embedding vector(1536));\nCREATE INDEX ON t USING hnsw ((embedding::halfvec(3072)) halfvec_cosine_ops);',
      errors: [{ line: 2, column: 43, endColumn: 56, message: 'the index casts embedding to halfvec(3072) but t.embedding is vector(1536)' }],
      output: 'CREATE TABLE t (id bigint PRIMARY KEY, embedding vector(1536));\nCREATE INDEX ON t USING hnsw ((embedding::halfvec(1536)) halfvec_cosine_ops);',
    },
  ],
});
