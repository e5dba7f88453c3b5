#!/usr/bin/env node
// Benchmark of `plan`'s estimates and speed, on a real PostgreSQL with pgvector.
//
//   node scripts/bench-plan.mjs --calibrate   measures the rates (rewrite and scan bytes/s, B-tree
//                                             rows/s, HNSW and IVFFlat work/s) on tables of 20k and
//                                             50k rows of vector(768) and writes src/core/plan/rates.json
//   node scripts/bench-plan.mjs               prints the plan's estimate beside the measured time at
//                                             10k and 100k rows (sizes the calibration never saw; add
//                                             --rows 1000000 for more), checks the HNSW memory model
//                                             against pgvector's own "no longer fits" notice, and times
//                                             `plan` on 500 pending migrations, end to end, against
//                                             `lint` of the same files (same process start and parse)
//
// Each measured statement runs in a transaction that is rolled back, so the tables are built once
// (in the database pgvm_bench_plan) and reused. Needs PGVM_BENCH_DATABASE_URL or
// PGVM_TEST_DATABASE_URL, the compiled core (`npx tsc -p .`) and the bundled CLI (`npm run build`).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const DIMENSIONS = 768;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ratesFile = path.join(root, 'src', 'core', 'plan', 'rates.json');
const args = process.argv.slice(2);
const calibrate = args.includes('--calibrate');
const extraRows = args.includes('--rows') ? [Number(args[args.indexOf('--rows') + 1])] : [];
const url = process.env.PGVM_BENCH_DATABASE_URL || process.env.PGVM_TEST_DATABASE_URL;
if (!url) {
  console.log('bench-plan: SKIPPED, no server. Set PGVM_BENCH_DATABASE_URL (or PGVM_TEST_DATABASE_URL) to a PostgreSQL with pgvector.');
  process.exit(0);
}
const out = (...p) => path.join(root, 'out', 'src', 'core', ...p);
if (!fs.existsSync(out('plan', 'index.js')) || !fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
  console.error('bench-plan: compile (`npx tsc -p .`) and build (`npm run build`) first.');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { planDeployment, formatEstimate } = require(out('plan', 'index.js'));
const { hnswElementBytes } = require(out('plan', 'index-memory.js'));
const { parallelWorkers } = require(out('plan', 'index-memory.js'));
const { openServer } = require(out('db', 'server.js'));
const { loadMigrationSet } = require(out('migrations', 'discover.js'));
const { DEFAULT_CONFIG } = require(out('config', 'config.js'));

const benchUrl = (() => { const u = new URL(url); u.pathname = '/pgvm_bench_plan'; return u.toString(); })();

async function ensureDatabase() {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'pgvm_bench_plan'`);
    if (exists.rows.length === 0) await admin.query('CREATE DATABASE pgvm_bench_plan');
  } finally {
    await admin.end();
  }
}

const tableName = (rows) => `items_${rows}`;

/** A table of `rows` random vector(768) rows (each its own vector: HNSW on repeated vectors is not representative). */
async function ensureTable(c, rows) {
  const name = tableName(rows);
  const marker = `pgvm bench-plan: ${rows} rows of vector(${DIMENSIONS})`;
  const found = await c.query(`SELECT obj_description(to_regclass($1), 'pg_class') AS m`, [name]);
  if (found.rows[0]?.m === marker) return name;
  const started = performance.now();
  await c.query(`DROP TABLE IF EXISTS ${name}`);
  await c.query(`CREATE TABLE ${name} (id bigint PRIMARY KEY, a int, embedding vector(${DIMENSIONS}))`);
  await c.query(`INSERT INTO ${name} SELECT g, g, (SELECT array_agg(random()::real) FROM generate_series(1, ${DIMENSIONS}) WHERE g > 0)::vector(${DIMENSIONS}) FROM generate_series(1, ${rows}) g`);
  await c.query(`VACUUM ANALYZE ${name}`);
  await c.query(`COMMENT ON TABLE ${name} IS '${marker}'`);
  console.log(`  built ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return name;
}

/** What is measured, and the statement that measures it, on table `t`. */
const KINDS = [
  { kind: 'rewrite', sql: (t) => `ALTER TABLE ${t} ALTER COLUMN a TYPE bigint` },
  { kind: 'scan', sql: (t) => `ALTER TABLE ${t} ALTER COLUMN a SET NOT NULL` },
  { kind: 'btree', sql: (t) => `CREATE INDEX ON ${t} (a)` },
  { kind: 'hnsw', sql: (t) => `CREATE INDEX ON ${t} USING hnsw (embedding vector_l2_ops)` },
  { kind: 'ivfflat', sql: (t) => `CREATE INDEX ON ${t} USING ivfflat (embedding vector_l2_ops) WITH (lists = 100)` },
];

/** Builds that cannot run in a transaction: timed, then dropped. Checked, not calibrated. */
const CONCURRENT_KINDS = [
  { kind: 'btree cc', sql: (t) => `CREATE INDEX CONCURRENTLY bench_cc_idx ON ${t} (a)` },
  { kind: 'hnsw cc', sql: (t) => `CREATE INDEX CONCURRENTLY bench_cc_idx ON ${t} USING hnsw (embedding vector_l2_ops)` },
];

async function measureOutside(c, sql) {
  await c.query('DROP INDEX IF EXISTS bench_cc_idx');
  const started = performance.now();
  await c.query(sql);
  const ms = performance.now() - started;
  await c.query('DROP INDEX bench_cc_idx');
  return ms;
}

/** Milliseconds the statement takes, in a transaction that is rolled back; best of `runs`. */
async function measure(c, sql, runs = 1) {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    await c.query('BEGIN');
    const started = performance.now();
    await c.query(sql);
    best = Math.min(best, performance.now() - started);
    await c.query('ROLLBACK');
  }
  return best;
}

async function tableSize(c, t) {
  const r = (await c.query(`SELECT reltuples::float8 AS rows, pg_relation_size(oid)::float8 AS heap, pg_table_size(oid)::float8 AS tbl, pg_indexes_size(oid)::float8 AS idx FROM pg_class WHERE oid = $1::regclass`, [t])).rows[0];
  return { rows: r.rows, heapBytes: r.heap, rewriteBytes: r.tbl + r.idx };
}

async function settings(c) {
  const r = (await c.query(`SELECT pg_size_bytes(current_setting('maintenance_work_mem'))::float8 AS mwm, current_setting('max_parallel_maintenance_workers')::int AS w, pg_size_bytes(current_setting('min_parallel_table_scan_size'))::float8 AS min`)).rows[0];
  return { maintenanceWorkMemBytes: r.mwm, maxParallelMaintenanceWorkers: r.w, minParallelTableScanSizeBytes: r.min };
}

/** The work each kind's rate divides (the units of rates.json). */
function work(kind, size, ms, scanRate) {
  const scanMs = scanRate ? (size.heapBytes / scanRate) * 1000 : 0;
  const s = Math.max(ms - scanMs, 1) / 1000;
  switch (kind) {
    case 'rewrite': return size.rewriteBytes / (ms / 1000);
    case 'scan': return size.heapBytes / (ms / 1000);
    case 'btree': return size.rows / s;
    case 'hnsw': return (size.rows * DIMENSIONS * Math.log2(size.rows)) / s;
  }
}

/**
 * IVFFlat has two parts: k-means over a fixed sample (max(50 × lists, 10,000) rows) and the
 * assignment of every row; two sizes give the rate of each (t = sampleWork / a + rowWork / b).
 */
function ivfflatRates(samples, scanRate) {
  const [p, q] = samples.map((x) => {
    const sample = Math.min(Math.max(50 * 100, 10000), x.size.rows);
    const s = Math.max(x.ms - (x.size.heapBytes / scanRate) * 1000, 1) / 1000;
    return { x1: sample * DIMENSIONS * 100, x2: x.size.rows * DIMENSIONS * 100, s };
  });
  const det = p.x1 * q.x2 - q.x1 * p.x2;
  const inverseA = (p.s * q.x2 - q.s * p.x2) / det;
  const inverseB = (p.x1 * q.s - q.x1 * p.s) / det;
  return { sample: Math.round(1 / inverseA), row: Math.round(1 / inverseB) };
}

async function runCalibration(c) {
  console.log('bench-plan: calibrating on 20k and 50k rows of vector(768)');
  await c.query(`SET maintenance_work_mem = '1GB'`);
  const sizes = [20000, 50000];
  const samples = {};
  for (const rows of sizes) {
    const t = await ensureTable(c, rows);
    await c.query(`SELECT count(*) FROM ${t}`);
    const size = await tableSize(c, t);
    for (const { kind, sql } of KINDS) {
      const ms = await measure(c, sql(t), kind === 'hnsw' || kind === 'ivfflat' ? 1 : 3);
      (samples[kind] ??= []).push({ rows, size, ms });
      console.log(`  ${kind.padEnd(8)} ${String(rows).padStart(7)} rows: ${(ms / 1000).toFixed(2)} s`);
    }
  }
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const scanRate = mean(samples.scan.map((x) => work('scan', x.size, x.ms)));
  const rate = (kind) => mean(samples[kind].map((x) => work(kind, x.size, x.ms, ['btree', 'hnsw', 'ivfflat'].includes(kind) ? scanRate : 0)));
  const s = await settings(c);
  const ivfflat = ivfflatRates(samples.ivfflat, scanRate);
  const version = (await c.query(`SELECT current_setting('server_version') AS v, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS pv`)).rows[0];
  const rates = {
    measured: `${new Date().toISOString().slice(0, 10)} on PostgreSQL ${version.v}, pgvector ${version.pv}, ${os.cpus().length} cores (scripts/bench-plan.mjs --calibrate)`,
    rewriteBytesPerSec: Math.round(rate('rewrite')),
    scanBytesPerSec: Math.round(scanRate),
    btreeRowsPerSec: Math.round(rate('btree')),
    hnswRowDimLogsPerSec: Math.round(rate('hnsw')),
    hnswWorkers: parallelWorkers(samples.hnsw[1].size.heapBytes, { ...s, maintenanceWorkMemBytes: 2 ** 30 }),
    ivfflatSampleDimListsPerSec: ivfflat.sample,
    ivfflatRowDimListsPerSec: ivfflat.row,
    statementMs: 2,
    spread: { low: 0.5, high: 2 },
  };
  fs.writeFileSync(ratesFile, `${JSON.stringify(rates, null, 2)}\n`);
  console.log(`bench-plan: wrote ${path.relative(root, ratesFile)} (recompile to use it)`);
}

/** One pending migration holding `sql`, planned against the bench database by the real planner. */
async function planOf(sql, db) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-plan-'));
  try {
    fs.writeFileSync(path.join(dir, '0001_measure.sql'), `${sql};\n`);
    const set = loadMigrationSet(dir, 'plain');
    const plan = await planDeployment(db, set, { ...DEFAULT_CONFIG, historyTable: 'public.pgvm_bench_plan_history' });
    return plan.migrations[0].statements[0];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function runEstimates(c) {
  const sizes = [10000, 100000, ...extraRows];
  const db = await openServer({ connectionString: benchUrl }, 'bench-plan');
  await c.query(`SET maintenance_work_mem = '1GB'`);
  await db.execute(`SET maintenance_work_mem = '1GB'`);
  console.log(`bench-plan: estimate beside measured time (rates: ${JSON.parse(fs.readFileSync(ratesFile, 'utf8')).measured})`);
  console.log(`  ${'statement'.padEnd(9)} ${'rows'.padStart(8)}  ${'estimate'.padEnd(16)} ${'measured'.padStart(9)}  measured/estimate-midpoint  in range`);
  let inRange = 0;
  let total = 0;
  try {
    for (const rows of sizes) {
      const t = await ensureTable(c, rows);
      await c.query(`SELECT count(*) FROM ${t}`);
      for (const { kind, sql, outside } of [...KINDS, ...CONCURRENT_KINDS.map((k) => ({ ...k, outside: true }))]) {
        const planned = await planOf(sql(t), db);
        const ms = outside ? await measureOutside(c, sql(t)) : await measure(c, sql(t));
        const e = planned.estimate;
        const mid = Math.sqrt(e.lowMs * e.highMs);
        const ok = ms >= e.lowMs && ms <= e.highMs;
        total++;
        if (ok) inRange++;
        console.log(`  ${kind.padEnd(9)} ${String(rows).padStart(8)}  ${formatEstimate(e).padEnd(16)} ${`${(ms / 1000).toFixed(2)} s`.padStart(9)}  ${(ms / mid).toFixed(2)}x${' '.repeat(22)}${ok ? 'yes' : 'NO'}`);
      }
    }
    console.log(`bench-plan: ${inRange} of ${total} measured times fall inside their estimated range (target: within 2x of the midpoint)`);
  } finally {
    await db.close();
  }
}

/** pgvector's notice says after how many tuples the graph outgrew maintenance_work_mem: bytes per element, measured. */
async function runMemoryCheck(c) {
  const t = await ensureTable(c, 20000);
  const mwm = 16 * 2 ** 20;
  let notice;
  const onNotice = (n) => { if (/no longer fits/.test(n.message)) notice = n.message + (n.detail ? ` ${n.detail}` : ''); };
  c.on('notice', onNotice);
  await c.query(`SET maintenance_work_mem = '16MB'`);
  await c.query(`SET max_parallel_maintenance_workers = 0`);
  await measure(c, `CREATE INDEX ON ${t} USING hnsw (embedding vector_l2_ops)`);
  await c.query('RESET max_parallel_maintenance_workers');
  c.off('notice', onNotice);
  const predicted = hnswElementBytes(DIMENSIONS, 16);
  const after = notice && /after (\d+) tuples/.exec(notice);
  if (!after) {
    console.log(`bench-plan: HNSW memory: pgvector gave no "no longer fits" notice at 16 MB for 20k rows (model: ${predicted} bytes a row, ${(20000 * predicted / 2 ** 20).toFixed(0)} MB)`);
    return;
  }
  const measured = mwm / Number(after[1]);
  console.log(`bench-plan: HNSW memory, m = 16, vector(768): pgvector's notice "${notice.trim()}" means ${measured.toFixed(0)} bytes an element; the plan's model says ${predicted} (${(predicted / measured).toFixed(2)}x)`);
}

/** `plan` on 500 pending migrations, whole process, against `lint` of the same files. */
async function runSpeed(c) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-plan500-'));
  try {
    for (let i = 0; i < 50; i++) await c.query(`CREATE TABLE IF NOT EXISTS existing_${i} (id bigint PRIMARY KEY, a int, note text)`);
    fs.writeFileSync(path.join(dir, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations', historyTable: 'public.pgvm_bench_plan_history' }));
    const mdir = path.join(dir, 'db', 'migrations');
    fs.mkdirSync(mdir, { recursive: true });
    for (let i = 1; i <= 500; i++) {
      const v = String(i).padStart(4, '0');
      const e = `existing_${i % 50}`;
      const body = [
        `CREATE TABLE t_${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, doc_id bigint REFERENCES ${e} (id), embedding vector(768), created_at timestamptz NOT NULL DEFAULT now());`,
        `CREATE INDEX t_${i}_embedding_idx ON t_${i} USING hnsw (embedding vector_cosine_ops);`,
        `ALTER TABLE ${e} ADD COLUMN c_${i} text;`,
        `ALTER TABLE ${e} ADD CONSTRAINT ${e}_a_check_${i} CHECK (a > 0) NOT VALID;`,
      ].join('\n');
      fs.writeFileSync(path.join(mdir, `${v}_step_${i}.sql`), `-- Migration: ${v}_step_${i}.sql\n-- Description: bench\n-- Dependencies: none\n-- Author: bench\n-- Date: 2026-01-01\n\n-- UP Migration\nBEGIN;\n${body}\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\nDROP TABLE t_${i};\nCOMMIT;\n`);
    }
    const run = (cmd) => {
      const started = performance.now();
      const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), ...cmd, '--dir', dir, '--database-url', benchUrl, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - started;
      if (cmd[0] === 'plan' && !r.stdout.includes('"migrations"')) throw new Error(`plan failed: ${r.stderr}`);
      return ms;
    };
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const plan = median([0, 1, 2].map(() => run(['plan'])));
    const lint = median([0, 1, 2].map(() => run(['lint'])));
    console.log(`bench-plan: plan of 500 pending migrations (2,000 statements), process start included: ${(plan / 1000).toFixed(2)} s median of 3 (target under 2 s); lint of the same files ${(lint / 1000).toFixed(2)} s (${(plan / lint).toFixed(2)}x lint)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await ensureDatabase();
const c = new Client({ connectionString: benchUrl });
await c.connect();
try {
  await c.query('CREATE EXTENSION IF NOT EXISTS vector');
  if (calibrate) await runCalibration(c);
  else {
    await runEstimates(c);
    await runMemoryCheck(c);
    await runSpeed(c);
  }
} finally {
  await c.end();
}
