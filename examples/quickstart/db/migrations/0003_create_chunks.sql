-- Migration: 0003_create_chunks.sql
-- Description: Chunks of documents with their 1536-dimensional embeddings, searched by cosine distance.
-- Dependencies: 0002_create_documents.sql
-- Author: pgvector Migrator quickstart
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE TABLE IF NOT EXISTS chunks (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_index integer NOT NULL CHECK (chunk_index >= 0),
    content text NOT NULL,
    embedding vector(1536) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (document_id, chunk_index)
);
CREATE INDEX IF NOT EXISTS chunks_embedding_hnsw_idx
    ON chunks USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
COMMIT;

-- DOWN Migration
BEGIN;
DROP INDEX IF EXISTS chunks_embedding_hnsw_idx;
DROP TABLE IF EXISTS chunks;
COMMIT;
