// The quick fixes the editor offers, end to end through the lint session: for each finding the
// issue names, the rule's fix is there, and applying it leaves a migration the rule accepts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureParser, LintSessions } from '../../../src/core/editor/lint-session';
import { applyEdits } from '../../../src/core/format/migration-format';

const QUICKSTART = path.resolve(__dirname, '../../../../examples/quickstart');

function header(name: string, dependencies = '0003_create_chunks.sql'): string {
  return `-- Migration: ${name}\n-- Description: d\n-- Dependencies: ${dependencies}\n-- Author: a\n-- Date: 2026-01-06\n\n`;
}

interface Case {
  rule: string;
  title: string;
  /** The migration, added after the quickstart's three (or alone, as 0001, with `alone`). */
  text: string;
  /** What the fixed text must contain. */
  fixed: string;
  alone?: boolean;
}

const cases: Case[] = [
  {
    rule: 'not-idempotent', title: 'Add IF NOT EXISTS',
    text: `${header('0004_a.sql')}-- UP Migration\nCREATE INDEX CONCURRENTLY chunks_created_at_idx ON chunks (created_at);\n\n-- DOWN Migration\nDROP INDEX CONCURRENTLY IF EXISTS chunks_created_at_idx;\n`,
    fixed: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_created_at_idx',
  },
  {
    rule: 'not-idempotent', title: 'Add IF EXISTS',
    text: `${header('0004_a.sql')}-- UP Migration\nDROP INDEX CONCURRENTLY chunks_embedding_hnsw_idx;\n\n-- DOWN Migration\nCREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_embedding_hnsw_idx ON chunks USING hnsw (embedding vector_cosine_ops);\n`,
    fixed: 'DROP INDEX CONCURRENTLY IF EXISTS chunks_embedding_hnsw_idx;',
  },
  {
    rule: 'index-without-concurrently', title: 'Create the index CONCURRENTLY, outside the transaction',
    text: `${header('0004_a.sql')}-- UP Migration\nBEGIN;\nCREATE INDEX IF NOT EXISTS chunks_created_at_idx ON chunks (created_at);\nCOMMIT;\n\n-- DOWN Migration\nDROP INDEX IF EXISTS chunks_created_at_idx;\n`,
    fixed: 'BEGIN;\nCOMMIT;\nCREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_created_at_idx ON chunks (created_at);\n',
  },
  {
    rule: 'vector-index-opclass-mismatch', title: 'Use vector_cosine_ops',
    text: `${header('0004_a.sql')}-- UP Migration\nCREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_e_idx ON chunks USING hnsw (embedding vector_l2_ops);\n\n-- DOWN Migration\nDROP INDEX CONCURRENTLY IF EXISTS chunks_e_idx;\n`,
    fixed: 'USING hnsw (embedding vector_cosine_ops)',
  },
  {
    rule: 'vector-dimension-mismatch', title: 'Change to vector(1536)',
    text: `${header('0004_a.sql')}-- UP Migration\nBEGIN;\nCREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, embedding vector(768));\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE IF EXISTS notes;\nCOMMIT;\n`,
    fixed: 'embedding vector(1536)',
  },
  {
    rule: 'missing-header', title: 'Add the migration header',
    text: '-- UP Migration\nBEGIN;\nCREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY);\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE IF EXISTS notes;\nCOMMIT;\n',
    fixed: '-- Migration: 0004_a.sql\n-- Description: TODO\n-- Dependencies: 0003_create_chunks.sql\n',
  },
  {
    rule: 'missing-down', title: 'Add a DOWN section that drops what UP creates',
    text: `${header('0004_a.sql')}-- UP Migration\nBEGIN;\nCREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY);\nCOMMIT;\n`,
    fixed: '\n-- DOWN Migration\nBEGIN;\nDROP TABLE IF EXISTS notes;\nCOMMIT;\n',
  },
  {
    rule: 'vector-extension-missing', title: 'Create the vector extension first', alone: true,
    text: `${header('0001_a.sql', 'none')}-- UP Migration\nBEGIN;\nCREATE TABLE IF NOT EXISTS notes (id bigint PRIMARY KEY, embedding vector(1536));\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE IF EXISTS notes;\nCOMMIT;\n`,
    fixed: 'BEGIN;\nCREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE IF NOT EXISTS notes',
  },
  {
    rule: 'constraint-without-not-valid', title: 'Add NOT VALID and validate after the COMMIT',
    text: `${header('0004_a.sql')}-- UP Migration\nBEGIN;\nALTER TABLE chunks ADD CONSTRAINT chunks_content_check CHECK (content <> '');\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nALTER TABLE chunks DROP CONSTRAINT IF EXISTS chunks_content_check;\nCOMMIT;\n`,
    fixed: "CHECK (content <> '') NOT VALID;\nCOMMIT;\nALTER TABLE chunks VALIDATE CONSTRAINT chunks_content_check;\n",
  },
];

describe('the quick fixes the editor offers', () => {
  let dir: string;
  before(ensureParser);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-fixes-'));
    fs.copyFileSync(path.join(QUICKSTART, 'pgvector-migrator.json'), path.join(dir, 'pgvector-migrator.json'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    it(`${c.rule}: "${c.title}" fixes what it reports`, () => {
      if (c.alone) fs.mkdirSync(path.join(dir, 'db', 'migrations'), { recursive: true });
      else fs.cpSync(path.join(QUICKSTART, 'db'), path.join(dir, 'db'), { recursive: true });
      const file = path.join(dir, 'db', 'migrations', c.alone ? '0001_a.sql' : '0004_a.sql');
      const session = new LintSessions(() => [dir]).sessionFor(file)!;
      const found = session.lint(new Map([[file, c.text]])).byFile.get(file)!.filter((f) => f.finding.rule === c.rule);
      assert.equal(found.length, 1, `one ${c.rule} finding`);
      const fix = found[0].fix;
      assert.equal(fix?.title, c.title);
      const fixed = applyEdits(c.text, fix.edits);
      assert.ok(fixed.includes(c.fixed), fixed);
      assert.deepEqual(session.lint(new Map([[file, fixed]])).byFile.get(file)!.map((f) => f.finding.rule).filter((r) => r === c.rule), []);
    });
  }
});
