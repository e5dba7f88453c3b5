// Benchmark (not a test): lint a corpus of 1,000 generated, realistic migrations with
// pgvector-migrator and with squawk (from npm) on the same files, side by side in this run; then
// time re-linting one 2,000-line migration after single edits (the editor's case), as p50/p95.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const COUNT = Number(process.env.PGVM_BENCH_LINT_FILES ?? 1000);
const ROUNDS = 3;

function ensureTool(pkg, bin) {
  const cache = path.join(os.homedir(), '.cache', 'pgvector-migrator', 'bench-tools');
  const file = path.join(cache, 'node_modules', '.bin', bin);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['install', '--prefix', cache, '--no-audit', '--no-fund', '--loglevel=error', pkg], { stdio: 'inherit' });
  }
  return file;
}

const header = (file, deps) => `-- Migration: ${file}\n-- Description: generated for the lint benchmark\n-- Dependencies: ${deps}\n-- Author: bench\n-- Date: 2026-01-01\n\n`;

/** A mix of what real pgvector projects write: tables with embeddings, indexes, column changes. */
function migrationBody(i) {
  switch (i % 4) {
    case 0: return `CREATE TABLE IF NOT EXISTS docs_${i} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    body text,
    embedding vector(1536),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS docs_${i}_embedding_idx ON docs_${i} USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);`;
    case 1: return `CREATE TABLE IF NOT EXISTS chunks_${i} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    doc_id bigint NOT NULL REFERENCES docs_${i - 1} (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 0),
    content text NOT NULL,
    embedding vector(1536) NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_${i}_doc_id_idx ON chunks_${i} (doc_id);`;
    case 2: return `ALTER TABLE docs_${i - 2} ADD COLUMN IF NOT EXISTS summary text;
ALTER TABLE docs_${i - 2} ADD COLUMN IF NOT EXISTS language varchar(8);
UPDATE docs_${i - 2} SET summary = left(body, 200) WHERE summary IS NULL;`;
    default: return `CREATE TABLE IF NOT EXISTS tags_${i} (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label text NOT NULL UNIQUE
);
INSERT INTO tags_${i} (label) VALUES ('a'), ('b'), ('c');`;
  }
}

function writeCorpus(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 1; i <= COUNT; i++) {
    const name = `${String(i).padStart(4, '0')}_step_${i}.sql`;
    const deps = i === 1 ? 'none' : `${String(i - 1).padStart(4, '0')}_step_${i - 1}.sql`;
    const text = `${header(name, deps)}-- UP Migration\nBEGIN;\n${i === 1 ? 'CREATE EXTENSION IF NOT EXISTS vector;\n' : ''}${migrationBody(i)}\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nSELECT 1;\nCOMMIT;\n`;
    fs.writeFileSync(path.join(dir, name), text);
    files.push(path.join(dir, name));
  }
  return files;
}

function best(label, fn) {
  const times = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.min(...times);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-lint-'));
try {
  const migrations = path.join(work, 'db', 'migrations');
  const files = writeCorpus(migrations);
  fs.writeFileSync(path.join(work, 'pgvector-migrator.json'), '{}');
  const squawk = ensureTool('squawk-cli@2', 'squawk');
  const cli = path.join(root, 'dist', 'cli.js');
  const ours = best('pgvector-migrator', () => spawnSync(process.execPath, [cli, 'lint', '--format', 'json'], { cwd: work, stdio: 'ignore' }));
  const theirs = best('squawk', () => spawnSync(squawk, ['--reporter', 'json', ...files.map((f) => path.relative(work, f))], { cwd: work, stdio: 'ignore', maxBuffer: 1 << 28 }));
  console.log(`lint ${COUNT} migrations (best of ${ROUNDS}, whole process):`);
  console.log(`  squawk             ${(theirs / 1000).toFixed(2)} s`);
  console.log(`  pgvector-migrator  ${(ours / 1000).toFixed(2)} s   ${(ours / theirs).toFixed(2)}x squawk (target: at most 1.0x)`);
  await relintBench(work);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/** The editor's case: one 2,000-line file, re-linted after each single-statement edit. */
async function relintBench(work) {
  if (!fs.existsSync(path.join(root, 'out', 'src', 'core', 'lint', 'engine.js'))) {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', root], { stdio: 'inherit' });
  }
  const engine = require(path.join(root, 'out/src/core/lint/engine.js'));
  const { loadMigrationSet } = require(path.join(root, 'out/src/core/migrations/discover.js'));
  const { DEFAULT_CONFIG } = require(path.join(root, 'out/src/core/config/config.js'));
  const dir = path.join(work, 'big');
  fs.mkdirSync(dir);
  const statements = [];
  for (let i = 0; statements.join('\n').split('\n').length < 2000; i++) statements.push(migrationBody(i * 4) + '\n' + migrationBody(i * 4 + 3));
  const file = path.join(dir, '0001_big.sql');
  const body = statements.join('\n');
  fs.writeFileSync(file, `${header('0001_big.sql', 'none')}-- UP Migration\nBEGIN;\nCREATE EXTENSION IF NOT EXISTS vector;\n${body}\nCOMMIT;\n`);
  await engine.ensureParser();
  const set = loadMigrationSet(dir);
  const original = fs.readFileSync(file, 'utf8');
  engine.lintMigrationSet(set, DEFAULT_CONFIG, { overrides: new Map([[file, original]]) });
  const times = [];
  for (let edit = 0; edit < 100; edit++) {
    const text = original.replace(`title text NOT NULL`, `title text NOT NULL, edit_${edit} text`);
    const start = process.hrtime.bigint();
    engine.lintMigrationSet(set, DEFAULT_CONFIG, { overrides: new Map([[file, text]]) });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const lines = original.split('\n').length;
  console.log(`re-lint one ${lines}-line file after an edit (100 edits): p50 ${times[49].toFixed(1)} ms, p95 ${times[94].toFixed(1)} ms (target: p95 under 30 ms)`);
}
