-- Migration: 0001_enable_pgvector.sql
-- Description: Enable the pgvector extension that every embedding column needs.
-- Dependencies: none
-- Author: pgvector Migrator quickstart
-- Date: 2026-01-05

-- UP Migration
BEGIN;
CREATE EXTENSION IF NOT EXISTS vector;
COMMIT;

-- DOWN Migration
BEGIN;
DROP EXTENSION IF EXISTS vector;
COMMIT;
