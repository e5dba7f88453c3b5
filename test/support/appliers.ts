// Real CLI processes applying one set at the same time, and what the database holds afterwards:
// shared by the concurrency suite and `npm run stress`.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';
import { migrationFile } from './projects';

/** The compiled CLI entry (tsc output), so the suite needs no bundle. */
export const CLI_ENTRY = path.resolve(__dirname, '..', '..', 'src', 'cli.js');

/** Two CONCURRENTLY builds around a transactional migration, on a table big enough to take a while. */
export function concurrentSet(): Record<string, string> {
  return {
    '0001_items.sql': migrationFile('CREATE TABLE items (id bigint PRIMARY KEY, label text NOT NULL);\nINSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 20000) g;', 'DROP TABLE items;'),
    '0002_items_label_idx.sql': migrationFile('CREATE INDEX CONCURRENTLY items_label_idx ON items (label);', 'DROP INDEX CONCURRENTLY items_label_idx;'),
    '0003_run_log.sql': migrationFile('CREATE TABLE run_log (id int);\nINSERT INTO run_log VALUES (1);\nSELECT pg_sleep(0.2);', 'DROP TABLE run_log;'),
    '0004_items_upper_idx.sql': migrationFile('CREATE INDEX CONCURRENTLY items_upper_idx ON items (upper(label));', 'DROP INDEX CONCURRENTLY items_upper_idx;'),
  };
}

export interface ApplierExit {
  code: number;
  stdout: string;
  stderr: string;
}

/** Starts `count` `up` processes (each `staggerMs` after the previous one) and waits for all. */
export async function runAppliers(projectDir: string, url: string, count: number, staggerMs = 0): Promise<ApplierExit[]> {
  const runs: Promise<ApplierExit>[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && staggerMs > 0) await new Promise((r) => setTimeout(r, staggerMs));
    runs.push(new Promise((resolve) => {
      execFile(process.execPath, [CLI_ENTRY, 'up', '--database-url', url], { cwd: projectDir, env: { PATH: process.env.PATH }, timeout: 90000 },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    }));
  }
  return Promise.all(runs);
}

export interface RoundSummary {
  failedProcesses: string[];
  /** "applied 0002_..." lines over every process's output. */
  appliedLines: number;
  logRows: number;
  invalidIndexes: string[];
  historyStates: string[];
}

export async function summariseRound(url: string, exits: ApplierExit[]): Promise<RoundSummary> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const log = await client.query<{ n: string }>('SELECT count(*) AS n FROM run_log').catch(() => ({ rows: [{ n: '0' }] }));
    const invalid = await client.query<{ name: string }>('SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid ORDER BY 1');
    const history = await client.query<{ state: string }>('SELECT state FROM pgvector_migrator_history ORDER BY version').catch(() => ({ rows: [] as { state: string }[] }));
    return {
      failedProcesses: exits.filter((e) => e.code !== 0).map((e) => `exit ${e.code}: ${e.stderr.trim().split('\n').slice(-3).join(' | ')}`),
      appliedLines: exits.reduce((n, e) => n + (e.stdout.match(/^\s+applied\s/gm)?.length ?? 0), 0),
      logRows: Number(log.rows[0].n),
      invalidIndexes: invalid.rows.map((r) => r.name),
      historyStates: history.rows.map((r) => r.state),
    };
  } finally {
    await client.end();
  }
}
