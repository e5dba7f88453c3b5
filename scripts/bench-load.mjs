#!/usr/bin/env node
// Benchmark of `pgvector-migrator load`: 1,000,000 rows of (id bigint, embedding vector(768)) from
// CSV into a real server, side by side in the same run with psql's
//   \copy bench_load (id, embedding) from FILE csv header
// of the same file. Targets: within 1.2x of psql's wall time with every vector validated, and the
// loader's peak memory (max RSS) under 200 MB, whatever the file size.
//
// Needs a PostgreSQL with pgvector (PGVM_BENCH_DATABASE_URL, else PGVM_TEST_DATABASE_URL), psql on
// PATH and the bundled CLI (`npm run build`; `npm run bench` builds first). The CSV is generated
// into the system's temporary folder (about 6 GB at a million rows) and deleted afterwards.
// PGVM_BENCH_LOAD_ROWS sets another row count.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROWS = Number(process.env.PGVM_BENCH_LOAD_ROWS || 1_000_000);
const DIMENSIONS = 768;
const TABLE = 'bench_load';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const url = process.env.PGVM_BENCH_DATABASE_URL || process.env.PGVM_TEST_DATABASE_URL;
if (!url) {
  console.log('bench-load: SKIPPED, no server. Set PGVM_BENCH_DATABASE_URL (or PGVM_TEST_DATABASE_URL) to a PostgreSQL with pgvector.');
  process.exit(0);
}
if (spawnSync('psql', ['--version']).status !== 0) {
  console.log('bench-load: SKIPPED, psql is not on PATH (it is the baseline).');
  process.exit(0);
}
const cliJs = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cliJs)) {
  console.error('bench-load: the CLI is not built; run `npm run build` first.');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { Client } = require('pg');

function withDatabase(base, database) {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

async function sql(connectionString, text) {
  const c = new Client({ connectionString });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** 1,000 random vectors with six decimals (as embeddings are usually written), repeated. */
async function writeCsv(file) {
  const base = Array.from({ length: 1000 }, () => `"[${Array.from({ length: DIMENSIONS }, () => (Math.random() * 2 - 1).toFixed(6)).join(',')}]"`);
  const out = fs.createWriteStream(file, { highWaterMark: 4 << 20 });
  const write = (s) => (out.write(s) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
  await write('id,embedding\n');
  let chunk = '';
  for (let i = 1; i <= ROWS; i++) {
    chunk += `${i},${base[i % 1000]}\n`;
    if (chunk.length > 4 << 20) { await write(chunk); chunk = ''; }
  }
  await write(chunk);
  await new Promise((resolve, reject) => out.end((err) => (err ? reject(err) : resolve())));
}

function timedProcess(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, stdout, stderr }));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

const admin = url;
const exists = await sql(admin, `SELECT 1 FROM pg_database WHERE datname = 'pgvm_bench_load'`);
if (exists.rows.length === 0) await sql(admin, 'CREATE DATABASE pgvm_bench_load');
const benchUrl = withDatabase(url, 'pgvm_bench_load');
await sql(benchUrl, 'CREATE EXTENSION IF NOT EXISTS vector');
await sql(benchUrl, `DROP TABLE IF EXISTS ${TABLE}`);
await sql(benchUrl, `CREATE TABLE ${TABLE} (id bigint, embedding vector(${DIMENSIONS}))`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-load-'));
const csv = path.join(work, 'embeddings.csv');
// The peak memory of the loader, reported by the process itself as it exits.
const peakHook = path.join(work, 'peak.cjs');
fs.writeFileSync(peakHook, `process.on('exit', () => require('fs').writeSync(2, '\\npeak-rss-kb ' + process.resourceUsage().maxRSS + '\\n'));\n`);
fs.writeFileSync(path.join(work, 'pgvector-migrator.json'), JSON.stringify({ embedding: { dimensions: DIMENSIONS, distance: 'cosine' } }));
try {
  const generated = performance.now();
  await writeCsv(csv);
  const size = fs.statSync(csv).size;
  console.log(`bench-load: ${ROWS.toLocaleString('en')} rows of vector(${DIMENSIONS}), ${(size / 1e9).toFixed(2)} GB of CSV (generated in ${seconds(performance.now() - generated)})`);

  // Read the file once so that both start with it in the page cache alike.
  spawnSync('cat', [csv], { stdio: 'ignore' });
  const psql = await timedProcess('psql', [benchUrl, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy ${TABLE} (id, embedding) from '${csv}' csv header`]);
  if (psql.code !== 0) throw new Error(`psql failed: ${psql.stderr}`);
  const psqlRows = Number((await sql(benchUrl, `SELECT count(*) AS n FROM ${TABLE}`)).rows[0].n);
  await sql(benchUrl, `TRUNCATE ${TABLE}`);
  await sql(benchUrl, 'DROP TABLE IF EXISTS pgvector_migrator_loads');

  const ours = await timedProcess(process.execPath, ['--require', peakHook, cliJs, 'load', csv, '--table', TABLE, '--dir', work, '--database-url', benchUrl, '--format', 'json'], { cwd: work });
  if (ours.code !== 0) throw new Error(`pgvector-migrator load failed (exit ${ours.code}): ${ours.stderr}`);
  const summary = JSON.parse(ours.stdout);
  const peakMb = Number(/peak-rss-kb (\d+)/.exec(ours.stderr)?.[1] ?? 0) / 1024;
  const ratio = ours.ms / psql.ms;
  console.log(`  psql \\copy          ${seconds(psql.ms).padStart(8)}   ${psqlRows.toLocaleString('en')} rows`);
  console.log(`  pgvector-migrator   ${seconds(ours.ms).padStart(8)}   ${summary.rowsLoaded.toLocaleString('en')} rows in ${summary.batches} batches, every vector checked, ANALYZE after, process start included`);
  console.log(`  ratio               ${ratio.toFixed(2)}x (target: 1.2x or less) ${ratio <= 1.2 ? 'OK' : 'SLOWER THAN TARGET'}`);
  console.log(`  peak memory         ${peakMb.toFixed(0)} MB max RSS (target: under 200 MB) ${peakMb < 200 ? 'OK' : 'OVER TARGET'}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  await sql(benchUrl, `DROP TABLE IF EXISTS ${TABLE}`).catch(() => undefined);
  await sql(benchUrl, 'DROP TABLE IF EXISTS pgvector_migrator_loads').catch(() => undefined);
}
