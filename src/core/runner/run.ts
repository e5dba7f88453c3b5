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

export interface RunOptions extends PlanOptions {
  dryRun?: boolean;
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
    for (const step of plan) {
      try {
        const durationMs = await runSection(db, step.migration, step.direction, {
          historyTable: config.historyTable,
          lockTimeout: config.lockTimeout,
          statementTimeout: config.statementTimeout,
          recordedVersion: status.find((e) => e.migration === step.migration)?.history?.version,
          signal: options.signal,
          onEvent: options.onEvent,
          retryingFailed: step.direction === 'up' && status.some((e) => e.migration === step.migration && e.state === 'failed'),
        });
        completed.push({ ...step, durationMs });
      } catch (err) {
        if (err instanceof MigrationFailure) {
          // Committed, then the connection was lost: it did run, and the report says so.
          if (err.committed) completed.push({ ...step, durationMs: 0 });
          return { plan, completed, failure: err };
        }
        throw err;
      }
      if (options.signal?.aborted) break;
    }
    return { plan, completed };
  } finally {
    await lock.release();
  }
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
