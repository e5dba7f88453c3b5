// Which run actions make sense on each migration of a status list, so that a menu offers only
// what the planner would accept: apply up to a pending one, roll back to an applied one that has
// newer applied ones above it, roll back the newest applied one.
import type { StatusEntry } from './status';
import type { ShownEntry } from './last-failures';
import { sectionText } from '../migrations/types';

export interface EntryActions {
  /** Apply every pending migration up to and including this one. */
  applyUpTo: boolean;
  /** Roll back every applied migration newer than this one (this one stays applied). */
  rollBackTo: boolean;
  /** This is the newest applied migration and can be rolled back on its own. */
  rollBack: boolean;
  /** It has a DOWN section with SQL in it. */
  hasDown: boolean;
}

/** One EntryActions per entry, in the same order. */
export function entryActions(entries: ShownEntry[]): EntryActions[] {
  const rollbackable = entries.map(isRollbackable);
  const newest = rollbackable.lastIndexOf(true);
  return entries.map((entry, i) => ({
    applyUpTo: isApplicable(entry),
    rollBackTo: rollbackable[i] && i < newest && entry.state !== 'failed',
    rollBack: i === newest && hasDown(entry),
    hasDown: hasDown(entry),
  }));
}

/** Pending on disk, or failed in a run whose transaction rolled it back (a plain `up` retries it). */
function isApplicable(entry: ShownEntry): boolean {
  if (!entry.migration) return false;
  if (entry.state === 'pending') return true;
  // A history row marked failed (outside a transaction) needs a person first: `up --retry-failed`.
  return entry.state === 'failed' && entry.lastFailure?.direction === 'up' && entry.history?.state !== 'failed';
}

/** What the planner rolls back: everything the history holds as applied, changed or failed. */
function isRollbackable(entry: StatusEntry): boolean {
  const recorded = entry.history && entry.history.state !== 'rolled_back';
  return Boolean(recorded) && entry.state !== 'pending';
}

function hasDown(entry: StatusEntry): boolean {
  const down = entry.migration?.down;
  if (!down) return false;
  return sectionText(down).replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() !== '';
}
