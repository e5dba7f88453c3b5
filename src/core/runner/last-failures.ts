// What a long-lived caller (the editor) remembers of failed runs. The history table records a
// failure only for migrations that ran outside a transaction; a transactional one rolls back and
// looks pending again. The user still wants to see it failed, with where and why, until it runs
// successfully or its file changes.
import type { Direction } from '../migrations/types';
import type { MigrationFailure } from './execute';
import type { RunResult } from './run';
import type { StatusEntry } from './status';
import { versionKey } from '../migrations/version';

export interface RememberedFailure {
  version: string;
  direction: Direction;
  /** The migration's checksum when it failed: an edit since then clears the failure. */
  checksum: string;
  failure: MigrationFailure;
}

export interface ShownEntry extends StatusEntry {
  /** The last run of this migration failed (kept by the caller, not in the history table). */
  lastFailure?: RememberedFailure;
}

/** The failures to remember after a run: the old ones minus what now ran, plus the new one. */
export function failuresAfterRun(previous: RememberedFailure[], result: RunResult): RememberedFailure[] {
  const ran = new Set(result.completed.map((c) => versionKey(c.migration.version)));
  const kept = previous.filter((f) => !ran.has(versionKey(f.version)));
  // A cancelled run was the user's own doing: the migration simply did not run.
  if (!result.failure || result.failure.outcome === 'cancelled') return kept;
  const f = result.failure;
  const key = versionKey(f.migration.version);
  return [
    ...kept.filter((p) => versionKey(p.version) !== key),
    { version: f.migration.version, direction: f.direction, checksum: f.migration.checksum, failure: f },
  ];
}

/**
 * Status entries with remembered failures shown as failed, and the failures that still hold.
 * A failure holds while the file is unchanged and the history still looks as the failed run
 * left it (UP: not applied; DOWN: still applied).
 */
export function overlayFailures(entries: StatusEntry[], failures: RememberedFailure[]): { entries: ShownEntry[]; holding: RememberedFailure[] } {
  const holding: RememberedFailure[] = [];
  const shown = entries.map((entry): ShownEntry => {
    const f = failures.find((x) => versionKey(x.version) === versionKey(entry.version));
    if (!f || !stillHolds(entry, f)) return entry;
    holding.push(f);
    return { ...entry, state: 'failed', lastFailure: f };
  });
  return { entries: shown, holding };
}

function stillHolds(entry: StatusEntry, f: RememberedFailure): boolean {
  if (!entry.migration || entry.checksum !== f.checksum) return false;
  if (entry.state === 'failed') return true; // the history says so too
  return f.direction === 'up' ? entry.state === 'pending' : entry.state === 'applied' || entry.state === 'changed';
}
