// Benchmark (not a test): `pgvector-migrator verify` on 100 generated migrations with the embedded
// database: each one applied, rolled back, compared with the schema before it and applied again,
// on one in-memory PGlite. Target: under 30 s in all. Prints the time per migration, and the
// start-up (PGlite cold start, reading the files) apart from it.
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = Number(process.env.PGVM_BENCH_MIGRATIONS ?? 100);
const TARGET_MS = 30000;
const cli = path.join(root, 'dist', 'cli.js');
if (!fs.existsSync(cli)) execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });

/** A mix of what migration sets hold: tables with embeddings and HNSW indexes, foreign keys, added columns and indexes, types. */
function writeMigrations(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const file = (i, name, up, down) => {
    const version = String(i).padStart(4, '0');
    const header = `-- Migration: ${version}_${name}.sql\n-- Description: generated for bench-verify\n-- Dependencies: none\n-- Author: bench\n-- Date: 2026-01-05\n\n`;
    fs.writeFileSync(path.join(dir, `${version}_${name}.sql`), `${header}-- UP Migration\nBEGIN;\n${up}\nCOMMIT;\n\n-- DOWN Migration\nBEGIN;\n${down}\nCOMMIT;\n`);
  };
  file(1, 'enable_vector', 'CREATE EXTENSION IF NOT EXISTS vector;', 'DROP EXTENSION IF EXISTS vector;');
  for (let i = 2; i <= COUNT; i++) {
    const t = `items_${i - (i % 3)}`;
    if (i % 3 === 0) {
      file(i, `create_${t}`, [
        `CREATE TABLE ${t} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL, embedding vector(3) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());`,
        `CREATE INDEX ${t}_embedding_idx ON ${t} USING hnsw (embedding vector_cosine_ops);`,
      ].join('\n'), `DROP TABLE ${t};`);
    } else if (i % 3 === 1) {
      file(i, `extend_${t}`, [
        `ALTER TABLE ${t} ADD COLUMN note text;`,
        `CREATE INDEX ${t}_label_idx ON ${t} (label);`,
        `ALTER TABLE ${t} ADD CONSTRAINT ${t}_label_check CHECK (label <> '');`,
      ].join('\n'), [`ALTER TABLE ${t} DROP CONSTRAINT ${t}_label_check;`, `DROP INDEX ${t}_label_idx;`, `ALTER TABLE ${t} DROP COLUMN note;`].join('\n'));
    } else {
      file(i, `kind_${i}`, `CREATE TYPE kind_${i} AS ENUM ('a', 'b');`, `DROP TYPE kind_${i};`);
    }
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pgvm-bench-verify-'));
try {
  writeMigrations(path.join(work, 'db', 'migrations'));
  fs.writeFileSync(path.join(work, 'pgvector-migrator.json'), JSON.stringify({ migrationsDir: 'db/migrations' }));
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'verify', '--dir', work, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    console.log(r.stdout.slice(0, 4000), r.stderr);
    throw new Error(`verify exited ${r.status}: the generated migrations should all pass`);
  }
  const { migrations } = JSON.parse(r.stdout);
  const passed = migrations.filter((m) => m.status === 'passed').length;
  const roundTrips = migrations.reduce((sum, m) => sum + m.durationMs, 0);
  const sorted = migrations.map((m) => m.durationMs).sort((a, b) => a - b);
  const last10 = migrations.slice(-10).reduce((sum, m) => sum + m.durationMs, 0) / 10;
  console.log(`\nverify ${COUNT} migrations on the embedded database (UP, DOWN, compare, UP again; ${passed} passed):`);
  console.log(`  total, end to end         ${(totalMs / 1000).toFixed(2)} s   (target: under ${TARGET_MS / 1000} s)`);
  console.log(`  start-up (PGlite, files)  ${((totalMs - roundTrips) / 1000).toFixed(2)} s`);
  console.log(`  per migration             ${(roundTrips / COUNT).toFixed(0)} ms mean, ${sorted[Math.floor(COUNT / 2)]} ms median, ${sorted[COUNT - 1]} ms max, ${last10.toFixed(0)} ms mean of the last 10`);
  console.log(`  ${totalMs < TARGET_MS ? 'OK' : 'OVER TARGET'}: ${(totalMs / COUNT).toFixed(0)} ms per migration including start-up`);
  process.exitCode = totalMs < TARGET_MS ? 0 : 1;
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
