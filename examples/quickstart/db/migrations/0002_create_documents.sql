-- Migration: 0002_create_documents.sql
-- Description: Source documents; each is split into chunks that carry the embeddings.
-- Dependencies: 0001_enable_pgvector.sql
-- Author: pgvector Migrator quickstart
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE TABLE IF NOT EXISTS documents (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    source_url text,
    created_at timestamptz NOT NULL DEFAULT now()
);
COMMIT;

-- DOWN Migration
BEGIN;
DROP TABLE IF EXISTS documents;
COMMIT;
