// --defer-indexes: a table's HNSW and IVFFlat indexes are dropped before a load and built again
// after it from their exact definitions (kept in the checkpoint, so a crash in between loses none).
import type { Db } from '../db/types';
import { quoteIdent } from '../db/types';
import type { DeferredIndex } from './checkpoint';
import type { TargetTable } from './target';
import { readIndexBuildProgress, unitsOf } from '../db/index-build-progress';

export async function annIndexesOf(db: Db, table: TargetTable): Promise<DeferredIndex[]> {
  const r = await db.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
       JOIN pg_catalog.pg_am a ON a.oid = c.relam
      WHERE i.indrelid = to_regclass($1) AND a.amname IN ('hnsw', 'ivfflat')
      ORDER BY c.relname`,
    [table.quoted],
  );
  return r.rows;
}

export async function dropIndexes(db: Db, table: TargetTable, indexes: DeferredIndex[]): Promise<void> {
  for (const index of indexes) await db.execute(`DROP INDEX IF EXISTS ${quoteIdent(table.schema)}.${quoteIdent(index.name)}`);
}

export interface RebuildOptions {
  /** CONCURRENTLY: the table had rows before the load, so readers keep using it meanwhile. */
  concurrently: boolean;
  rows: number;
  onIndex?: (message: string) => void;
  /** A second connection to the same server, to read the build's progress while it runs. */
  openMonitor?: () => Promise<Db>;
  onBuildProgress?: (build: { index: string; phase: string; percent?: number }) => void;
}

const POLL_MS = 2000;

/** Reads pg_stat_progress_create_index for the building backend until `done` settles. */
async function watchBuild(monitor: Db, pid: number, index: string, done: Promise<unknown>, report: NonNullable<RebuildOptions['onBuildProgress']>): Promise<void> {
  let finished = false;
  void done.finally(() => { finished = true; }).catch(() => undefined);
  while (!finished) {
    await Promise.race([done.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
    if (finished) break;
    // The one reader of pg_stat_progress_create_index, shared with `up`'s index builds.
    const progress = await readIndexBuildProgress(monitor, pid).catch(() => undefined);
    if (!progress) continue;
    const { done: done_, total } = unitsOf(progress);
    report({ index, phase: progress.phase, percent: total > 0 ? Math.min(100, Math.round((100 * done_) / total)) : undefined });
  }
}

/** Runs the build, with its progress read on a second connection when one can be opened. */
async function buildWatched(db: Db, sql: string, index: string, options: RebuildOptions): Promise<void> {
  const monitor = db.kind === 'server' && options.openMonitor && options.onBuildProgress ? await options.openMonitor().catch(() => undefined) : undefined;
  if (!monitor) return db.execute(sql);
  try {
    const pid = Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
    const build = db.execute(sql);
    await watchBuild(monitor, pid, index, build, options.onBuildProgress!);
    await build;
  } finally {
    await monitor.close();
  }
}

/**
 * Builds each index again (skipping one a previous run already rebuilt), with maintenance_work_mem
 * raised for this session to what an HNSW graph of the table needs, as far as the server allows.
 */
export async function rebuildIndexes(db: Db, table: TargetTable, indexes: DeferredIndex[], options: RebuildOptions): Promise<string[]> {
  const built: string[] = [];
  for (const index of indexes) {
    const state = await db.query<{ valid: boolean }>(
      `SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid
        WHERE c.relname = $1 AND c.relnamespace = $2::regnamespace`,
      [index.name, quoteIdent(table.schema)],
    );
    if (state.rows[0]?.valid) continue;
    if (state.rows[0]) await db.execute(`DROP INDEX ${quoteIdent(table.schema)}.${quoteIdent(index.name)}`); // left invalid by a failed CONCURRENTLY
    const restore = await raiseMaintenanceWorkMem(db, neededBytes(index.definition, table, options.rows));
    const concurrently = options.concurrently && db.kind === 'server';
    options.onIndex?.(`building ${index.name}${concurrently ? ' (CONCURRENTLY)' : ''}`);
    try {
      await buildWatched(db, concurrently ? index.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ') : index.definition, index.name, options);
    } finally {
      await restore();
    }
    built.push(index.name);
  }
  return built;
}

/** An HNSW graph holds every vector and its neighbour lists: about this much, with some room. */
function neededBytes(definition: string, table: TargetTable, rows: number): number {
  if (!/USING hnsw/i.test(definition)) return 0;
  const column = table.columns.find((c) => new RegExp(`\\(${c.quoted}\\b|\\(${c.name}\\b`).test(definition));
  const bytesPerElement = column?.kind === 'halfvec' ? 2 : 4;
  const dims = column?.size ?? 1536;
  const m = Number(/m\s*=\s*'?(\d+)/.exec(definition)?.[1] ?? 16);
  return Math.ceil(rows * (dims * bytesPerElement + m * 2 * 10 + 64) * 1.2);
}

/** Never above 2 GB (a shared server's memory is not ours to take), never below the current value. */
const MAX_RAISE = 2 * 1024 * 1024 * 1024;

async function raiseMaintenanceWorkMem(db: Db, bytes: number): Promise<() => Promise<void>> {
  if (bytes <= 0) return async () => undefined;
  const current = await db.query<{ kb: string }>(`SELECT setting AS kb FROM pg_catalog.pg_settings WHERE name = 'maintenance_work_mem'`);
  const currentKb = Number(current.rows[0]?.kb ?? 0);
  const wantKb = Math.ceil(Math.min(bytes, MAX_RAISE) / 1024);
  if (wantKb <= currentKb) return async () => undefined;
  try {
    await db.execute(`SET maintenance_work_mem = '${wantKb}kB'`);
  } catch {
    return async () => undefined; // the server refuses: build with what it has
  }
  return async () => { await db.execute('RESET maintenance_work_mem').catch(() => undefined); };
}
