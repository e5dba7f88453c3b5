// Watching a CREATE INDEX from a second connection: pg_stat_progress_create_index (PostgreSQL 12+)
// says which phase the build of one backend is in and how many blocks or tuples it has done.
// Self-contained, so every long index build (migrations, bulk loads rebuilding their indexes) can
// show the same progress:
//   const watch = watchIndexBuild(() => db.openSibling!(), pid, (p) => show(formatIndexProgress(p)));
//   ... run the CREATE INDEX on `db` ...
//   await watch.stop();
// The embedded database has one connection and no progress view: there is nothing to watch.
import type { Db } from './types';

export interface IndexBuildProgress {
  /** Backend building the index. */
  pid: number;
  /** "building index: loading tuples", "waiting for old snapshots", ... as PostgreSQL names it. */
  phase: string;
  index?: string;
  table?: string;
  blocksDone: number;
  blocksTotal: number;
  tuplesDone: number;
  tuplesTotal: number;
  /** Since the watch began. */
  elapsedMs: number;
  /** Estimated time left in this phase, from its rate so far; undefined until it can be told. */
  etaMs?: number;
}

const PROGRESS_SQL = `SELECT p.pid, p.phase, i.relname AS index_name, t.relname AS table_name,
       p.blocks_done, p.blocks_total, p.tuples_done, p.tuples_total
  FROM pg_stat_progress_create_index p
  LEFT JOIN pg_class i ON i.oid = p.index_relid
  LEFT JOIN pg_class t ON t.oid = p.relid
 WHERE p.pid = $1`;

/** One reading of the backend's build, or undefined when it is building no index right now. */
export async function readIndexBuildProgress(db: Db, pid: number): Promise<Omit<IndexBuildProgress, 'elapsedMs' | 'etaMs'> | undefined> {
  const r = await db.query<Record<string, unknown>>(PROGRESS_SQL, [pid]);
  const row = r.rows[0];
  if (!row) return undefined;
  return {
    pid,
    phase: String(row.phase),
    index: row.index_name ? String(row.index_name) : undefined,
    table: row.table_name ? String(row.table_name) : undefined,
    blocksDone: Number(row.blocks_done ?? 0),
    blocksTotal: Number(row.blocks_total ?? 0),
    tuplesDone: Number(row.tuples_done ?? 0),
    tuplesTotal: Number(row.tuples_total ?? 0),
  };
}

export interface IndexBuildWatch {
  /** Stops polling and closes the watching connection. */
  stop(): Promise<void>;
  /** The last reading, if any. */
  last(): IndexBuildProgress | undefined;
  /** How many tuples the build loads in all, as best told: tuples_total, else extrapolated from the blocks scanned. */
  tuplesEstimate(): number | undefined;
}

/**
 * Polls the build of backend `pid` every `intervalMs` on a connection of its own (opened lazily by
 * `open`), calling `onProgress` with each reading. Failures to watch are never the build's
 * failures: the watch goes quiet instead.
 */
export function watchIndexBuild(open: () => Promise<Db>, pid: number, onProgress: (p: IndexBuildProgress) => void, intervalMs = 1000): IndexBuildWatch {
  const started = Date.now();
  let db: Db | undefined;
  let stopped = false;
  let last: IndexBuildProgress | undefined;
  let estimate: number | undefined;
  let phaseStart: { phase: string; at: number; done: number } | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      db ??= await open();
      if (stopped) return;
      const p = await readIndexBuildProgress(db, pid);
      if (!p || stopped) return;
      const now = Date.now();
      const { done, total } = unitsOf(p);
      if (!phaseStart || phaseStart.phase !== p.phase) phaseStart = { phase: p.phase, at: now, done };
      const rate = (done - phaseStart.done) / Math.max(1, now - phaseStart.at);
      const etaMs = total > 0 && rate > 0 ? (total - done) / rate : undefined;
      last = { ...p, elapsedMs: now - started, etaMs };
      estimate = estimatedTuples(p) ?? estimate;
      onProgress(last);
    } catch {
      stopped = true; // no progress view, no permission, connection refused: watch no more
    }
  };
  const timer = setInterval(() => { running = running.then(tick); }, intervalMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await db?.close().catch(() => undefined);
    },
    last: () => last,
    tuplesEstimate: () => estimate,
  };
}

/** pgvector's HNSW build counts tuples without a total while it scans the table's blocks: extrapolate. */
export function estimatedTuples(p: Pick<IndexBuildProgress, 'blocksDone' | 'blocksTotal' | 'tuplesDone' | 'tuplesTotal'>): number | undefined {
  if (p.tuplesTotal > 0) return p.tuplesTotal;
  if (p.blocksDone > 0 && p.blocksTotal > 0 && p.tuplesDone > 0) return Math.round((p.tuplesDone * p.blocksTotal) / p.blocksDone);
  return undefined;
}

/** What a phase counts: tuples while loading them into the index, blocks while scanning the table. */
export function unitsOf(p: Pick<IndexBuildProgress, 'blocksDone' | 'blocksTotal' | 'tuplesDone' | 'tuplesTotal'>): { unit: 'tuples' | 'blocks'; done: number; total: number } {
  if (p.tuplesTotal > 0) return { unit: 'tuples', done: p.tuplesDone, total: p.tuplesTotal };
  return { unit: 'blocks', done: p.blocksDone, total: p.blocksTotal };
}

/** "chunks_embedding_idx: building index: loading tuples, 45 of 160 blocks (28%), 3,400 tuples, ETA 12 s". */
export function formatIndexProgress(p: IndexBuildProgress): string {
  const { unit, done, total } = unitsOf(p);
  const count = total > 0 ? `, ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${unit} (${Math.floor((done / total) * 100)}%)` : '';
  // HNSW loads tuples as it scans blocks, with no tuple total: show both counts.
  const tuples = unit === 'blocks' && p.tuplesDone > 0 ? `, ${p.tuplesDone.toLocaleString('en-US')} tuples` : '';
  const eta = p.etaMs !== undefined ? `, ETA ${formatDuration(p.etaMs)}` : '';
  return `${p.index ?? 'index'}: ${p.phase}${count}${tuples}${eta}`;
}

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** pgvector's NOTICE when the HNSW graph outgrows maintenance_work_mem mid-build. */
const HNSW_MEMORY_NOTICE = /hnsw graph no longer fits into maintenance_work_mem after (\d+) tuples/i;

export interface MaintenanceMemoryWarning {
  tuples: number;
  /** The setting in force ("64MB"), when it could be read. */
  current?: string;
  /** What to raise it to, from how far the build got and how many tuples it has in all. */
  suggested?: string;
  message: string;
}

/**
 * The NOTICE "hnsw graph no longer fits into maintenance_work_mem after N tuples" as a warning
 * that says what to raise, to what, and how, for one migration. Undefined for other notices.
 */
export function maintenanceMemoryWarning(notice: string, current?: string, tuplesTotal?: number): MaintenanceMemoryWarning | undefined {
  const m = HNSW_MEMORY_NOTICE.exec(notice);
  if (!m) return undefined;
  const tuples = Number(m[1]);
  const currentKb = current ? settingToKb(current) : undefined;
  const suggestedKb = currentKb && tuplesTotal && tuplesTotal > tuples ? roundUpMb(currentKb * (tuplesTotal / tuples) * 1.2) : currentKb ? roundUpMb(currentKb * 2) : undefined;
  const suggested = suggestedKb ? `${Math.round(suggestedKb / 1024)}MB` : undefined;
  const to = suggested ? ` to about ${suggested}${tuplesTotal && tuplesTotal > tuples ? ` for about ${tuplesTotal.toLocaleString('en-US')} tuples` : ''}` : '';
  const message = `the HNSW graph no longer fit into maintenance_work_mem${current ? ` (${current})` : ''} after ${tuples.toLocaleString('en-US')} tuples, so the rest of the build is much slower`
    + `; raise maintenance_work_mem${to}: put SET maintenance_work_mem = '${suggested ?? '1GB'}'; before the CREATE INDEX in the migration (it holds for that session only, and the server needs that much free memory)`;
  return { tuples, current, suggested, message };
}

const UNIT_KB: Record<string, number> = { kb: 1, mb: 1024, gb: 1024 * 1024, tb: 1024 * 1024 * 1024 };

function settingToKb(setting: string): number | undefined {
  const m = /^(\d+)\s*(kB|MB|GB|TB)?$/i.exec(setting.trim());
  return m ? Number(m[1]) * UNIT_KB[(m[2] ?? 'kB').toLowerCase()] : undefined;
}

function roundUpMb(kb: number): number {
  return Math.ceil(kb / 1024) * 1024;
}
