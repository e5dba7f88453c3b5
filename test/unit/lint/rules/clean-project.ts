// A well-formed migration set in the team's layout (header, UP and DOWN sections, extension,
// bigint identity keys, vector(1536) with an HNSW cosine index, an indexed foreign key): every
// rule must stay silent on it.
export const CLEAN_PROJECT: Record<string, string> = {
  '0001_enable_vector.sql': `-- Migration: 0001_enable_vector.sql
-- Description: enable pgvector
-- Dependencies: none
-- Author: Ada Lovelace
-- Date: 2026-01-05

-- UP Migration
CREATE EXTENSION IF NOT EXISTS vector;

-- DOWN Migration
DROP EXTENSION IF EXISTS vector;
`,
  '0002_create_documents.sql': `-- Migration: 0002_create_documents.sql
-- Description: source documents
-- Dependencies: 0001_enable_vector.sql
-- Author: Ada Lovelace
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE TABLE documents (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE documents;
COMMIT;
`,
  '0003_create_chunks.sql': `-- Migration: 0003_create_chunks.sql
-- Description: chunks with their embeddings
-- Dependencies: 0002_create_documents.sql
-- Author: Ada Lovelace
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE TABLE chunks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  content text NOT NULL,
  embedding vector(1536) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chunks_document_id_idx ON chunks (document_id);
CREATE INDEX chunks_embedding_idx ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE chunks;
COMMIT;
`,
};
