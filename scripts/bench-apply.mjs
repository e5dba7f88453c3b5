// Benchmark (not a test): apply 500 small migrations to a real PostgreSQL with pgvector-migrator,
// with `psql -f` on the same statements concatenated (the floor) and with `dbmate up` on the same
// files, side by side in one run, on fresh databases; then time `status` on 500 applied migrations.
// Needs PGVM_BENCH_DATABASE_URL or PGVM_TEST_DATABASE_URL; installs dbmate into a cache folder.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const baseUrl = process.env.PGVM_BENCH_DATABASE_URL ?? process.env.PGVM_TEST_DATABASE_URL;
const COUNT = Number(process.env.PGVM_BENCH_MIGRATIONS ?? 500);
const ROUNDS = Number(process.env.PGVM_BENCH_ROUNDS ?? 3);

if (!baseUrl) {
  console.log('bench-apply: SKIPPED — set PGVM_BENCH_DATABASE_URL or PGVM_TEST_DATABASE_URL (scripts/setup-postgres.sh prints one)');
  process.exit(0);
}

const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

function dbUrl(name) {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

function psql(url, sql) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function freshDatabase(name) {
  psql(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(baseUrl, `CREATE DATABASE ${name}`);
  psql(dbUrl(name), 'CREATE EXTENSION IF NOT EXISTS vector');
  return dbUrl(name);
}

function ensureDbmate() {
  const cache = path.join(os.homedir(), '.cache', 'pgvector-migrator', 'bench-tools');
  const bin = path.join(cache, 'node_modules', '.bin', 'dbmate');
  if (!fs.existsSync(bin)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['install', '--prefix', cache, '--no-audit', '--no-fund', '--loglevel=error', 'dbmate@2.36.0'], { stdio: 'inherit' });
  }
  return bin;
}

/** 500 dbmate-layout files: a table with a vector column, an index, a row. Both tools read them. */
function writeMigrations(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const ups = [];
  for (let i = 1; i <= COUNT; i++) {
    const version = String(20260101000000 + i);
    const up = [
      `CREATE TABLE items_${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL, embedding vector(3));`,
      `CREATE INDEX items_${i}_label_idx ON items_${i} (label);`,
      `INSERT INTO items_${i} (label, embedding) VALUES ('item ${i}', '[1,2,3]');`,
    ].join('\n');
    ups.push(up);
    fs.writeFileSync(path.join(dir, `${version}_items_${i}.sql`), `-- migrate:up\n${up}\n\n-- migrate:down\nDROP TABLE items_${i};\n`);
  }
  return ups.join('\n');
}

function time(fn) {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function run(command, args, env = {}) {
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-'));
try {
  const migrationsDir = path.join(work, 'db', 'migrations');
  const concatenated = writeMigrations(migrationsDir);
  fs.writeFileSync(path.join(work, 'all.sql'), concatenated);
  fs.writeFileSync(path.join(work, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations', layout: 'dbmate' }));
  const dbmate = ensureDbmate();
  const results = { psql: [], dbmate: [], pgvm: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const a = freshDatabase('pgvm_bench_psql');
    results.psql.push(time(() => run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', a, '-f', path.join(work, 'all.sql')])));
    const b = freshDatabase('pgvm_bench_dbmate');
    results.dbmate.push(time(() => run(dbmate, ['--no-dump-schema', '--migrations-dir', migrationsDir, 'up'], { DATABASE_URL: `${b}?sslmode=disable` })));
    const c = freshDatabase('pgvm_bench_pgvm');
    results.pgvm.push(time(() => run(process.execPath, [cli, 'up', '--dir', work, '--database-url', c])));
  }
  const best = (xs) => Math.min(...xs);
  const [p, d, m] = [best(results.psql), best(results.dbmate), best(results.pgvm)];
  console.log(`\napply ${COUNT} migrations (best of ${ROUNDS}, fresh database each):`);
  console.log(`  psql -f (floor)      ${(p / 1000).toFixed(2)} s`);
  console.log(`  dbmate up            ${(d / 1000).toFixed(2)} s   ${(d / p).toFixed(2)}x psql`);
  console.log(`  pgvector-migrator up ${(m / 1000).toFixed(2)} s   ${(m / p).toFixed(2)}x psql   ${(m / d).toFixed(2)}x dbmate   (target: within 1.2x psql)`);

  const statusUrl = dbUrl('pgvm_bench_pgvm');
  const statusTimes = [];
  for (let i = 0; i < 7; i++) statusTimes.push(time(() => run(process.execPath, [cli, 'status', '--dir', work, '--database-url', statusUrl])));
  statusTimes.sort((x, y) => x - y);
  console.log(`\nstatus on ${COUNT} applied migrations, end to end with process start: median ${statusTimes[3].toFixed(0)} ms, best ${statusTimes[0].toFixed(0)} ms (goal: under 300 ms)`);
  for (const name of ['pgvm_bench_psql', 'pgvm_bench_dbmate', 'pgvm_bench_pgvm']) psql(baseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
