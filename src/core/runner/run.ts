// A whole run: take the advisory lock, read the history, plan, run each step, release the lock.
// Stops at the first failure; what ran before it stays applied and recorded.
import type { Db } from '../db/types';
import type { ProjectConfig } from '../config/config';
import type { Migration, MigrationSet, Direction } from '../migrations/types';
import { acquireRunLock } from '../db/advisory-lock';
import { ensureHistoryTable, findForeignHistoryTables, readHistory, upgradeChecksums } from '../db/history';
import { ensureParser } from '../sql/parser';
import { computeStatus, legacyChecksumUpgrades, StatusEntry } from './status';
import { planRun, PlanOptions, PlanStep } from './plan';
import { MigrationFailure, runSection, RunEvent } from './execute';
import { planSection } from './section-plan';
import { refuseForeignApplied } from './adopt';
import { readForeignHistories } from '../migrations/foreign/readers';
import { indexesBuiltBy, invalidIndexes } from './built-indexes';
import { maintenanceMemoryWarning, watchIndexBuild } from '../db/index-build-progress';
import { checkRequires, markWaiting, RequiresAnswer, requiresOf, skippedRequiresNote } from './requires';
import { quoteQualified } from '../db/types';
import { versionKey } from '../migrations/version';

export interface RunOptions extends PlanOptions {
  dryRun?: boolean;
  /** How often index builds are read from pg_stat_progress_create_index (default every second). */
  progressIntervalMs?: number;
  /** Run migrations whose `-- Requires:` precondition is false (noted in their history row). */
  skipRequires?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
}

export interface CompletedStep {
  migration: Migration;
  direction: Direction;
  durationMs: number;
}

export interface RunResult {
  plan: PlanStep[];
  completed: CompletedStep[];
  failure?: MigrationFailure;
  /** The run stopped before this migration: its `-- Requires:` precondition is false. */
  waiting?: { migration: Migration; requires: RequiresAnswer };
  /** Migrations applied although their precondition was false (--skip-requires). */
  skippedRequires?: { migration: Migration; requires: RequiresAnswer }[];
}

export async function runMigrations(db: Db, set: MigrationSet, config: ProjectConfig, options: RunOptions): Promise<RunResult> {
  await ensureParser();
  const lock = await acquireRunLock(db, config.historyTable, config.advisoryLockTimeout);
  try {
    // Beside another tool's history, refuse before creating anything of ours.
    if (options.direction === 'up') refuseForeignApplied(computeStatus(set, await readHistory(db, config.historyTable)), set, await readForeignHistories(db));
    if (!options.dryRun) await ensureHistoryTable(db, config.historyTable);
    const status = computeStatus(set, await readHistory(db, config.historyTable));
    const plan = planRun(set, status, options);
    // Read every section before running anything, so unreadable SQL refuses the whole run.
    for (const step of plan) planSection(step.direction === 'up' ? step.migration.up : step.migration.down!);
    if (options.dryRun) return { plan, completed: [] };
    await upgradeChecksums(db, config.historyTable, legacyChecksumUpgrades(status));
    const completed: CompletedStep[] = [];
    const skippedRequires: NonNullable<RunResult['skippedRequires']> = [];
    for (const step of plan) {
      const requires = step.direction === 'up' ? await precondition(db, step.migration) : undefined;
      if (requires && !requires.satisfied) {
        if (!options.skipRequires) return { plan, completed, waiting: { migration: step.migration, requires } };
        skippedRequires.push({ migration: step.migration, requires });
      }
      try {
        const durationMs = await withIndexWatch(db, step, options, () => runSection(db, step.migration, step.direction, {
          historyTable: config.historyTable,
          lockTimeout: config.lockTimeout,
          statementTimeout: config.statementTimeout,
          recordedVersion: status.find((e) => e.migration === step.migration)?.history?.version,
          signal: options.signal,
          onEvent: options.onEvent,
          retryingFailed: step.direction === 'up' && status.some((e) => e.migration === step.migration && e.state === 'failed'),
        }));
        completed.push({ ...step, durationMs });
        if (requires && !requires.satisfied) await noteHistory(db, config.historyTable, step.migration, skippedRequiresNote(requires));
      } catch (err) {
        if (err instanceof MigrationFailure) {
          // Committed, then the connection was lost: it did run, and the report says so.
          if (err.committed) completed.push({ ...step, durationMs: 0 });
          return { plan, completed, failure: err, ...(skippedRequires.length ? { skippedRequires } : {}) };
        }
        throw err;
      }
      if (options.signal?.aborted) break;
    }
    return { plan, completed, ...(skippedRequires.length ? { skippedRequires } : {}) };
  } finally {
    await lock.release();
  }
}

/**
 * Runs a step that builds indexes with a second connection watching them (servers only), and
 * turns pgvector's maintenance_work_mem NOTICE into a warning that says what to set.
 */
async function withIndexWatch<T>(db: Db, step: PlanStep, options: RunOptions, work: () => Promise<T>): Promise<T> {
  const { onEvent } = options;
  const section = step.direction === 'up' ? step.migration.up : step.migration.down!;
  if (!db.openSibling || !onEvent || indexesBuiltBy(planSection(section).statements).length === 0) return work();
  const pid = Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  const base = { migration: step.migration, direction: step.direction };
  const watch = watchIndexBuild(() => db.openSibling!(), pid, (progress) => onEvent({ kind: 'index-progress', ...base, progress }), options.progressIntervalMs);
  const notices: string[] = [];
  const unsubscribe = db.onNotice?.((n) => notices.push(n));
  try {
    const result = await work();
    const memory = notices.find((n) => maintenanceMemoryWarning(n));
    if (memory) {
      const current = await db.query<{ v: string }>("SELECT current_setting('maintenance_work_mem') AS v").then((r) => r.rows[0]?.v, () => undefined);
      const warning = maintenanceMemoryWarning(memory, current, watch.tuplesEstimate());
      if (warning) onEvent({ kind: 'warning', ...base, message: warning.message });
    }
    return result;
  } finally {
    unsubscribe?.();
    await watch.stop();
  }
}

async function precondition(db: Db, m: Migration): Promise<RequiresAnswer | undefined> {
  const sql = requiresOf(m);
  return sql === undefined ? undefined : checkRequires(db, sql);
}

/** Says in the history row why a migration ran although its precondition was false. */
async function noteHistory(db: Db, historyTable: string, m: Migration, note: string): Promise<void> {
  const rows = await readHistory(db, historyTable);
  const row = rows.find((h) => versionKey(h.version) === versionKey(m.version));
  if (row) await db.query(`UPDATE ${quoteQualified(historyTable)} SET error = $1 WHERE version = $2`, [note, row.version]);
}

export interface StatusReport {
  entries: StatusEntry[];
  /** Other tools' history tables found in the database (never written to). */
  foreignHistory: { table: string; tool: string }[];
}

/** Reads status without creating anything in the database. */
export async function readStatus(db: Db, set: MigrationSet, config: ProjectConfig): Promise<StatusReport> {
  const [history, foreignHistory] = await Promise.all([readHistory(db, config.historyTable), findForeignHistoryTables(db)]);
  const entries = computeStatus(set, history);
  for (const entry of entries) {
    if (entry.state === 'failed' && entry.migration) entry.invalidIndexes = await invalidIndexesOf(db, entry.migration);
  }
  await markWaiting(db, entries);
  return { entries, foreignHistory };
}

async function invalidIndexesOf(db: Db, migration: Migration): Promise<string[] | undefined> {
  let builds: string[];
  try {
    builds = indexesBuiltBy(planSection(migration.up).statements);
  } catch {
    return undefined; // unreadable SQL: `up` and `lint` say so; status stays a listing
  }
  const invalid = await invalidIndexes(db, builds);
  return invalid.length > 0 ? invalid : undefined;
}
