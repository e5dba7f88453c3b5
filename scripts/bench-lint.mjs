// Benchmark (not a test): lint, with pgvector-migrator and with squawk (from npm) on the same
// files side by side in this run, best of 3 whole processes with their peak memory:
//   - a regression-like corpus (generated: 243 files, ~5 MB, every kind of statement),
//   - a 25-file project and a corpus of 1,000 generated, realistic migrations;
// then a second run with --cache over the unchanged big corpus, and the time to re-lint one
// 2,000-line migration after single edits (the editor's case), as p50/p95.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { writeRegressionCorpus } from './lib/regression-corpus.mjs';

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

/** Best of ROUNDS whole-process runs of `command args` in `cwd`: wall ms and peak resident MB. */
function measure(command, args, cwd) {
  let wall = Infinity;
  let peak = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.hrtime.bigint();
    const run = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    wall = Math.min(wall, Number(process.hrtime.bigint() - start) / 1e6);
    const kb = Number(run.stderr.trim().split('\n').pop());
    peak = Math.max(peak, kb / 1024);
  }
  return { wall, peak };
}

function compare(title, ours, theirs, targets) {
  console.log(`${title} (best of ${ROUNDS}, whole process):`);
  console.log(`  squawk             ${(theirs.wall / 1000).toFixed(2)} s  ${theirs.peak.toFixed(0).padStart(4)} MB peak`);
  console.log(`  pgvector-migrator  ${(ours.wall / 1000).toFixed(2)} s  ${ours.peak.toFixed(0).padStart(4)} MB peak   ${(ours.wall / theirs.wall).toFixed(2)}x squawk's time, ${(ours.peak / theirs.peak).toFixed(1)}x its memory${targets ? `   (${targets})` : ''}`);
}

/** Lints `files` (paths relative to `work`) with both tools; `ourArgs` are our CLI's arguments. */
function lintBoth(title, work, files, ourArgs, targets) {
  const squawk = ensureTool('squawk-cli@2', 'squawk');
  const cli = path.join(root, 'dist', 'cli.js');
  const ours = measure(process.execPath, [cli, 'lint', '--format', 'json', ...ourArgs], work);
  const theirs = measure(squawk, ['--reporter', 'json', ...files], work);
  compare(title, ours, theirs, targets);
  return { ours, theirs };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-lint-'));
try {
  const migrations = path.join(work, 'db', 'migrations');
  const files = writeCorpus(migrations);
  fs.writeFileSync(path.join(work, 'pgvector-migrator.json'), '{}');
  if (!fs.existsSync(path.join(root, 'dist', 'cli.js'))) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  bigCorpus(work);
  smallProject(work);
  lintBoth(`lint ${COUNT} migrations`, work, files.map((f) => path.relative(work, f)), [], 'target: at most 1.0x');
  await relintBench(work);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

/** PostgreSQL's regression SQL, as generated by regression-corpus.mjs, named so the default layout reads them. */
function bigCorpus(work) {
  const dir = path.join(work, 'regress');
  const files = writeRegressionCorpus(path.join(dir, 'db', 'migrations'));
  fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), '{}');
  const bytes = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  const rel = files.map((f) => path.relative(dir, f));
  lintBoth(`lint a regression-like corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB`, dir, rel, [], 'targets: at most 1.0x the time, 150 MB');
  const cli = path.join(root, 'dist', 'cli.js');
  const cacheFile = path.join(dir, '.lintcache');
  spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--cache', '--cache-location', cacheFile], { cwd: dir, stdio: 'ignore' });
  if (fs.existsSync(cacheFile)) {
    const cached = measure(process.execPath, [cli, 'lint', '--format', 'json', '--cache', '--cache-location', cacheFile], dir);
    console.log(`  second run with --cache, nothing changed: ${(cached.wall / 1000).toFixed(2)} s, ${cached.peak.toFixed(0)} MB peak (target: at most 0.1 s)`);
  } else console.log('  (no --cache: the CLI wrote no cache file)');
}

/** A small project as teams have them: 25 migrations. */
function smallProject(work) {
  const dir = path.join(work, 'small');
  const migrations = path.join(dir, 'db', 'migrations');
  fs.mkdirSync(migrations, { recursive: true });
  const files = [];
  for (let i = 1; i <= 25; i++) {
    const name = `${String(i).padStart(4, '0')}_step_${i}.sql`;
    const text = `${header(name, i === 1 ? 'none' : `${String(i - 1).padStart(4, '0')}_step_${i - 1}.sql`)}-- UP Migration\nBEGIN;\n${i === 1 ? 'CREATE EXTENSION IF NOT EXISTS vector;\n' : ''}${migrationBody(i)}\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nSELECT 1;\nCOMMIT;\n`;
    fs.writeFileSync(path.join(migrations, name), text);
    files.push(path.relative(dir, path.join(migrations, name)));
  }
  fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), '{}');
  lintBoth('lint a 25-file project', dir, files, [], 'target: at most 0.15 s');
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
