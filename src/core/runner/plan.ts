// Decides which migrations a run touches, in which order, and refuses up front (changing
// nothing) when the files or the history say the run would be unsafe.
import * as path from 'node:path';
import type { Direction, Migration, MigrationSet } from '../migrations/types';
import { sectionText, SKIPPED_FILE_PROBLEMS } from '../migrations/types';
import { versionKey } from '../migrations/version';
import { MigratorError } from '../errors';
import type { StatusEntry } from './status';

export interface PlanStep {
  migration: Migration;
  direction: Direction;
}

export interface PlanOptions {
  direction: Direction;
  /** up: apply through this version; down: roll back everything newer than it ("0" = all). */
  to?: string;
  /** down only: how many of the newest applied migrations to roll back (default 1). */
  steps?: number;
  allowDrift?: boolean;
  allowOutOfOrder?: boolean;
  /** up only: run migrations marked failed again, from their first statement. */
  retryFailed?: boolean;
}

export function planRun(set: MigrationSet, status: StatusEntry[], options: PlanOptions): PlanStep[] {
  return options.direction === 'up' ? planUp(set, status, options) : planDown(status, options);
}

const fileName = (e: { file?: string; version: string; name: string }) => (e.file ? path.basename(e.file) : `${e.version}_${e.name}`);

function planUp(set: MigrationSet, status: StatusEntry[], options: PlanOptions): PlanStep[] {
  refuseOnProblems(set);
  const changed = status.filter((e) => e.state === 'changed');
  if (changed.length > 0 && !options.allowDrift) {
    throw new MigratorError(`${changed.map(fileName).join(', ')} changed after ${changed.length === 1 ? 'it was' : 'they were'} applied (checksum differs from the history)`, {
      location: { file: changed[0].file! },
      fix: 'restore the applied SQL and put the change in a new migration, or pass --allow-drift if the edit is harmless (a comment, formatting)',
    });
  }
  const failed = status.filter((e) => e.state === 'failed');
  if (failed.length > 0 && !options.retryFailed) {
    const f = failed[0];
    throw new MigratorError(`${fileName(f)} is marked failed: it ran outside a transaction and stopped after ${f.history?.statementsDone ?? 0} statement(s)${f.history?.error ? ` (${f.history.error})` : ''}`, {
      location: f.file ? { file: f.file } : undefined,
      fix: 'check what it left in the database and undo or finish it by hand, then run `up --retry-failed` to run it again, or `down` to run its DOWN section',
    });
  }
  const target = options.to === undefined ? undefined : findVersion(status, options.to);
  // Positions in the status, which is in apply order: versions may be names (sqitch) or follow a journal.
  const last = target === undefined ? status.length - 1 : status.indexOf(target);
  const runnable = status.filter((e, i) => i <= last && e.migration && (e.state === 'pending' || (e.state === 'failed' && options.retryFailed)));
  const selected = runnable;
  refuseOutOfOrder(status, selected, options);
  return selected.map((e) => ({ migration: e.migration!, direction: 'up' as const }));
}

/**
 * Any problem in the directory refuses the run, a duplicate version too: --allow-drift is for
 * applied files that changed, and two files of one version can never both be recorded. A file
 * that is not a migration is skipped (status and lint report it), never a reason to refuse.
 */
function refuseOnProblems(set: MigrationSet): void {
  const blocking = set.problems.filter((p) => !SKIPPED_FILE_PROBLEMS.has(p.kind));
  if (blocking.length === 0) return;
  const p = blocking[0];
  throw new MigratorError(`${p.message}${blocking.length > 1 ? ` (and ${blocking.length - 1} more problem(s) in the migrations directory)` : ''}`, {
    location: { file: p.file, line: p.line },
    fix: p.fix ?? 'fix the migrations directory; nothing was applied',
  });
}

function refuseOutOfOrder(status: StatusEntry[], selected: StatusEntry[], options: PlanOptions): void {
  if (options.allowOutOfOrder) return;
  const applied = status.filter((e) => e.state === 'applied' || e.state === 'changed' || e.state === 'missing');
  const newest = applied[applied.length - 1];
  if (!newest) return;
  const newestAt = status.indexOf(newest);
  const older = selected.filter((e) => e.state === 'pending' && status.indexOf(e) < newestAt);
  if (older.length === 0) return;
  throw new MigratorError(`${fileName(older[0])} is pending but older than ${fileName(newest)}, which is already applied`, {
    location: { file: older[0].file! },
    fix: 'give it a version after the newest applied one, or pass --allow-out-of-order to apply it anyway',
  });
}

function findVersion(status: StatusEntry[], version: string): StatusEntry | undefined {
  if (versionKey(version) === '0' || versionKey(version) === '') return undefined;
  const found = status.find((e) => versionKey(e.version) === versionKey(version));
  if (!found) {
    throw new MigratorError(`there is no migration with version ${version}`, { fix: 'run `status` to see the versions' });
  }
  return found;
}

function planDown(status: StatusEntry[], options: PlanOptions): PlanStep[] {
  const rollbackable = status.filter((e) => e.state === 'applied' || e.state === 'changed' || e.state === 'failed' || e.state === 'missing').reverse();
  let selected: StatusEntry[];
  if (options.to !== undefined) {
    const target = findVersion(status, options.to);
    const targetAt = target ? status.indexOf(target) : -1;
    selected = rollbackable.filter((e) => status.indexOf(e) > targetAt);
  } else {
    selected = rollbackable.slice(0, options.steps ?? 1);
  }
  for (const e of selected) {
    if (!e.migration) {
      throw new MigratorError(`${fileName(e)} is applied but its file is missing, so its DOWN section cannot run; nothing was rolled back`, {
        fix: 'restore the file (e.g. from version control), then run down again',
      });
    }
    const down = e.migration.down;
    if (!down || sectionText(down).trim() === '' || onlyComments(sectionText(down))) {
      throw new MigratorError(`${fileName(e)} has no DOWN section, so down stops before it; nothing was rolled back`, {
        location: { file: e.file! },
        fix: down ? 'write the statements that undo its UP section under "-- DOWN Migration"' : 'add a DOWN section (or a .down.sql / U file) that undoes it, or roll back to a version after it',
      });
    }
  }
  return selected.map((e) => ({ migration: e.migration!, direction: 'down' as const }));
}

function onlyComments(sql: string): boolean {
  return sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}
